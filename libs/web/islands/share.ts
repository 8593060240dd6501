/** The phone's own share sheet, where the browser has one. */
export function initShare(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-share-url]');
  if (!button || typeof navigator.share !== 'function') {
    return;
  }
  button.hidden = false;
  button.addEventListener('click', () => {
    navigator
      .share({ url: button.dataset.shareUrl, title: button.dataset.shareTitle })
      .catch(() => undefined);
  });
}
