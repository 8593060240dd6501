import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public, PublicAction } from '@app/core';
import { linkActionPage, linkFormPage, LinkPageHeaders, linkToken, PageContexts } from '@app/web';
import { JoinService } from '../join.service';
import { joinedExtra } from './join.views';

/** The page the confirmation link opens, in the site's layout: GET shows a button, only the POST confirms. */
@Controller('confirm-email')
export class ConfirmEmailPageController {
  constructor(
    private readonly join: JoinService,
    private readonly contexts: PageContexts,
  ) {}

  @Public()
  @Get()
  @LinkPageHeaders()
  show(@Query('token') token: unknown): string {
    const ctx = this.contexts.create();
    return linkFormPage(ctx, linkToken(token), {
      title: ctx.m.join.confirmTitle,
      intro: ctx.m.join.confirmIntro,
      action: '/confirm-email',
      button: ctx.m.join.confirmButton,
    });
  }

  @PublicAction()
  @Post()
  @HttpCode(200)
  @LinkPageHeaders()
  confirm(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const ctx = this.contexts.create();
    return linkActionPage(ctx, res, async () => {
      await this.join.confirmEmail(linkToken(token));
      return {
        title: ctx.m.join.confirmedTitle,
        paragraphs: [ctx.m.join.confirmedBody],
        extra: joinedExtra(ctx),
      };
    });
  }
}
