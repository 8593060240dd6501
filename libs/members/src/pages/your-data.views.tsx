import {
  ErrorSummary,
  FormErrors,
  FormValues,
  Layout,
  PageContext,
  Panel,
  renderPage,
  TextField,
} from '@app/web';

/** The two requests the page takes; each form names its own in a hidden field. */
export const DATA_REQUESTS = ['copy', 'erase'] as const;
export type DataRequest = (typeof DATA_REQUESTS)[number];

/** Each form's email field has its own name (and so its own id for the error summary's link). */
export const emailField = (request: DataRequest): string => `${request}Email`;

export function yourDataPage(
  ctx: PageContext,
  form: { values?: FormValues; errors?: FormErrors } = {},
): string {
  const { m } = ctx;
  const errors = form.errors ?? {};
  const values = form.values ?? {};
  const request = (kind: DataRequest, title: string, body: string, submit: string) => (
    <section class="data-request" aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`}>{title}</h2>
      <p>{body}</p>
      <form method="post" action="/your-data" noValidate>
        <input type="hidden" name="request" value={kind} />
        <TextField
          ctx={ctx}
          name={emailField(kind)}
          type="email"
          label={m.yourData.emailLabel}
          hint={m.yourData.emailHint}
          value={values[emailField(kind)]}
          error={errors[emailField(kind)]}
          autocomplete="email"
          maxLength={320}
          spellcheck={false}
        />
        <button class="button" type="submit">
          {submit}
        </button>
      </form>
    </section>
  );
  return renderPage(
    <Layout
      ctx={ctx}
      meta={{
        title: m.yourData.title,
        hasErrors: Object.keys(errors).length > 0,
        description: m.yourData.description,
        path: '/your-data',
      }}
    >
      <ErrorSummary ctx={ctx} errors={errors} order={DATA_REQUESTS.map(emailField)} />
      <h1>{m.yourData.title}</h1>
      <p class="lead">{m.yourData.lead}</p>
      {request('copy', m.yourData.copyTitle, m.yourData.copyBody, m.yourData.copySubmit)}
      {request('erase', m.yourData.eraseTitle, m.yourData.eraseBody, m.yourData.eraseSubmit)}
      <section class="data-request" aria-labelledby="stop-title">
        <h2 id="stop-title">{m.yourData.stopTitle}</h2>
        <p>{m.yourData.stopBody}</p>
      </section>
      <p>
        {m.yourData.privacyBefore}
        <a href="/privacy">{m.yourData.privacyLink}</a>.
      </p>
    </Layout>,
  );
}

export function yourDataCheckEmailPage(ctx: PageContext, request: DataRequest): string {
  const { m } = ctx;
  return renderPage(
    <Layout ctx={ctx} meta={{ title: m.yourData.checkEmailTitle, noindex: true }}>
      <Panel title={m.yourData.checkEmailTitle}>
        <p>{request === 'erase' ? m.yourData.checkEraseBody : m.yourData.checkCopyBody}</p>
      </Panel>
      <p>{m.yourData.checkEmailNoMail}</p>
      <p>
        <a href="/your-data">{m.yourData.back}</a>
      </p>
    </Layout>,
  );
}

/** Under the unsubscribe page's outcome: the other things a person can do about their data. */
export function dataRightsExtra(ctx: PageContext) {
  const { m } = ctx;
  return (
    <p>
      <a href="/your-data">{m.yourData.dataMore}</a>
    </p>
  );
}
