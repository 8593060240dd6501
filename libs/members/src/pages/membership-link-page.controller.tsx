import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public, PublicAction } from '@app/core';
import { linkActionPage, linkFormPage, LinkPageHeaders, linkToken, PageContexts } from '@app/web';
import { BranchRecordsService } from '../branch-records.service';

/** The page the "is this yours?" link opens, in the site's layout: GET shows a button, only the POST confirms. */
@Controller('membership/confirm')
export class MembershipLinkPageController {
  constructor(
    private readonly records: BranchRecordsService,
    private readonly contexts: PageContexts,
  ) {}

  @Public()
  @Get()
  @LinkPageHeaders()
  show(@Query('token') token: unknown): string {
    const ctx = this.contexts.create();
    return linkFormPage(ctx, linkToken(token), {
      title: ctx.m.membership.confirmTitle,
      intro: ctx.m.membership.confirmIntro,
      action: '/membership/confirm',
      button: ctx.m.membership.confirmButton,
    });
  }

  @PublicAction()
  @Post()
  @HttpCode(200)
  @LinkPageHeaders()
  confirm(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const ctx = this.contexts.create();
    return linkActionPage(ctx, res, async () => {
      const { branch, moved } = await this.records.confirmLink(linkToken(token));
      return {
        title: ctx.m.membership.confirmedTitle,
        paragraphs: [moved && branch ? ctx.m.membership.moved(branch) : ctx.m.membership.kept],
      };
    });
  }
}
