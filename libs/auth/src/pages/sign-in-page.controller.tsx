import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public, PublicAction } from '@app/core';
import {
  linkActionPage,
  linkFormPage,
  LinkPageHeaders,
  linkToken,
  PageContext,
  PageContexts,
} from '@app/web';
import { AuthService } from '../auth.service';
import { DASHBOARD_PATH, SessionCookie } from '../session-cookie';

const TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

/**
 * The page a sign-in link opens, in the site's layout: GET shows a button, the POST signs in.
 * Organisers and admins get the session as an httpOnly cookie and go on to the dashboard; everyone
 * else (venue owners, API users) sees the token to use as a bearer token.
 */
@Controller('sign-in')
export class SignInPageController {
  constructor(
    private readonly auth: AuthService,
    private readonly contexts: PageContexts,
    private readonly cookie: SessionCookie,
  ) {}

  @Public()
  @Get()
  @LinkPageHeaders()
  show(@Query('token') token: unknown): string {
    const ctx = this.contexts.create();
    return linkFormPage(ctx, linkToken(token), {
      title: ctx.m.signIn.title,
      intro: ctx.m.signIn.intro,
      action: '/sign-in',
      button: ctx.m.signIn.button,
    });
  }

  @PublicAction()
  @Post()
  @HttpCode(200)
  @LinkPageHeaders()
  async signIn(
    @Body('token') token: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    // A form on another site posting someone's own link here would sign the visitor in as them
    // (login CSRF): a browser says where the post came from, and such a post only shows the button.
    if (req.headers['sec-fetch-site'] === 'cross-site') {
      return this.show(token);
    }
    const ctx = this.contexts.create();
    return linkActionPage(ctx, res, async () => {
      const session = await this.auth.signIn(linkToken(token));
      if (await this.cookie.isFor(session.member.id)) {
        this.cookie.set(res, session.token, session.expiresAt);
        res.status(303).location(DASHBOARD_PATH);
        return {
          title: ctx.m.signIn.signedInTitle,
          paragraphs: [ctx.m.signIn.welcome(session.member.fullName)],
          extra: (
            <p>
              <a href={DASHBOARD_PATH}>{ctx.m.signIn.openDashboard}</a>
            </p>
          ),
        };
      }
      return {
        title: ctx.m.signIn.signedInTitle,
        paragraphs: [
          ctx.m.signIn.welcome(session.member.fullName),
          ctx.m.signIn.session(TIME.format(session.expiresAt)),
        ],
        extra: <SessionToken ctx={ctx} token={session.token} />,
      };
    });
  }
}

/** The session token, whole and selectable, wrapping on a narrow screen. */
function SessionToken({ ctx, token }: { ctx: PageContext; token: string }) {
  return (
    <div class="session-token">
      <h2 class="session-token__label">{ctx.m.signIn.tokenLabel}</h2>
      <pre class="session-token__value">
        <code id="code">{token}</code>
      </pre>
    </div>
  );
}
