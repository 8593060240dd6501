import { type FormEvent, useState } from 'react';
import type { CombinedError } from 'urql';
import { errorText } from '../../api';
import type { EventKind } from '../../gql/graphql';
import { fieldErrors, fromLocalInput, KIND_LABELS, toLocalInput } from './fields';

export interface EventFormValues {
  title: string;
  description: string;
  kind: EventKind;
  startsAt: string | null;
  endsAt: string | null;
  location: { name: string; address: string | null; postcode: string | null } | null;
  onlineUrl: string | null;
  capacity: number | null;
  isTraining: boolean;
  trainingKind: string | null;
  certificateValidMonths: number | null;
}

interface Initial {
  title: string;
  description: string;
  kind: EventKind;
  startsAt: string;
  endsAt: string;
  location: { name: string; address?: string | null; postcode?: string | null } | null;
  onlineUrl: string | null;
  capacity: number | null;
  isTraining: boolean;
  trainingKind: string | null;
  certificateValidMonths: number | null;
}

/**
 * The event's fields, each with its label, hint and the API's own message beside it. `fixedKind`:
 * the kind and training fields cannot change after creation (the API has no such update).
 */
export function EventForm({
  initial,
  submitLabel,
  onSubmit,
  error,
  busy,
  done,
  fixedKind = false,
}: {
  initial?: Initial;
  submitLabel: string;
  onSubmit: (values: EventFormValues) => void;
  error: CombinedError | undefined;
  busy: boolean;
  done?: string | null;
  fixedKind?: boolean;
}) {
  const [v, setV] = useState({
    title: initial?.title ?? '',
    description: initial?.description ?? '',
    kind: initial?.kind ?? 'MEETING',
    startsAt: toLocalInput(initial?.startsAt),
    endsAt: toLocalInput(initial?.endsAt),
    locationName: initial?.location?.name ?? '',
    locationAddress: initial?.location?.address ?? '',
    locationPostcode: initial?.location?.postcode ?? '',
    onlineUrl: initial?.onlineUrl ?? '',
    capacity: initial?.capacity === null || initial?.capacity === undefined ? '' : String(initial.capacity),
    trainingKind: initial?.trainingKind ?? '',
    certificateValidMonths: initial?.certificateValidMonths ? String(initial.certificateValidMonths) : '',
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const fields = { ...fieldErrors(error), ...local };
  const isTraining = v.kind === 'TRAINING';

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const startsAt = fromLocalInput(v.startsAt);
    const endsAt = fromLocalInput(v.endsAt);
    if (!startsAt) {
      problems.startsAt = 'Enter when it starts.';
    }
    if (!endsAt) {
      problems.endsAt = 'Enter when it ends.';
    }
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      return;
    }
    onSubmit({
      title: v.title.trim(),
      description: v.description,
      kind: v.kind,
      startsAt,
      endsAt,
      location: v.locationName.trim()
        ? {
            name: v.locationName.trim(),
            address: v.locationAddress.trim() || null,
            postcode: v.locationPostcode.trim() || null,
          }
        : null,
      onlineUrl: v.onlineUrl.trim() || null,
      capacity: v.capacity.trim() === '' ? null : Number(v.capacity),
      isTraining,
      trainingKind: isTraining ? v.trainingKind.trim() || null : null,
      certificateValidMonths:
        isTraining && v.certificateValidMonths ? Number(v.certificateValidMonths) : null,
    });
  }

  function field(
    name: keyof typeof v,
    label: string,
    props: { type?: string; hint?: string; apiName?: string; required?: boolean; inputMode?: 'numeric' } = {},
  ) {
    const id = `event-${name}`;
    const problem = fields[props.apiName ?? name];
    const described = [props.hint ? `${id}-hint` : null, problem ? `${id}-error` : null]
      .filter(Boolean)
      .join(' ');
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {props.hint ? (
          <p className="hint" id={`${id}-hint`}>
            {props.hint}
          </p>
        ) : null}
        {problem ? (
          <p className="error" id={`${id}-error`}>
            Error: {problem}
          </p>
        ) : null}
        <input
          id={id}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          required={props.required}
          value={v[name]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={described || undefined}
          onChange={(e) => setV({ ...v, [name]: e.target.value })}
        />
      </div>
    );
  }

  return (
    <form className="event-form" onSubmit={submit} noValidate>
      {field('title', 'Title', { required: true })}
      <div className="field">
        <label htmlFor="event-description">Description</label>
        <textarea
          id="event-description"
          rows={4}
          value={v.description}
          onChange={(e) => setV({ ...v, description: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="event-kind">Kind</label>
        <select
          id="event-kind"
          value={v.kind}
          disabled={fixedKind}
          onChange={(e) => setV({ ...v, kind: e.target.value as EventKind })}
        >
          {Object.entries(KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {isTraining && !fixedKind ? (
        <>
          {field('trainingKind', 'Training kind', {
            hint: 'Lower-case words joined by hyphens, e.g. naloxone.',
          })}
          {field('certificateValidMonths', 'Certificate valid for (months)', {
            type: 'number',
            inputMode: 'numeric',
          })}
        </>
      ) : null}
      <div className="field-row">
        {field('startsAt', 'Starts', { type: 'datetime-local', hint: 'UK time.', required: true })}
        {field('endsAt', 'Ends', { type: 'datetime-local', hint: 'UK time.', required: true })}
      </div>
      {field('locationName', 'Place', { hint: 'A place, an online link, or both.', apiName: 'name' })}
      {field('locationAddress', 'Address', { apiName: 'address' })}
      {field('locationPostcode', 'Postcode', { apiName: 'postcode' })}
      {field('onlineUrl', 'Online link', { type: 'url', hint: 'Starting https://' })}
      {field('capacity', 'Number of places', {
        type: 'number',
        inputMode: 'numeric',
        hint: 'Leave empty for no limit.',
      })}
      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
      <div role="status">
        {error ? <p className="error">Error: {errorText(error)}</p> : null}
        {done && !error ? <p className="notice">{done}</p> : null}
      </div>
    </form>
  );
}
