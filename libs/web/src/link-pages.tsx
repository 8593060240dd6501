import { applyDecorators, Header } from '@nestjs/common';
import { InvalidLinkError } from '@app/core';
import type { ComponentChildren } from 'preact';
import { Button } from './components';
import { Layout } from './layout';
import type { PageContext } from './page-context';
import { renderPage } from './render';

/** What a page behind an emailed link shows. */
export interface LinkPage {
  title: string;
  /** Plain-text paragraphs (escaped like everything else). */
  paragraphs: string[];
  /** A form with one button: the only way such a page changes anything (a GET never does). */
  form?: { action: string; fields: Record<string, string>; button: string };
  /** Shown in a monospace box (for example a session token to paste into a client). */
  code?: { label: string; value: string };
  /** More content after the paragraphs (share links, next actions). */
  extra?: ComponentChildren;
}

/** Renders a link page in the site's layout. Never indexed; the token never leaks by Referer. */
export function renderLinkPage(ctx: PageContext, page: LinkPage): string {
  return renderPage(
    <Layout ctx={ctx} meta={{ title: page.title, noindex: true }}>
      <h1>{page.title}</h1>
      {page.paragraphs.map((text) => (
        <p key={text}>{text}</p>
      ))}
      {page.code ? (
        <div class="field">
          <label class="label" for="link-code">
            {page.code.label}
          </label>
          <textarea class="textarea" id="link-code" readOnly rows={3}>
            {page.code.value}
          </textarea>
        </div>
      ) : null}
      {page.form ? (
        <form method="post" action={page.form.action}>
          {Object.entries(page.form.fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <Button>{page.form.button}</Button>
        </form>
      ) : null}
      {page.extra}
    </Layout>,
  );
}

/** Headers for every page an emailed link opens: HTML, never cached, no Referer (it holds a token). */
export const LinkPageHeaders = (): MethodDecorator =>
  applyDecorators(
    Header('Content-Type', 'text/html; charset=utf-8'),
    Header('Cache-Control', 'no-store'),
    Header('Referrer-Policy', 'no-referrer'),
  );

/** The token of an emailed link, from a query string or a form: a string of at most 200 characters, or ''. */
export function linkToken(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 200) : '';
}

/**
 * The page an emailed link opens (by GET): one button that POSTs the token to `action`. A GET never
 * acts, because mail scanners and link previews follow links. Without a token it says the link is
 * incomplete.
 */
export function linkFormPage(
  ctx: PageContext,
  token: string,
  page: { title: string; intro: string; action: string; button: string },
): string {
  return renderLinkPage(
    ctx,
    token
      ? {
          title: page.title,
          paragraphs: [page.intro],
          form: { action: page.action, fields: { token }, button: page.button },
        }
      : { title: page.title, paragraphs: [ctx.m.links.incomplete] },
  );
}

/**
 * Runs what a link's button does and renders the outcome. An InvalidLinkError (a used, expired or
 * unknown link) becomes a 400 page saying so; anything else propagates.
 */
export async function linkActionPage(
  ctx: PageContext,
  res: { status(code: number): unknown },
  action: () => Promise<LinkPage>,
): Promise<string> {
  try {
    return renderLinkPage(ctx, await action());
  } catch (error) {
    if (!(error instanceof InvalidLinkError)) {
      throw error;
    }
    res.status(400);
    return renderLinkPage(ctx, staleLinkPage(ctx, error));
  }
}

/** What a used, expired or unknown link shows (with a 400). */
export function staleLinkPage(ctx: PageContext, error: Error): LinkPage {
  return { title: ctx.m.links.staleTitle, paragraphs: [error.message] };
}
