import type { HTMLAttributes } from 'react';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  /** The API's words about this field, shown next to it. */
  error?: string;
  type?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  required?: boolean;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A labelled input with its hint and, when the API refused it, its error beside it. */
export function Field({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  type = 'text',
  inputMode,
  required,
}: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          Error: {error}
        </p>
      ) : null}
      <input
        id={id}
        type={type}
        inputMode={inputMode}
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  );
}

export function TextArea({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  rows = 4,
}: Omit<FieldProps, 'type' | 'inputMode'> & { rows?: number }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          Error: {error}
        </p>
      ) : null}
      <textarea
        id={id}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  );
}

/** What an action came to: a live region present before anything is said in it. */
export function Outcome({ error, done }: { error?: string; done?: string }) {
  return (
    <div role="status" className="outcome">
      {error ? <p className="error">Error: {error}</p> : null}
      {done ? <p className="notice">{done}</p> : null}
    </div>
  );
}
