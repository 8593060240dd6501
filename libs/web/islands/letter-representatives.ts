/**
 * "Your MSPs" as a postcode is typed: the public `representatives(postcode)` query, from our own
 * origin, debounced; the result is announced politely. The postcode form works without it.
 * Markup: an input with `data-representatives="<kinds>"` and `[data-lookup-for=<its id>]` holding
 * `[data-lookup-status]` (a polite live region) and `[data-lookup-list]`, the words in data-msg-*.
 */
const QUERY = 'query($postcode: String!) { representatives(postcode: $postcode) { name party kind } }';
const COMPLETE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;

interface Representative {
  name: string;
  party: string | null;
  kind: string;
}

export function initLetterRepresentatives(): void {
  for (const input of document.querySelectorAll<HTMLInputElement>('input[data-representatives]')) {
    const box = document.querySelector<HTMLElement>(`[data-lookup-for="${input.id}"]`);
    const status = box?.querySelector<HTMLElement>('[data-lookup-status]');
    const list = box?.querySelector<HTMLUListElement>('[data-lookup-list]');
    if (!box || !status || !list) {
      continue;
    }
    const kinds = (input.dataset.representatives ?? '').split(',');
    const initial = input.value.trim().toUpperCase();
    let timer = 0;
    let asked = '';
    const clear = (): void => {
      status.textContent = '';
      list.replaceChildren();
      list.hidden = true;
    };
    const lookUp = async (postcode: string): Promise<void> => {
      asked = postcode;
      status.textContent = box.dataset.msgLooking ?? '';
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: QUERY, variables: { postcode } }),
      });
      const body = (await response.json()) as { data?: { representatives?: Representative[] } };
      if (asked !== postcode) {
        return; // a newer postcode was typed meanwhile
      }
      const found = (body.data?.representatives ?? []).filter((r) => kinds.includes(r.kind));
      if (found.length === 0) {
        list.replaceChildren();
        list.hidden = true;
        status.textContent = box.dataset.msgFailed ?? '';
        return;
      }
      list.replaceChildren(
        ...found.map((r) => {
          const item = document.createElement('li');
          const name = document.createElement('span');
          name.className = 'recipients__name';
          name.textContent = r.party ? `${r.name} (${r.party})` : r.name;
          const role = document.createElement('span');
          role.className = 'recipients__role';
          role.textContent =
            (r.kind === 'MSP_CONSTITUENCY' ? box.dataset.msgConstituency : box.dataset.msgRegional) ?? '';
          item.append(name, role);
          return item;
        }),
      );
      list.hidden = false;
      status.textContent = (box.dataset.msgFound ?? '').replace('{postcode}', postcode);
    };
    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      const postcode = input.value.trim().toUpperCase().replace(/\s+/g, ' ');
      if (!COMPLETE.test(postcode) || postcode === initial) {
        asked = '';
        clear();
        return;
      }
      if (postcode === asked) {
        return;
      }
      timer = window.setTimeout(() => {
        lookUp(postcode).catch(() => {
          status.textContent = box.dataset.msgFailed ?? '';
        });
      }, 400);
    });
  }
}
