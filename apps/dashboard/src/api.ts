import type { CombinedError } from 'urql';

/** The campaign's name, written into the page by the api (a <meta>, never an inline script). */
export function campaignName(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="campaign-name"]');
  return meta?.content || 'Campaign';
}

/** The API's own words for what went wrong (its messages are written for people). */
export function errorText(error: CombinedError): string {
  const messages = error.graphQLErrors.map((e) => e.message);
  if (messages.length > 0) {
    return messages.join(' ');
  }
  return error.networkError
    ? 'The server could not be reached. Check your connection and try again.'
    : error.message;
}

export function errorCode(error: CombinedError | undefined): string | undefined {
  const code = error?.graphQLErrors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A plain HTTP call to one of the api's CSV endpoints, with the session cookie. */
export async function httpError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string') {
      return body.message;
    }
  } catch {
    // not JSON
  }
  return `The server answered ${response.status}. Please try again.`;
}

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' });

export function formatDate(iso: string): string {
  return DATE.format(new Date(iso));
}

/** The API's words about each field (BAD_USER_INPUT's `extensions.fields`), by field name. */
export function fieldErrors(error: CombinedError | undefined): Record<string, string> {
  const fields = error?.graphQLErrors[0]?.extensions?.fields;
  const out: Record<string, string> = {};
  if (Array.isArray(fields)) {
    for (const f of fields as Array<{ field?: unknown; message?: unknown }>) {
      if (typeof f.field === 'string' && typeof f.message === 'string') {
        out[f.field] = out[f.field] ? `${out[f.field]}; ${f.message}` : f.message;
      }
    }
  }
  return out;
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

export function formatDateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}
