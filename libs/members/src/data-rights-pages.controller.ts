import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ActionPageHeaders, Public, PublicAction, renderActionPage } from '@app/core';
import { DataRightsService } from './data-rights.service';
import { InvalidMemberLinkError } from './members.errors';

const stale = (res: Response, error: unknown): string => {
  if (!(error instanceof InvalidMemberLinkError)) {
    throw error;
  }
  res.status(400);
  return renderActionPage({ title: 'This link no longer works', paragraphs: [error.message] });
};

const tokenOf = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 200) : '');

/** The pages behind data-rights and unsubscribe links. Only the data download acts on a GET. */
@Controller()
export class DataRightsPagesController {
  constructor(private readonly rights: DataRightsService) {}

  /** A plain GET, as the issue asks: reading changes nothing, and the link expires after 24 hours. */
  @Public()
  @Get('my-data')
  @Header('Cache-Control', 'no-store')
  async download(@Query('token') token: unknown, @Res() res: Response): Promise<void> {
    try {
      const data = await this.rights.exportData(tokenOf(token));
      res
        .status(200)
        .set('Content-Type', 'application/json; charset=utf-8')
        .set('Content-Disposition', 'attachment; filename="my-data.json"')
        .send(JSON.stringify(data, null, 2));
    } catch (error) {
      res.set('Content-Type', 'text/html; charset=utf-8').send(stale(res, error));
    }
  }

  @Public()
  @Get('erase')
  @ActionPageHeaders()
  showErase(@Query('token') token: unknown): string {
    return renderActionPage({
      title: 'Erase your data',
      paragraphs: [
        'Pressing the button removes your name, email address, postcode and everything else the campaign holds about you. This cannot be undone.',
      ],
      form: { action: '/erase', fields: { token: tokenOf(token) }, button: 'Erase my data' },
    });
  }

  @PublicAction()
  @Post('erase')
  @HttpCode(200)
  @ActionPageHeaders()
  async erase(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      await this.rights.confirmErasure(tokenOf(token));
      return renderActionPage({
        title: 'Your data is erased',
        paragraphs: ['We hold nothing about you any more.'],
      });
    } catch (error) {
      return stale(res, error);
    }
  }

  @Public()
  @Get('unsubscribe')
  @ActionPageHeaders()
  showUnsubscribe(@Query('token') token: unknown): string {
    return renderActionPage({
      title: 'Unsubscribe',
      paragraphs: ['Press the button and we will stop sending you campaign email.'],
      form: {
        action: `/unsubscribe?token=${encodeURIComponent(tokenOf(token))}`,
        fields: {},
        button: 'Unsubscribe',
      },
    });
  }

  /** RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click` to the link itself. */
  @Public()
  @Post('unsubscribe')
  @HttpCode(200)
  @ActionPageHeaders()
  async unsubscribe(
    @Query('token') queryToken: unknown,
    @Body('token') bodyToken: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    try {
      await this.rights.unsubscribe(tokenOf(queryToken ?? bodyToken));
      return renderActionPage({
        title: 'You are unsubscribed',
        paragraphs: ['We will not send you campaign email any more. Thank you for your support.'],
      });
    } catch (error) {
      return stale(res, error);
    }
  }
}
