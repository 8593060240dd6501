/** "Exit this page": the button, or Shift pressed three times within two seconds, leaves at once. */
export function initExitPage(): void {
  const link = document.querySelector<HTMLAnchorElement>('[data-exit-page]');
  if (!link) {
    return;
  }
  const leave = (): void => {
    document.body.hidden = true;
    document.title = '';
    (window.top ?? window).location.replace(link.href);
  };
  // The hint about the keys shows only where the keys work.
  const hint = document.querySelector<HTMLElement>('[data-exit-hint]');
  if (hint) {
    hint.hidden = false;
  }
  link.addEventListener('click', (event) => {
    event.preventDefault();
    leave();
  });
  let presses: number[] = [];
  document.addEventListener('keyup', (event) => {
    if (event.key !== 'Shift') {
      return;
    }
    const now = Date.now();
    presses = [...presses.filter((t) => now - t < 2000), now];
    if (presses.length >= 3) {
      leave();
    }
  });
}
