import type { CombinedError } from 'urql';

/** The API's per-field messages (BAD_USER_INPUT's `extensions.fields`), by field name. */
export function fieldErrors(error: CombinedError | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of error?.graphQLErrors ?? []) {
    const fields = e.extensions?.fields;
    if (Array.isArray(fields)) {
      for (const f of fields as Array<{ field?: unknown; message?: unknown }>) {
        if (typeof f.field === 'string') {
          // "location.postcode" is shown by the postcode field.
          const name = f.field.split('.').pop() ?? f.field;
          out[name] = typeof f.message === 'string' ? f.message : 'is not valid';
        }
      }
    }
  }
  return out;
}

/** A `datetime-local` value (the organiser's own clock, in the UK) as an instant, or null. */
export function fromLocalInput(value: string): string | null {
  if (!value) {
    return null;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An instant as a `datetime-local` value in the browser's time. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const KIND_LABELS = {
  ACTION: 'Action',
  MEETING: 'Meeting',
  TRAINING: 'Training',
  STALL: 'Stall',
  SOCIAL: 'Social',
} as const;

export const STATUS_LABELS = { DRAFT: 'Draft', PUBLISHED: 'Published', CANCELLED: 'Cancelled' } as const;
