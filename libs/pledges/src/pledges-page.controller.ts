import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ActionPageHeaders, linkActionPage, linkFormPage, linkToken, Public, PublicAction } from '@app/core';
import { InvalidPledgeLinkError, PledgesService } from './pledges.service';

/** The page behind the owner's confirmation link. */
@Controller('pledges')
export class PledgesPageController {
  constructor(private readonly pledges: PledgesService) {}

  @Public()
  @Get('confirm')
  @ActionPageHeaders()
  show(@Query('token') token: unknown): string {
    return linkFormPage(linkToken(token), {
      title: 'Confirm your venue’s pledge',
      intro: 'Press the button and the pledge goes to the local branch to verify.',
      action: '/pledges/confirm',
      button: 'Confirm the pledge',
    });
  }

  @PublicAction()
  @Post('confirm')
  @HttpCode(200)
  @ActionPageHeaders()
  confirm(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return linkActionPage(res, InvalidPledgeLinkError, async () => {
      await this.pledges.confirm(linkToken(token));
      return {
        title: 'Thank you',
        paragraphs: ['Your pledge is with the local branch. We will email you when it is verified.'],
      };
    });
  }
}
