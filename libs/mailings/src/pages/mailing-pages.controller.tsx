import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@app/core';
import { linkActionPage, linkFormPage, LinkPageHeaders, linkToken, PageContexts } from '@app/web';
import { MailingsService } from '../mailings.service';

/** The page behind a mailing's unsubscribe link, and its RFC 8058 one-click POST. */
@Controller('mailings')
export class MailingPagesController {
  constructor(
    private readonly mailings: MailingsService,
    private readonly contexts: PageContexts,
  ) {}

  /** A GET never acts (mail scanners follow links): a page with one button. */
  @Public()
  @Get('unsubscribe')
  @LinkPageHeaders()
  show(@Query('token') token: unknown): string {
    const ctx = this.contexts.create();
    return linkFormPage(ctx, linkToken(token), {
      title: ctx.m.yourData.unsubscribeTitle,
      intro: ctx.m.yourData.unsubscribeIntro,
      action: '/mailings/unsubscribe',
      button: ctx.m.yourData.unsubscribeButton,
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
  @LinkPageHeaders()
  unsubscribe(
    @Query('token') queryToken: unknown,
    @Body('token') bodyToken: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const ctx = this.contexts.create();
    return linkActionPage(ctx, res, async () => {
      await this.mailings.unsubscribe(linkToken(queryToken ?? bodyToken));
      return {
        title: ctx.m.yourData.unsubscribedTitle,
        paragraphs: [ctx.m.yourData.unsubscribedBody, ctx.m.yourData.unsubscribedMore],
      };
    });
  }
}
