import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidLinkError, Public, PublicAction, sendDownload } from '@app/core';
import {
  linkActionPage,
  linkFormPage,
  LinkPageHeaders,
  linkToken,
  PageContexts,
  renderLinkPage,
  sendPage,
  staleLinkPage,
} from '@app/web';
import { DataRightsService } from '../data-rights.service';
import { dataRightsExtra } from './your-data.views';

/**
 * The pages behind data-rights and unsubscribe links, in the site's layout. Only the data download
 * acts on a GET, and it only reads.
 */
@Controller()
export class DataRightsPagesController {
  constructor(
    private readonly rights: DataRightsService,
    private readonly contexts: PageContexts,
  ) {}

  /**
   * A plain GET, as the issue asks: reading changes nothing, and the link expires after 24 hours. It
   * answers the JSON file itself; a used, expired or incomplete link gets a page saying so (400).
   */
  @Public()
  @Get('my-data')
  async download(@Query('token') token: unknown, @Res() res: Response): Promise<void> {
    res.setHeader('Referrer-Policy', 'no-referrer');
    const ctx = this.contexts.create();
    if (!linkToken(token)) {
      return sendPage(
        res,
        renderLinkPage(ctx, { title: ctx.m.yourData.title, paragraphs: [ctx.m.links.incomplete] }),
        400,
      );
    }
    let data: Record<string, unknown>;
    try {
      data = await this.rights.exportData(linkToken(token));
    } catch (error) {
      if (!(error instanceof InvalidLinkError)) {
        throw error;
      }
      return sendPage(res, renderLinkPage(ctx, staleLinkPage(ctx, error)), 400);
    }
    await sendDownload(
      res,
      { contentType: 'application/json; charset=utf-8', filename: 'my-data.json' },
      async (out) => out.write(JSON.stringify(data, null, 2)),
    );
  }

  @Public()
  @Get('erase')
  @LinkPageHeaders()
  showErase(@Query('token') token: unknown): string {
    const ctx = this.contexts.create();
    return linkFormPage(ctx, linkToken(token), {
      title: ctx.m.yourData.eraseConfirmTitle,
      intro: ctx.m.yourData.eraseConfirmIntro,
      action: '/erase',
      button: ctx.m.yourData.eraseConfirmButton,
    });
  }

  @PublicAction()
  @Post('erase')
  @HttpCode(200)
  @LinkPageHeaders()
  erase(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const ctx = this.contexts.create();
    return linkActionPage(ctx, res, async () => {
      await this.rights.confirmErasure(linkToken(token));
      return {
        title: ctx.m.yourData.erasedTitle,
        paragraphs: [ctx.m.yourData.erasedBody, ctx.m.yourData.erasedMore],
      };
    });
  }

  @Public()
  @Get('unsubscribe')
  @LinkPageHeaders()
  showUnsubscribe(@Query('token') token: unknown): string {
    const ctx = this.contexts.create();
    return linkFormPage(ctx, linkToken(token), {
      title: ctx.m.yourData.unsubscribeTitle,
      intro: ctx.m.yourData.unsubscribeIntro,
      action: '/unsubscribe',
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
      await this.rights.unsubscribe(linkToken(queryToken ?? bodyToken));
      return {
        title: ctx.m.yourData.unsubscribedTitle,
        paragraphs: [ctx.m.yourData.unsubscribedBody, ctx.m.yourData.unsubscribedMore],
        extra: dataRightsExtra(ctx),
      };
    });
  }
}
