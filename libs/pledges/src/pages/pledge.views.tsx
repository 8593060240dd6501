import {
  Button,
  CheckboxGroup,
  ErrorSummary,
  FormErrors,
  FormValues,
  Layout,
  PageContext,
  Panel,
  Radios,
  renderPage,
  TextArea,
  TextField,
} from '@app/web';
import { VENUE_KINDS } from '../venue.entity';

/** The form's fields, in the order they appear (the error summary lists problems in this order). */
export const PLEDGE_FIELDS = [
  'name',
  'kind',
  'address',
  'postcode',
  'website',
  'licenceNumber',
  'publicEmail',
  'commitments',
  'notes',
  'fullName',
  'email',
  'role',
] as const;

export interface PledgeForm {
  values?: FormValues;
  /** The commitment codes ticked. */
  commitments?: readonly string[];
  errors?: FormErrors;
}

export function pledgeFormPage(
  ctx: PageContext,
  catalogue: Array<{ code: string; title: string; description: string }>,
  form: PledgeForm = {},
): string {
  const { m } = ctx;
  const errors = form.errors ?? {};
  const values = form.values ?? {};
  return renderPage(
    <Layout
      ctx={ctx}
      meta={{
        title: m.pledges.formTitle,
        hasErrors: Object.keys(errors).length > 0,
        description: m.pledges.formDescription,
        path: '/pledge',
      }}
    >
      <ErrorSummary ctx={ctx} errors={errors} order={[...PLEDGE_FIELDS]} />
      <h1>{m.pledges.formTitle}</h1>
      <p class="lead">{m.pledges.formLead}</p>
      <form method="post" action="/pledge" noValidate>
        {errors.form ? (
          <p class="field-error" id="f-form">
            {errors.form}
          </p>
        ) : null}
        <h2>{m.pledges.venueHeading}</h2>
        <TextField
          ctx={ctx}
          name="name"
          label={m.pledges.venueName}
          value={values.name}
          error={errors.name}
          autocomplete="organization"
          maxLength={200}
        />
        <Radios
          name="kind"
          legend={m.pledges.kind}
          value={values.kind}
          error={errors.kind}
          required
          choices={VENUE_KINDS.map((kind) => ({ value: kind, label: m.venues.kinds[kind] }))}
        />
        <TextArea
          ctx={ctx}
          name="address"
          label={m.pledges.address}
          hint={m.pledges.addressHint}
          value={values.address}
          error={errors.address}
          rows={3}
          maxLength={500}
          dataAttrs={{ autocomplete: 'street-address' }}
        />
        <TextField
          ctx={ctx}
          name="postcode"
          label={m.pledges.postcode}
          hint={m.pledges.postcodeHint}
          value={values.postcode}
          error={errors.postcode}
          autocomplete="postal-code"
          width="short"
          maxLength={10}
          spellcheck={false}
        />
        <TextField
          ctx={ctx}
          name="website"
          type="url"
          label={m.pledges.website}
          hint={m.pledges.websiteHint}
          value={values.website}
          error={errors.website}
          autocomplete="url"
          maxLength={500}
          spellcheck={false}
          optional
        />
        <TextField
          ctx={ctx}
          name="licenceNumber"
          label={m.pledges.licenceNumber}
          value={values.licenceNumber}
          error={errors.licenceNumber}
          width="short"
          maxLength={100}
          spellcheck={false}
          optional
        />
        <TextField
          ctx={ctx}
          name="publicEmail"
          type="email"
          label={m.pledges.publicEmail}
          hint={m.pledges.publicEmailHint}
          value={values.publicEmail}
          error={errors.publicEmail}
          maxLength={320}
          spellcheck={false}
          optional
        />

        <h2>{m.pledges.commitmentsHeading}</h2>
        <CheckboxGroup
          name="commitments"
          legend={m.pledges.commitmentsLegend}
          hint={m.pledges.commitmentsHint}
          error={errors.commitments}
          values={form.commitments}
          choices={catalogue.map((c) => ({ value: c.code, label: c.title, hint: c.description }))}
        />
        <TextArea
          ctx={ctx}
          name="notes"
          label={m.pledges.notes}
          hint={m.pledges.notesHint}
          value={values.notes}
          error={errors.notes}
          rows={5}
          maxLength={5000}
          optional
        />

        <h2>{m.pledges.ownerHeading}</h2>
        <TextField
          ctx={ctx}
          name="fullName"
          label={m.pledges.fullName}
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
          label={m.pledges.email}
          hint={m.pledges.emailHint}
          value={values.email}
          error={errors.email}
          autocomplete="email"
          maxLength={320}
          spellcheck={false}
        />
        <TextField
          ctx={ctx}
          name="role"
          label={m.pledges.role}
          hint={m.pledges.roleHint}
          value={values.role}
          error={errors.role}
          autocomplete="organization-title"
          maxLength={100}
        />
        <p>{m.pledges.privacy}</p>
        <Button>{m.pledges.submit}</Button>
      </form>
    </Layout>,
  );
}

export function pledgeCheckEmailPage(ctx: PageContext): string {
  const { m } = ctx;
  return renderPage(
    <Layout ctx={ctx} meta={{ title: m.pledges.checkEmailTitle, noindex: true }}>
      <Panel title={m.pledges.checkEmailTitle}>
        <p>{m.pledges.checkEmailBody}</p>
      </Panel>
      <p>{m.pledges.checkEmailNoMail}</p>
      <p>
        <a href="/venues">{m.pledges.directoryLink}</a>
      </p>
    </Layout>,
  );
}

/** After the owner confirms: where to go next. */
export function pledgeThanksExtra(ctx: PageContext) {
  const { m } = ctx;
  return (
    <>
      <h2>{m.pledges.nextAction}</h2>
      <ul>
        <li>
          <a href="/venues">{m.pledges.nextDirectory}</a>
        </li>
        <li>
          <a href="/events">{m.pledges.nextEvents}</a>
        </li>
      </ul>
    </>
  );
}
