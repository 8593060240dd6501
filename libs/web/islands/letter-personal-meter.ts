/**
 * "How much of this letter is yours", live and approximate: the share of the words in the text area
 * that are not the campaign's own (counted as a bag of words, where the server diffs them in order;
 * the server's figure, shown by Preview, is the one that counts). Markup: a textarea with
 * `data-personal-template` and the words in data-msg-*; the result goes into its info line.
 */
const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

export function ownShare(template: string, written: string): number {
  const mine = words(written);
  if (mine.length === 0) {
    return 0;
  }
  const left = new Map<string, number>();
  for (const word of words(template)) {
    left.set(word, (left.get(word) ?? 0) + 1);
  }
  let own = 0;
  for (const word of mine) {
    const n = left.get(word) ?? 0;
    if (n > 0) {
      left.set(word, n - 1);
    } else {
      own += 1;
    }
  }
  return own / mine.length;
}

export function initLetterPersonalMeter(): void {
  for (const area of document.querySelectorAll<HTMLTextAreaElement>('textarea[data-personal-template]')) {
    const info = document.querySelector<HTMLElement>(`[data-info-for="${area.id}"]`);
    if (!info) {
      continue;
    }
    const template = area.dataset.personalTemplate ?? '';
    const meter = document.createElement('span');
    meter.className = 'personal-meter';
    info.prepend(meter);
    let timer = 0;
    const update = (): void => {
      const unchanged = words(template).join(' ') === words(area.value).join(' ');
      const percent = Math.round(ownShare(template, area.value) * 100);
      meter.textContent = unchanged
        ? (area.dataset.msgUnchanged ?? '')
        : (area.dataset.msgApprox ?? '').replace('{percent}', String(percent));
    };
    area.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 500);
    });
    update();
  }
}
