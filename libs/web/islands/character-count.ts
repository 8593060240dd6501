/** "123 of 5,000 characters" under text areas with a maxlength. */
export function initCharacterCounts(): void {
  for (const area of document.querySelectorAll<HTMLTextAreaElement>('textarea[maxlength]')) {
    const info = document.querySelector<HTMLElement>(`[data-info-for="${area.id}"]`);
    if (!info) {
      continue;
    }
    const max = area.maxLength;
    const own = document.createElement('span');
    info.append(own);
    const update = (): void => {
      own.textContent = ` ${area.value.length.toLocaleString('en-GB')} of ${max.toLocaleString('en-GB')} characters.`;
    };
    area.addEventListener('input', update);
    update();
  }
}
