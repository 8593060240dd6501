import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ActionPageHeaders, Public, PublicAction, renderActionPage } from '@app/core';
import { InvalidPledgeLinkError, PledgesService } from './pledges.service';

const tokenOf = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 200) : '');

/** The page behind the owner's confirmation link. */
@Controller('pledges')
export class PledgesPageController {
  constructor(private readonly pledges: PledgesService) {}

  @Public()
  @Get('confirm')
  @ActionPageHeaders()
  show(@Query('token') token: unknown): string {
    return renderActionPage({
      title: 'Confirm your venue’s pledge',
      paragraphs: ['Press the button and the pledge goes to the local branch to verify.'],
      form: { action: '/pledges/confirm', fields: { token: tokenOf(token) }, button: 'Confirm the pledge' },
    });
  }

  @PublicAction()
  @Post('confirm')
  @HttpCode(200)
  @ActionPageHeaders()
  async confirm(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      await this.pledges.confirm(tokenOf(token));
      return renderActionPage({
        title: 'Thank you',
        paragraphs: ['Your pledge is with the local branch. We will email you when it is verified.'],
      });
    } catch (error) {
      if (!(error instanceof InvalidPledgeLinkError)) {
        throw error;
      }
      res.status(400);
      return renderActionPage({ title: 'This link no longer works', paragraphs: [error.message] });
    }
  }
}
