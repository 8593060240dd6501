import {
  Checkbox,
  ErrorSummary,
  FormErrors,
  FormValues,
  Layout,
  PageContext,
  Panel,
  renderPage,
  Select,
  TextField,
} from '@app/web';

/** The join form's fields, in the order the error summary lists them. */
export const JOIN_FIELDS = ['fullName', 'email', 'postcode', 'branchSlug', 'emailOptIn'] as const;

export interface JoinForm {
  /** Every branch, for the list (the postcode finds one when none is chosen). */
  branches: Array<{ slug: string; name: string }>;
  /** EMAIL_CONSENT's text, shown as it is: it is what the consent record stores. */
  consentText: string;
  values?: FormValues;
  errors?: FormErrors;
  optIn?: boolean;
  /** The chosen branch's name, for the header. */
  branchName?: string;
}

export function joinPage(ctx: PageContext, form: JoinForm): string {
  const { m } = ctx;
  const errors = form.errors ?? {};
  const values = form.values ?? {};
  return renderPage(
    <Layout
      ctx={ctx}
      meta={{
        title: m.join.title,
        hasErrors: Object.keys(errors).length > 0,
        description: m.join.description,
        path: '/join',
        branchName: form.branchName,
      }}
    >
      <ErrorSummary ctx={ctx} errors={errors} order={[...JOIN_FIELDS, 'form']} />
      <h1>{m.join.title}</h1>
      <p class="lead">{m.join.lead}</p>
      <form method="post" action="/join" noValidate>
        {errors.form ? (
          <p class="field-error" id="f-form">
            {errors.form}
          </p>
        ) : null}
        <TextField
          ctx={ctx}
          name="fullName"
          label={m.join.fullName}
          value={values.fullName}
          error={errors.fullName}
          autocomplete="name"
          maxLength={200}
          spellcheck={false}
        />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          label={m.join.email}
          hint={m.join.emailHint}
          value={values.email}
          error={errors.email}
          autocomplete="email"
          maxLength={320}
          spellcheck={false}
        />
        <TextField
          ctx={ctx}
          name="postcode"
          label={m.join.postcode}
          hint={m.join.postcodeHint}
          value={values.postcode}
          error={errors.postcode}
          autocomplete="postal-code"
          width="short"
          maxLength={10}
          spellcheck={false}
        />
        <Select
          ctx={ctx}
          name="branchSlug"
          label={m.join.branch}
          hint={m.join.branchHint}
          optional
          value={values.branchSlug ?? ''}
          error={errors.branchSlug}
          options={[
            { value: '', label: m.join.branchFromPostcode },
            ...form.branches.map((branch) => ({ value: branch.slug, label: branch.name })),
          ]}
        />
        <fieldset>
          <legend>{m.join.consentLegend}</legend>
          <Checkbox
            name="emailOptIn"
            label={form.consentText}
            hint={m.join.consentHint}
            checked={form.optIn}
            error={errors.emailOptIn}
          />
        </fieldset>
        <button class="button" type="submit">
          {m.join.submit}
        </button>
      </form>
      <p>
        {m.join.privacyBefore}
        <a href="/privacy">{m.join.privacyLink}</a>.
      </p>
    </Layout>,
  );
}

export function joinCheckEmailPage(ctx: PageContext): string {
  const { m } = ctx;
  return renderPage(
    <Layout ctx={ctx} meta={{ title: m.join.checkEmailTitle, noindex: true }}>
      <Panel title={m.join.checkEmailTitle}>
        <p>{m.join.checkEmailBody}</p>
      </Panel>
      <p>{m.join.checkEmailNoMail}</p>
    </Layout>,
  );
}

/** After the confirmation link's button: where to go next. */
export function joinedExtra(ctx: PageContext) {
  const { m } = ctx;
  return (
    <>
      <h2>{m.join.nextTitle}</h2>
      <ul>
        <li>
          <a href="/petitions">{m.join.nextPetitions}</a>
        </li>
        <li>
          <a href="/write">{m.join.nextWrite}</a>
        </li>
        <li>
          <a href="/events">{m.join.nextEvents}</a>
        </li>
      </ul>
    </>
  );
}
