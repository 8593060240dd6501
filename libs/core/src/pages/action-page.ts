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
