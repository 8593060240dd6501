/**
 * Keeps a count on the page current: an element with `data-live-query` (a GraphQL query),
 * `data-live-variables` (JSON) and `data-live-path` (where the number is in `data`, dotted) is
 * refreshed every 15 seconds while the page is visible. Its `<progress>` takes the number, and its
 * `.progress__text` (or the element itself) the message of the number's plural category in the
 * page's language: `data-msg-one`, `data-msg-other`… with `{n}` for the number (from the catalogue).
 * The text is a polite live region (see Progress), so a screen reader hears a new count.
 */
export const LIVE_COUNT_INTERVAL_MS = 15_000;

export function initLiveCount(): void {
  const lang = document.documentElement.lang || 'en';
  const plurals = new Intl.PluralRules(lang);
  for (const element of document.querySelectorAll<HTMLElement>('[data-live-query]')) {
    const query = element.dataset.liveQuery ?? '';
    const path = (element.dataset.livePath ?? '').split('.');
    const variables = JSON.parse(element.dataset.liveVariables ?? '{}') as Record<string, unknown>;
    const bar = element.querySelector('progress');
    const text = element.querySelector<HTMLElement>('.progress__text') ?? element;
    const show = (count: number): void => {
      const message = element.getAttribute(`data-msg-${plurals.select(count)}`) ?? element.dataset.msgOther;
      if (!message) {
        return;
      }
      const words = message.replace('{n}', count.toLocaleString(lang));
      if (bar) {
        bar.value = Math.min(count, bar.max);
        bar.textContent = words;
      }
      if (text.textContent !== words) {
        text.textContent = words;
      }
    };
    const refresh = async (): Promise<void> => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown };
      let value: unknown = body.data;
      for (const key of path) {
        value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
      }
      if (typeof value === 'number') {
        show(value);
      }
    };
    window.setInterval(() => {
      if (document.visibilityState === 'visible') {
        refresh().catch(() => undefined);
      }
    }, LIVE_COUNT_INTERVAL_MS);
  }
}
