import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@app/core';
import { sendPage } from './forms';
import { PageContexts } from './page-context';
import { simplePage } from './pages';

/** The privacy notice and the accessibility statement every page links to. */
@Controller()
export class StaticPagesController {
  constructor(private readonly contexts: PageContexts) {}

  @Public()
  @Get('privacy')
  privacy(@Res() res: Response): void {
    const ctx = this.contexts.create();
    const { m } = ctx;
    sendPage(
      res,
      simplePage(
        ctx,
        { title: m.static.privacyTitle, path: '/privacy' },
        m.static.privacy.map((text) => <p key={text}>{text}</p>),
      ),
      200,
      { cache: 'public' },
    );
  }

  @Public()
  @Get('accessibility')
  accessibility(@Res() res: Response): void {
    const ctx = this.contexts.create();
    const { m } = ctx;
    sendPage(
      res,
      simplePage(
        ctx,
        { title: m.static.accessibilityTitle, path: '/accessibility' },
        m.static.accessibility.map((text) => <p key={text}>{text}</p>),
      ),
      200,
      { cache: 'public' },
    );
  }
}
