import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ActionPageHeaders, linkActionPage, linkFormPage, linkToken, Public, PublicAction } from '@app/core';
import { InvalidSignInLinkError } from './auth.errors';
import { AuthService } from './auth.service';

const TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

/** The page a sign-in link opens: GET shows a button, the POST signs in. */
@Controller('sign-in')
export class SignInPageController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get()
  @ActionPageHeaders()
  show(@Query('token') token: unknown): string {
    return linkFormPage(linkToken(token), {
      title: 'Sign in',
      intro: 'Press the button to sign in. The link works once.',
      action: '/sign-in',
      button: 'Sign in',
    });
  }

  @PublicAction()
  @Post()
  @HttpCode(200)
  @ActionPageHeaders()
  signIn(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return linkActionPage(res, InvalidSignInLinkError, async () => {
      const session = await this.auth.signIn(linkToken(token));
      return {
        title: 'You are signed in',
        paragraphs: [
          `Welcome, ${session.member.fullName}.`,
          `Your session lasts until ${TIME.format(session.expiresAt)}. Until the campaign's web app takes over this page, use the token below as "Authorization: Bearer <token>" in the GraphQL sandbox at /graphql. Keep it secret.`,
        ],
        code: { label: 'Session token', value: session.token },
      };
    });
  }
}
