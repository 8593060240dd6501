import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ActionPageHeaders, Public, PublicAction, renderActionPage } from '@app/core';
import { JoinService } from './join.service';
import { InvalidMemberLinkError } from './members.errors';

/** The page the confirmation link opens: GET shows a button, only the POST confirms. */
@Controller('confirm-email')
export class ConfirmEmailPageController {
  constructor(private readonly join: JoinService) {}

  @Public()
  @Get()
  @ActionPageHeaders()
  show(@Query('token') token?: string): string {
    return renderActionPage({
      title: 'Confirm your email address',
      paragraphs: token
        ? ['Press the button to confirm that this email address is yours.']
        : ['This link is incomplete. Please open the whole link from your email.'],
      form: token
        ? { action: '/confirm-email', fields: { token }, button: 'Confirm my email address' }
        : undefined,
    });
  }

  @PublicAction()
  @Post()
  @HttpCode(200)
  @ActionPageHeaders()
  async confirm(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      await this.join.confirmEmail(typeof token === 'string' ? token : '');
      return renderActionPage({
        title: 'Thank you',
        paragraphs: ['Your email address is confirmed. Welcome to the campaign.'],
      });
    } catch (error) {
      if (!(error instanceof InvalidMemberLinkError)) {
        throw error;
      }
      res.status(400);
      return renderActionPage({ title: 'This link no longer works', paragraphs: [error.message] });
    }
  }
}
