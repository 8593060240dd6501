import type { ComponentChildren } from 'preact';
import { Layout, PageMeta } from './layout';
import type { PageContext } from './page-context';
import { renderPage } from './render';

/** A simple page in the layout: a heading and some content. */
export function simplePage(ctx: PageContext, meta: PageMeta, body: ComponentChildren): string {
  return renderPage(
    <Layout ctx={ctx} meta={meta}>
      <h1>{meta.title}</h1>
      {body}
    </Layout>,
  );
}

export function notFoundPage(ctx: PageContext): string {
  const { m } = ctx;
  return simplePage(ctx, { title: m.errors.notFoundTitle, noindex: true }, [
    <p key="b">{m.errors.notFoundBody}</p>,
    <p key="h">
      <a href="/">{m.errors.goHome}</a>
    </p>,
  ]);
}

export function tooManyRequestsPage(ctx: PageContext): string {
  const { m } = ctx;
  return simplePage(ctx, { title: m.errors.tooManyTitle, noindex: true }, <p>{m.errors.tooManyBody}</p>);
}

export function unavailablePage(ctx: PageContext): string {
  const { m } = ctx;
  return simplePage(ctx, { title: m.errors.unavailableTitle, noindex: true }, [
    <p key="b">{m.errors.unavailableBody}</p>,
    <p key="h">
      <a href="/">{m.errors.goHome}</a>
    </p>,
  ]);
}

/** A retryable outage (SERVICE_UNAVAILABLE, answered 503 with Retry-After). */
export function retryPage(ctx: PageContext): string {
  const { m } = ctx;
  return simplePage(ctx, { title: m.errors.retryTitle, noindex: true }, <p>{m.errors.retryBody}</p>);
}
