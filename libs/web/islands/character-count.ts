/**
 * "123 of 5,000 characters." under text areas with a maxlength, in the words of the page's catalogue
 * (`data-msg-count`, with `{n}` and `{max}`); nothing where the page gives none.
 */
export function initCharacterCounts(): void {
  for (const area of document.querySelectorAll<HTMLTextAreaElement>('textarea[maxlength]')) {
    const info = document.querySelector<HTMLElement>(`[data-info-for="${area.id}"]`);
    const words = info?.dataset.msgCount;
    if (!info || !words) {
      continue;
    }
    const lang = document.documentElement.lang || 'en';
    const max = area.maxLength;
    const own = document.createElement('span');
    info.append(own);
    const update = (): void => {
      own.textContent = ` ${words.replace('{n}', area.value.length.toLocaleString(lang)).replace('{max}', max.toLocaleString(lang))}`;
    };
    area.addEventListener('input', update);
    update();
  }
}
