import { createHash } from 'node:crypto';

/** The look of the server-rendered pages (linked, never inline: the CSP allows no inline style). */
const PAGE_CSS = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
button{font:inherit;font-size:1.1rem;padding:.6rem 1.4rem;border:0;border-radius:.3rem;background:#1d4f91;color:#fff;cursor:pointer}
button:focus{outline:3px solid #fd0;outline-offset:2px}
code{display:block;word-break:break-all;background:#f2f2f2;padding:.6rem;border-radius:.3rem}
`;

export interface PageAsset {
  type: string;
  body: string;
}

/** `name.ext` → `name.<content hash>.ext`, so an asset can be cached for ever and still change. */
function hashed(name: string, body: string): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return name.replace(/(\.[a-z]+)$/, `.${hash}$1`);
}

const ASSETS = new Map<string, PageAsset>();

function register(name: string, asset: PageAsset): string {
  const file = hashed(name, asset.body);
  ASSETS.set(file, asset);
  return `/assets/${file}`;
}

/** Where the pages' stylesheet is served (same origin, content-hashed). */
export const PAGE_STYLESHEET = register('page.css', { type: 'text/css; charset=utf-8', body: PAGE_CSS });

/**
 * One of the files registered here (`page.<hash>.css`), or undefined. They are served at
 * /assets/<file> by the supporter pages' assets controller (libs/web), with the pages' own files.
 */
export function pageAsset(file: string): PageAsset | undefined {
  return ASSETS.get(file);
}
