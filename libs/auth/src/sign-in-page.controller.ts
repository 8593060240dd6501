import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ActionPageHeaders, Public, PublicAction, renderActionPage } from '@app/core';
import { InvalidSignInLinkError } from './auth.errors';
import { AuthService } from './auth.service';

const TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

/**
 * The page a sign-in link opens. GET only shows a button (mail scanners and link previews follow
 * links); the POST signs in.
 */
@Controller('sign-in')
export class SignInPageController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get()
  @ActionPageHeaders()
  show(@Query('token') token?: string): string {
    if (!token) {
      return renderActionPage({
        title: 'Sign in',
        paragraphs: [
          'This link is incomplete. Please open the whole link from your email, or ask for a new one.',
        ],
      });
    }
    return renderActionPage({
      title: 'Sign in',
      paragraphs: ['Press the button to sign in. The link works once.'],
      form: { action: '/sign-in', fields: { token }, button: 'Sign in' },
    });
  }

  @PublicAction()
  @Post()
  @HttpCode(200)
  @ActionPageHeaders()
  async signIn(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      if (typeof token !== 'string' || token.length === 0 || token.length > 200) {
        throw new InvalidSignInLinkError();
      }
      const session = await this.auth.signIn(token);
      return renderActionPage({
        title: 'You are signed in',
        paragraphs: [
          `Welcome, ${session.member.fullName}.`,
          `Your session lasts until ${TIME.format(session.expiresAt)}. Until the campaign's web app takes over this page, use the token below as "Authorization: Bearer <token>" in the GraphQL sandbox at /graphql. Keep it secret.`,
        ],
        code: { label: 'Session token', value: session.token },
      });
    } catch (error) {
      if (!(error instanceof InvalidSignInLinkError)) {
        throw error;
      }
      res.status(400);
      return renderActionPage({ title: 'This link no longer works', paragraphs: [error.message] });
    }
  }
}
