/**
 * In an iframe on a partner's site, tells the host page how tall the content is, so the frame can
 * fit it: `{ type: 'crm:height', height }` by postMessage (see the README for the host's snippet).
 */
export function initEmbedHeight(): void {
  if (window.parent === window || !document.body.classList.contains('embed')) {
    return;
  }
  let last = 0;
  const report = (): void => {
    const height = document.documentElement.scrollHeight;
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: 'crm:height', height, path: location.pathname }, '*');
    }
  };
  new ResizeObserver(report).observe(document.body);
  report();
}
