import { applyDecorators, Header } from '@nestjs/common';
import Handlebars from 'handlebars';
import { PAGE_STYLESHEET } from './page-assets';

export interface ActionPage {
  title: string;
  /** Plain-text paragraphs; escaped. */
  paragraphs: string[];
  /** A form with one button: the only way a page changes anything (a GET never does). */
  form?: { action: string; fields: Record<string, string>; button: string };
  /** Shown in a monospace box (for example a session token to paste into a client). */
  code?: { label: string; value: string };
}

const layout = Handlebars.compile<ActionPage & { stylesheet: string }>(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>{{title}}</title>
<link rel="stylesheet" href="{{stylesheet}}">
</head>
<body>
<main>
<h1>{{title}}</h1>
{{#each paragraphs}}<p>{{this}}</p>
{{/each}}
{{#if code}}<p><label for="code">{{code.label}}</label></p><code id="code">{{code.value}}</code>
{{/if}}
{{#if form}}<form method="post" action="{{form.action}}">
{{#each form.fields}}<input type="hidden" name="{{@key}}" value="{{this}}">
{{/each}}<button type="submit">{{form.button}}</button>
</form>
{{/if}}
</main>
</body>
</html>
`);

/** A small accessible server-rendered page for the links in emails. Everything is escaped. */
export function renderActionPage(page: ActionPage): string {
  return layout({ ...page, stylesheet: PAGE_STYLESHEET });
}

/**
 * Headers for every page an emailed link opens: HTML, never cached. The Content-Security-Policy and
 * the other security headers come from securityHeaders, on every response.
 */
export const ActionPageHeaders = (): MethodDecorator =>
  applyDecorators(Header('Content-Type', 'text/html; charset=utf-8'), Header('Cache-Control', 'no-store'));

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
  token: string,
  page: { title: string; intro: string; action: string; button: string },
): string {
  return renderActionPage(
    token
      ? {
          title: page.title,
          paragraphs: [page.intro],
          form: { action: page.action, fields: { token }, button: page.button },
        }
      : {
          title: page.title,
          paragraphs: ['This link is incomplete. Please open the whole link from your email.'],
        },
  );
}

/**
 * Runs what a link's button does and renders the outcome. An error of the `stale` class (a used,
 * expired or unknown link) becomes a 400 page saying so; anything else propagates.
 */
export async function linkActionPage(
  res: { status(code: number): unknown },
  stale: abstract new (...args: never[]) => Error,
  action: () => Promise<ActionPage>,
): Promise<string> {
  try {
    return renderActionPage(await action());
  } catch (error) {
    if (!(error instanceof stale)) {
      throw error;
    }
    res.status(400);
    return renderActionPage(staleLinkPage(error));
  }
}

/** What a used, expired or unknown link shows (with a 400). */
export function staleLinkPage(error: Error): ActionPage {
  return { title: 'This link no longer works', paragraphs: [error.message] };
}
