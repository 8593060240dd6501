import type { ComponentChildren } from 'preact';
import type { PageContext } from './page-context';

export interface PageMeta {
  /** The page's own title (the campaign's name is added). */
  title: string;
  /** True when the page shows a failed form: the title starts with "Error: ". */
  hasErrors?: boolean;
  /** OpenGraph/Twitter description for action pages. */
  description?: string;
  /** The page's canonical path, for share previews. */
  path?: string;
  /** The branch the page belongs to, shown in the header. */
  branchName?: string;
  /** Links that carry one-time tokens must not be indexed or leak by Referer. */
  noindex?: boolean;
}

export function Layout({
  ctx,
  meta,
  children,
}: {
  ctx: PageContext;
  meta: PageMeta;
  children: ComponentChildren;
}) {
  const { m } = ctx;
  const fullTitle = `${meta.hasErrors ? m.site.errorTitlePrefix : ''}${meta.title} – ${ctx.campaignName}`;
  const url = meta.path ? `${ctx.publicUrl}${meta.path}` : undefined;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        <meta property="og:site_name" content={ctx.campaignName} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:type" content="website" />
        {meta.description ? <meta property="og:description" content={meta.description} /> : null}
        {url ? <meta property="og:url" content={url} /> : null}
        {url ? <link rel="canonical" href={url} /> : null}
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content={meta.title} />
        {meta.description ? <meta name="twitter:description" content={meta.description} /> : null}
        <link rel="stylesheet" href={ctx.asset('site.css')} />
        <script type="module" src={ctx.asset('site.js')} />
      </head>
      <body class={ctx.embed ? 'embed' : undefined}>
        <a class="skip-link" href="#main">
          {m.site.skipLink}
        </a>
        <div class="exit">
          <a
            class="exit__button"
            href={ctx.exitUrl}
            rel="nofollow noreferrer"
            target={ctx.embed ? '_top' : undefined}
            data-exit-page
          >
            {m.site.exitPage}
          </a>
          {ctx.embed ? null : (
            <span class="exit__hint">
              {m.site.exitHint}{' '}
              <span hidden data-exit-hint>
                {m.site.exitHintKeys}
              </span>
            </span>
          )}
        </div>
        {ctx.embed ? null : (
          <header class="header">
            <div class="container header__inner">
              <a class="header__name" href="/">
                {ctx.campaignName}
              </a>
              {meta.branchName ? <span class="header__branch">{meta.branchName}</span> : null}
              <nav class="nav" aria-label={m.site.mainNav}>
                <ul>
                  <li>
                    <a href="/petitions">{m.site.navPetitions}</a>
                  </li>
                  <li>
                    <a href="/write">{m.site.navWrite}</a>
                  </li>
                  <li>
                    <a href="/events">{m.site.navEvents}</a>
                  </li>
                  <li>
                    <a href="/venues">{m.site.navVenues}</a>
                  </li>
                  <li>
                    <a href="/join">{m.site.navJoin}</a>
                  </li>
                </ul>
              </nav>
            </div>
          </header>
        )}
        <main class="container main" id="main" tabindex={-1}>
          {children}
        </main>
        {ctx.embed ? null : (
          <footer class="footer">
            <div class="container">
              <ul class="footer__links">
                <li>
                  <a href="/privacy">{m.site.footerPrivacy}</a>
                </li>
                <li>
                  <a href="/accessibility">{m.site.footerAccessibility}</a>
                </li>
                <li>
                  <a href="/your-data">{m.site.footerData}</a>
                </li>
              </ul>
              <p>{m.site.footerNote}</p>
            </div>
          </footer>
        )}
      </body>
    </html>
  );
}
