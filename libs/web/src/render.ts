import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole HTML document from a page's tree. Every value is escaped by construction. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
