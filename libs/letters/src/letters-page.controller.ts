import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ActionPageHeaders, linkActionPage, linkFormPage, linkToken, Public, PublicAction } from '@app/core';
import { InvalidLettersLinkError, LettersService } from './letters.service';

/** The confirmation link's page: a GET shows a button, the POST sends. */
@Controller('letters')
export class LettersPageController {
  constructor(private readonly letters: LettersService) {}

  @Public()
  @Get('confirm')
  @ActionPageHeaders()
  show(@Query('token') token: unknown): string {
    return linkFormPage(linkToken(token), {
      title: 'Confirm your letter',
      intro: 'Press the button and your letter is sent.',
      action: '/letters/confirm',
      button: 'Send my letter',
    });
  }

  @PublicAction()
  @Post('confirm')
  @HttpCode(200)
  @ActionPageHeaders()
  confirm(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return linkActionPage(res, InvalidLettersLinkError, async () => {
      const { campaign, queued } = await this.letters.confirm(linkToken(token));
      return {
        title: 'Thank you: your letter is on its way',
        paragraphs: [
          `${queued === 1 ? 'One letter' : `${queued} letters`} for “${campaign.title}” will be delivered shortly. A copy is in your inbox, and replies come straight to you.`,
        ],
      };
    });
  }
}
