/** Keeps a count on the page current: `data-live-count="<GraphQL query>"` and `data-live-path`. */
export function initLiveCount(): void {
  for (const element of document.querySelectorAll<HTMLElement>('[data-live-query]')) {
    const query = element.dataset.liveQuery ?? '';
    const path = (element.dataset.livePath ?? '').split('.');
    const variables = JSON.parse(element.dataset.liveVariables ?? '{}') as Record<string, unknown>;
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
        element.textContent = value.toLocaleString('en-GB');
      }
    };
    window.setInterval(() => {
      if (document.visibilityState === 'visible') {
        refresh().catch(() => undefined);
      }
    }, 15000);
  }
}
