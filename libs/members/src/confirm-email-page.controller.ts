import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ActionPageHeaders, linkActionPage, linkFormPage, linkToken, Public, PublicAction } from '@app/core';
import { JoinService } from './join.service';
import { InvalidMemberLinkError } from './members.errors';

/** The page the confirmation link opens: GET shows a button, only the POST confirms. */
@Controller('confirm-email')
export class ConfirmEmailPageController {
  constructor(private readonly join: JoinService) {}

  @Public()
  @Get()
  @ActionPageHeaders()
  show(@Query('token') token: unknown): string {
    return linkFormPage(linkToken(token), {
      title: 'Confirm your email address',
      intro: 'Press the button to confirm that this email address is yours.',
      action: '/confirm-email',
      button: 'Confirm my email address',
    });
  }

  @PublicAction()
  @Post()
  @HttpCode(200)
  @ActionPageHeaders()
  confirm(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return linkActionPage(res, InvalidMemberLinkError, async () => {
      await this.join.confirmEmail(linkToken(token));
      return {
        title: 'Thank you',
        paragraphs: ['Your email address is confirmed. Welcome to the campaign.'],
      };
    });
  }
}
