/**
 * Keeps a letter delivery-status list current while any letter is waiting: every 10 seconds (while
 * the page is visible) it reads the status page again and swaps in its list and summary (the summary
 * is a polite live region). Without JavaScript, "Check again" reloads the page.
 */
export function initLetterStatus(): void {
  const section = document.querySelector<HTMLElement>('[data-letter-status]');
  const url = section?.dataset.letterStatus;
  if (!section || !url) {
    return;
  }
  const waiting = (root: ParentNode): boolean => root.querySelector('[data-status="QUEUED"]') !== null;
  if (!waiting(section)) {
    return;
  }
  const timer = window.setInterval(() => {
    if (document.visibilityState !== 'visible') {
      return;
    }
    refresh().catch(() => undefined);
  }, 10_000);
  const refresh = async (): Promise<void> => {
    const response = await fetch(url, { headers: { Accept: 'text/html' } });
    if (!response.ok) {
      return;
    }
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    const list = fresh.querySelector('[data-letter-list]');
    const summary = fresh.querySelector('[data-letter-summary]');
    const ownList = section.querySelector('[data-letter-list]');
    const ownSummary = section.querySelector('[data-letter-summary]');
    if (!list || !summary || !ownList || !ownSummary) {
      return;
    }
    ownList.replaceChildren(...Array.from(list.childNodes).map((node) => document.importNode(node, true)));
    if (ownSummary.textContent !== summary.textContent) {
      ownSummary.textContent = summary.textContent;
    }
    if (!waiting(section)) {
      window.clearInterval(timer);
      section.querySelector('[data-letter-refresh]')?.closest('p')?.remove();
    }
  };
}
