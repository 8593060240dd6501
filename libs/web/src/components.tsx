import { h, type ComponentChildren } from 'preact';
import type { FieldProblem } from '@app/core';
import type { PageContext } from './page-context';

/** Problems of one form submission, by field name. */
export type FormErrors = Record<string, string>;

/** Turns the service's field problems (`input.email`, `email`) into one message per form field. */
export function formErrors(
  fields: FieldProblem[] | undefined,
  fallback: string,
  fallbackField = 'form',
): FormErrors {
  const errors: FormErrors = {};
  for (const { field, message } of fields ?? []) {
    const name = field.split('.').pop() ?? field;
    errors[name] ??= message;
  }
  if (Object.keys(errors).length === 0) {
    errors[fallbackField] = fallback;
  }
  return errors;
}

/** GOV.UK's error summary: at the top, takes focus, links to each field. */
export function ErrorSummary({
  ctx,
  errors,
  order,
}: {
  ctx: PageContext;
  errors: FormErrors;
  order: string[];
}) {
  const names = [
    ...order.filter((name) => errors[name]),
    ...Object.keys(errors).filter((n) => !order.includes(n)),
  ];
  if (names.length === 0) {
    return null;
  }
  return (
    <div
      class="error-summary"
      tabindex={-1}
      autofocus
      aria-labelledby="error-summary-title"
      data-error-summary
    >
      <div role="alert">
        <h2 class="error-summary__title" id="error-summary-title">
          {ctx.m.site.errorSummaryTitle}
        </h2>
        <ul class="error-summary__list">
          {names.map((name) => (
            <li key={name}>
              <a href={`#${fieldId(name)}`}>{errors[name]}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export const fieldId = (name: string): string => `f-${name}`;

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  optional?: boolean;
  ctx: PageContext;
}

function describedBy(name: string, hint?: string, error?: string, extra?: string): string | undefined {
  const ids = [
    hint ? `${fieldId(name)}-hint` : '',
    error ? `${fieldId(name)}-error` : '',
    extra ?? '',
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldText({ name, label, hint, error, optional, ctx }: FieldProps) {
  return (
    <>
      <label class="label" for={fieldId(name)}>
        {label}
        {optional ? <span class="optional"> {ctx.m.site.optional}</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${fieldId(name)}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

export function TextField(
  props: FieldProps & {
    type?: 'text' | 'email' | 'tel' | 'url' | 'search';
    autocomplete?: string;
    width?: 'full' | 'short';
    maxLength?: number;
    spellcheck?: boolean;
    inputmode?: 'numeric' | 'text' | 'email' | 'tel';
    dataAttrs?: Record<string, string>;
  },
) {
  const {
    name,
    error,
    value,
    type = 'text',
    autocomplete,
    width = 'full',
    maxLength,
    spellcheck,
    hint,
    optional,
  } = props;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <FieldText {...props} />
      {h('input', {
        class: `input input--${width}`,
        id: fieldId(name),
        name,
        type,
        value: value ?? '',
        autocomplete,
        maxLength,
        spellcheck,
        inputMode: props.inputmode,
        required: !optional,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': describedBy(name, hint, error),
        ...(props.dataAttrs ?? {}),
      })}
    </div>
  );
}

export function TextArea(
  props: FieldProps & {
    rows?: number;
    maxLength?: number;
    dataAttrs?: Record<string, string>;
    afterField?: ComponentChildren;
  },
) {
  const { name, error, value, rows = 10, maxLength, hint, optional } = props;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <FieldText {...props} />
      <textarea
        class="textarea"
        id={fieldId(name)}
        name={name}
        rows={rows}
        maxLength={maxLength}
        required={!optional}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error, `${fieldId(name)}-info`)}
        {...(props.dataAttrs ?? {})}
      >
        {value ?? ''}
      </textarea>
      <p
        class="hint"
        id={`${fieldId(name)}-info`}
        aria-live="polite"
        data-info-for={fieldId(name)}
        data-msg-count={props.ctx.m.site.characterCount}
      >
        {props.afterField}
      </p>
    </div>
  );
}

export function Checkbox({
  name,
  label,
  hint,
  checked,
  error,
}: {
  name: string;
  label: string;
  hint?: string;
  checked?: boolean;
  error?: string;
}) {
  return (
    <div class={`field checkbox${error ? ' field--error' : ''}`}>
      {error ? (
        <p class="field-error" id={`${fieldId(name)}-error`}>
          {error}
        </p>
      ) : null}
      <input
        class="checkbox__input"
        type="checkbox"
        id={fieldId(name)}
        name={name}
        value="yes"
        checked={checked}
        aria-describedby={describedBy(name, hint, error)}
      />
      <label class="checkbox__label" for={fieldId(name)}>
        {label}
      </label>
      {hint ? (
        <p class="hint checkbox__hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function Select({
  name,
  label,
  options,
  value,
  error,
  hint,
  optional,
  ctx,
}: FieldProps & { options: Array<{ value: string; label: string }> }) {
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <FieldText name={name} label={label} hint={hint} error={error} optional={optional} ctx={ctx} />
      <select
        class="select"
        id={fieldId(name)}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Button({
  children,
  secondary,
  name,
  value,
}: {
  children: ComponentChildren;
  secondary?: boolean;
  name?: string;
  value?: string;
}) {
  return (
    <button class={`button${secondary ? ' button--secondary' : ''}`} type="submit" name={name} value={value}>
      {children}
    </button>
  );
}

/** A count towards a goal, readable without the bar. */
/**
 * Where JavaScript runs, the live-count island (islands/live-count.ts) asks `live.query` for the
 * number at `live.path` now and then, and rewrites the bar and the text with `live.messages` (one
 * per plural category of the page's language, `{n}` for the number; "other" is required).
 */
export interface LiveCount {
  query: string;
  variables: Record<string, unknown>;
  path: string;
  messages: Record<string, string>;
}

export function Progress({
  label,
  value,
  max,
  text,
  live,
}: {
  label: string;
  value: number;
  max: number;
  text: string;
  live?: LiveCount;
}) {
  const liveData = live
    ? {
        'data-live-query': live.query,
        'data-live-variables': JSON.stringify(live.variables),
        'data-live-path': live.path,
        ...Object.fromEntries(
          Object.entries(live.messages).map(([category, message]) => [`data-msg-${category}`, message]),
        ),
      }
    : {};
  return (
    <div class="progress" {...liveData}>
      <progress class="progress__bar" value={Math.min(value, max)} max={max} aria-label={label}>
        {text}
      </progress>
      <p class="progress__text" aria-live={live ? 'polite' : undefined}>
        {text}
      </p>
    </div>
  );
}

export function Panel({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="panel" role="status">
      <h1 class="panel__title">{title}</h1>
      {children ? <div class="panel__body">{children}</div> : null}
    </div>
  );
}

/** Plain share links (no scripts from anyone), plus the phone's share sheet where JS runs. */
export function ShareLinks({ ctx, url, title }: { ctx: PageContext; url: string; title: string }) {
  const text = encodeURIComponent(`${title} ${url}`);
  const u = encodeURIComponent(url);
  const links = [
    { label: ctx.m.share.whatsapp, href: `https://wa.me/?text=${text}` },
    {
      label: ctx.m.share.email,
      href: `mailto:?subject=${encodeURIComponent(ctx.m.share.emailSubject(title))}&body=${u}`,
    },
    { label: ctx.m.share.bluesky, href: `https://bsky.app/intent/compose?text=${text}` },
    { label: ctx.m.share.x, href: `https://x.com/intent/post?text=${text}` },
    { label: ctx.m.share.facebook, href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
  ];
  return (
    <section class="share" aria-labelledby="share-title">
      <h2 id="share-title">{ctx.m.share.heading}</h2>
      <p>{ctx.m.share.intro}</p>
      <button
        class="button button--secondary share__native"
        type="button"
        hidden
        data-share-url={url}
        data-share-title={title}
      >
        {ctx.m.share.native}
      </button>
      <ul class="share__links">
        {links.map((link) => (
          <li key={link.label}>
            <a href={link.href} rel="noopener noreferrer" target="_blank">
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
