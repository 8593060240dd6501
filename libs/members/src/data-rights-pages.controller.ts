import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ActionPageHeaders,
  linkActionPage,
  linkFormPage,
  linkToken,
  Public,
  PublicAction,
  renderActionPage,
  sendDownload,
  staleLinkPage,
} from '@app/core';
import { DataRightsService } from './data-rights.service';
import { InvalidMemberLinkError } from './members.errors';

/** The pages behind data-rights and unsubscribe links. Only the data download acts on a GET. */
@Controller()
export class DataRightsPagesController {
  constructor(private readonly rights: DataRightsService) {}

  /** A plain GET, as the issue asks: reading changes nothing, and the link expires after 24 hours. */
  @Public()
  @Get('my-data')
  @Header('Cache-Control', 'no-store')
  async download(@Query('token') token: unknown, @Res() res: Response): Promise<void> {
    let data: Record<string, unknown>;
    try {
      data = await this.rights.exportData(linkToken(token));
    } catch (error) {
      if (!(error instanceof InvalidMemberLinkError)) {
        throw error;
      }
      res
        .status(400)
        .type('html')
        .send(renderActionPage(staleLinkPage(error)));
      return;
    }
    await sendDownload(
      res,
      { contentType: 'application/json; charset=utf-8', filename: 'my-data.json' },
      async (out) => out.write(JSON.stringify(data, null, 2)),
    );
  }

  @Public()
  @Get('erase')
  @ActionPageHeaders()
  showErase(@Query('token') token: unknown): string {
    return linkFormPage(linkToken(token), {
      title: 'Erase your data',
      intro:
        'Pressing the button removes your name, email address, postcode and everything else the campaign holds about you. This cannot be undone.',
      action: '/erase',
      button: 'Erase my data',
    });
  }

  @PublicAction()
  @Post('erase')
  @HttpCode(200)
  @ActionPageHeaders()
  erase(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return linkActionPage(res, InvalidMemberLinkError, async () => {
      await this.rights.confirmErasure(linkToken(token));
      return { title: 'Your data is erased', paragraphs: ['We hold nothing about you any more.'] };
    });
  }

  @Public()
  @Get('unsubscribe')
  @ActionPageHeaders()
  showUnsubscribe(@Query('token') token: unknown): string {
    return linkFormPage(linkToken(token), {
      title: 'Unsubscribe',
      intro: 'Press the button and we will stop sending you campaign email.',
      action: '/unsubscribe',
      button: 'Unsubscribe',
    });
  }

  /**
   * RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click` to the link itself (token in
   * the query); the page's button sends it in the form. Only the default rate limit applies, since
   * providers post from few addresses for many people.
   */
  @Public()
  @Post('unsubscribe')
  @HttpCode(200)
  @ActionPageHeaders()
  unsubscribe(
    @Query('token') queryToken: unknown,
    @Body('token') bodyToken: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return linkActionPage(res, InvalidMemberLinkError, async () => {
      await this.rights.unsubscribe(linkToken(queryToken ?? bodyToken));
      return {
        title: 'You are unsubscribed',
        paragraphs: ['We will not send you campaign email any more. Thank you for your support.'],
      };
    });
  }
}
