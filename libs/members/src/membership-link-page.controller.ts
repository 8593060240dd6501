import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ActionPageHeaders, linkActionPage, linkFormPage, linkToken, Public, PublicAction } from '@app/core';
import { BranchRecordsService } from './branch-records.service';
import { InvalidMemberLinkError } from './members.errors';

/** The page the "is this yours?" link opens: GET shows a button, only the POST confirms. */
@Controller('membership/confirm')
export class MembershipLinkPageController {
  constructor(private readonly records: BranchRecordsService) {}

  @Public()
  @Get()
  @ActionPageHeaders()
  show(@Query('token') token: unknown): string {
    return linkFormPage(linkToken(token), {
      title: 'Is this yours?',
      intro: 'Press the button to confirm that it was you, and to keep it with your membership.',
      action: '/membership/confirm',
      button: 'Yes, it was me',
    });
  }

  @PublicAction()
  @Post()
  @HttpCode(200)
  @ActionPageHeaders()
  confirm(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return linkActionPage(res, InvalidMemberLinkError, async () => {
      const { branch, moved } = await this.records.confirmLink(linkToken(token));
      return {
        title: 'Thank you',
        paragraphs: [
          moved && branch
            ? `Your membership is now with the ${branch} branch.`
            : 'It is kept with your membership now.',
        ],
      };
    });
  }
}
