import { fieldId } from './components';

/** One choice in a group: its value, its label and an optional hint under it. */
export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

interface ChoicesProps {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  choices: Choice[];
}

/** The id of a choice's input: the first is `f-<name>` (where the error summary links), the rest `f-<name>-<value>`. */
const choiceId = (name: string, value: string, index: number): string =>
  index === 0 ? fieldId(name) : `${fieldId(name)}-${value.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * A group of radios or checkboxes sharing one name (GOV.UK's pattern): a fieldset whose legend asks
 * the question, a hint and the error under it, then one labelled input per choice. Works without
 * JavaScript; a failed submit re-renders it with `selected`.
 */
function ChoiceGroup({
  type,
  name,
  legend,
  hint,
  error,
  choices,
  selected,
  required,
}: ChoicesProps & { type: 'radio' | 'checkbox'; selected: readonly string[]; required?: boolean }) {
  const hintId = `${fieldId(name)}-hint`;
  const errorId = `${fieldId(name)}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <fieldset class="choices" aria-describedby={describedBy}>
        <legend class="choices__legend">{legend}</legend>
        {hint ? (
          <p class="hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p class="field-error" id={errorId}>
            {error}
          </p>
        ) : null}
        {choices.map((choice, index) => {
          const id = choiceId(name, choice.value, index);
          return (
            <div class="choice" key={choice.value}>
              <input
                class="choice__input"
                type={type}
                id={id}
                name={name}
                value={choice.value}
                checked={selected.includes(choice.value)}
                required={type === 'radio' && required ? true : undefined}
                aria-describedby={choice.hint ? `${id}-hint` : undefined}
              />
              <label class="choice__label" for={id}>
                {choice.label}
              </label>
              {choice.hint ? (
                <p class="hint choice__hint" id={`${id}-hint`}>
                  {choice.hint}
                </p>
              ) : null}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** Pick one: radios under a legend. */
export function Radios(props: ChoicesProps & { value?: string; required?: boolean }) {
  return <ChoiceGroup {...props} type="radio" selected={props.value ? [props.value] : []} />;
}

/** Pick any: checkboxes sharing a name, so the form posts each ticked value. */
export function CheckboxGroup(props: ChoicesProps & { values?: readonly string[] }) {
  return <ChoiceGroup {...props} type="checkbox" selected={props.values ?? []} />;
}

/**
 * The values posted for a group of checkboxes sharing a name: one value comes as a string, several
 * as an array; anything else (nested keys) is ignored.
 */
export function chosen(body: unknown, name: string): string[] {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const value = source[name];
  const list = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
  return list.filter((item): item is string => typeof item === 'string');
}
