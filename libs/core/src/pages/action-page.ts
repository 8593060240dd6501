import { applyDecorators, Header } from '@nestjs/common';
import Handlebars from 'handlebars';

export interface ActionPage {
  title: string;
  /** Plain-text paragraphs; escaped. */
  paragraphs: string[];
  /** A form with one button: the only way a page changes anything (a GET never does). */
  form?: { action: string; fields: Record<string, string>; button: string };
  /** Shown in a monospace box (for example a session token to paste into a client). */
  code?: { label: string; value: string };
}

const layout = Handlebars.compile<ActionPage>(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>{{title}}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
button{font:inherit;font-size:1.1rem;padding:.6rem 1.4rem;border:0;border-radius:.3rem;background:#1d4f91;color:#fff;cursor:pointer}
button:focus{outline:3px solid #fd0;outline-offset:2px}
code{display:block;word-break:break-all;background:#f2f2f2;padding:.6rem;border-radius:.3rem}
</style>
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
  return layout(page);
}

/** The pages load nothing from anywhere, can post only to us, and cannot be framed. */
const PAGE_SECURITY =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

/** Headers for every page an emailed link opens: HTML, never cached, locked down. */
export const ActionPageHeaders = (): MethodDecorator =>
  applyDecorators(
    Header('Content-Type', 'text/html; charset=utf-8'),
    Header('Cache-Control', 'no-store'),
    Header('Content-Security-Policy', PAGE_SECURITY),
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
