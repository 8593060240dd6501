import {
  Checkbox,
  ErrorSummary,
  FormErrors,
  FormValues,
  Layout,
  PageContext,
  Panel,
  Progress,
  renderPage,
  ShareLinks,
  TextField,
} from '@app/web';
import type { Petition } from '../petition.entity';
import type { DayCount } from '../petitions.service';

export interface PetitionView {
  petition: Petition;
  count: number;
  recent: Array<{ firstName: string; postcodeDistrict: string | null }>;
  byDay: DayCount[];
  byConstituency: DayCount[];
  branchName?: string;
}

const SIGN_FIELDS = ['fullName', 'email', 'postcode', 'emailOptIn', 'showName'] as const;

/** Where the sign form posts: the full page, or the embed (which stays in its frame). */
const base = (ctx: PageContext, slug: string): string => `${ctx.embed ? '/embed' : ''}/petitions/${encodeURIComponent(slug)}`;

export function petitionListPage(ctx: PageContext, petitions: Array<{ petition: Petition; count: number }>): string {
  const { m } = ctx;
  return renderPage(
    <Layout ctx={ctx} meta={{ title: m.petitions.listTitle, path: '/petitions' }}>
      <h1>{m.petitions.listTitle}</h1>
      {petitions.length === 0 ? <p>{m.home.none}</p> : null}
      <ul class="cards">
        {petitions.map(({ petition, count }) => (
          <li class="card" key={petition.id}>
            <h2>
              <a href={`/petitions/${encodeURIComponent(petition.slug)}`}>{petition.title}</a>
            </h2>
            <p>{petition.summary}</p>
            <p class="muted">{m.petitions.signatures(count)}</p>
          </li>
        ))}
      </ul>
    </Layout>,
  );
}

export function petitionPage(
  ctx: PageContext,
  view: PetitionView,
  consentText: string,
  form: { values?: FormValues; errors?: FormErrors; optIn?: boolean; showName?: boolean } = {},
): string {
  const { m } = ctx;
  const { petition } = view;
  const errors = form.errors ?? {};
  const values = form.values ?? {};
  const open = petition.status === 'OPEN';
  const path = `/petitions/${encodeURIComponent(petition.slug)}`;
  return renderPage(
    <Layout
      ctx={ctx}
      meta={{
        title: petition.title,
        hasErrors: Object.keys(errors).length > 0,
        description: petition.summary,
        path,
        branchName: view.branchName,
      }}
    >
      <ErrorSummary ctx={ctx} errors={errors} order={[...SIGN_FIELDS]} />
      <h1>{petition.title}</h1>
      <p class="muted">{m.petitions.to(petition.targetName)}</p>
      <p class="lead">{petition.summary}</p>
      <Progress
        label={m.petitions.progressLabel}
        value={view.count}
        max={Math.max(petition.goal, 1)}
        text={`${m.petitions.signatures(view.count)} ${m.petitions.goal(petition.goal)}`}
        live={{
          query: 'query LiveCount($slug: String!) { petition(slug: $slug) { signatureCount } }',
          variables: { slug: petition.slug },
          path: 'petition.signatureCount',
          messages: Object.fromEntries(
            Object.entries(m.petitions.signaturesLive).map(([category, words]) => [
              category,
              `${words} ${m.petitions.goal(petition.goal)}`,
            ]),
          ),
        }}
      />
      {ctx.embed ? null : (
        <div class="petition-body">
          {petition.body.split(/\n{2,}/).map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
        </div>
      )}
      {open ? (
        <section aria-labelledby="sign-title">
          <h2 id="sign-title">{m.petitions.signTitle}</h2>
          <form method="post" action={base(ctx, petition.slug)} noValidate>
            {errors.form ? (
              <p class="field-error" id="f-form">
                {errors.form}
              </p>
            ) : null}
            <TextField ctx={ctx} name="fullName" label={m.petitions.fullName} value={values.fullName} error={errors.fullName} autocomplete="name" maxLength={200} spellcheck={false} />
            <TextField ctx={ctx} name="email" type="email" label={m.petitions.email} hint={m.petitions.emailHint} value={values.email} error={errors.email} autocomplete="email" maxLength={320} spellcheck={false} />
            <TextField ctx={ctx} name="postcode" label={m.petitions.postcode} hint={m.petitions.postcodeHint} value={values.postcode} error={errors.postcode} autocomplete="postal-code" width="short" maxLength={10} spellcheck={false} />
            <Checkbox name="showName" label={m.petitions.showName} checked={form.showName} error={errors.showName} />
            <fieldset>
              <legend>{m.petitions.optInLegend}</legend>
              <Checkbox name="emailOptIn" label={consentText} checked={form.optIn} error={errors.emailOptIn} />
            </fieldset>
            <button class="button" type="submit">
              {m.petitions.submit}
            </button>
          </form>
        </section>
      ) : (
        <p class="notice">{petition.status === 'DRAFT' ? m.petitions.notOpen : m.petitions.closed}</p>
      )}
      {ctx.embed ? null : <PetitionFigures ctx={ctx} view={view} />}
    </Layout>,
  );
}

function PetitionFigures({ ctx, view }: { ctx: PageContext; view: PetitionView }) {
  const { m } = ctx;
  return (
    <>
      <h2>{m.petitions.recent}</h2>
      {view.recent.length === 0 ? (
        <p>{m.petitions.recentNone}</p>
      ) : (
        <ul>
          {view.recent.map((signer, i) => (
            <li key={i}>
              {signer.firstName}
              {signer.postcodeDistrict ? `, ${signer.postcodeDistrict}` : ''}
            </li>
          ))}
        </ul>
      )}
      {view.byDay.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption>{m.petitions.byDay}</caption>
            <thead>
              <tr>
                <th scope="col">{m.petitions.day}</th>
                <th scope="col" class="num">
                  {m.petitions.count}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.byDay.map((row) => (
                <tr key={row.key}>
                  <td>{row.key}</td>
                  <td class="num">{m.site.count(row.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {view.byConstituency.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption>{m.petitions.byConstituency}</caption>
            <thead>
              <tr>
                <th scope="col">{m.petitions.constituency}</th>
                <th scope="col" class="num">
                  {m.petitions.count}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.byConstituency.map((row) => (
                <tr key={row.key}>
                  <td>{row.key === 'unknown' ? m.petitions.unknownConstituency : row.key}</td>
                  <td class="num">{m.site.count(row.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

export function checkEmailPage(ctx: PageContext, petition: Petition): string {
  const { m } = ctx;
  return renderPage(
    <Layout ctx={ctx} meta={{ title: m.petitions.checkEmailTitle, noindex: true }}>
      <Panel title={m.petitions.checkEmailTitle}>
        <p>{m.petitions.checkEmailBody}</p>
      </Panel>
      <p>{m.petitions.checkEmailNoMail}</p>
      <p>
        <a href={base(ctx, petition.slug)}>{petition.title}</a>
      </p>
    </Layout>,
  );
}

export function thanksExtra(ctx: PageContext, petition: Petition) {
  const { m } = ctx;
  const url = `${ctx.publicUrl}/petitions/${encodeURIComponent(petition.slug)}`;
  return (
    <>
      <ShareLinks ctx={ctx} url={url} title={petition.title} />
      <h2>{m.petitions.nextAction}</h2>
      <ul>
        <li>
          <a href="/write">{m.petitions.nextWrite}</a>
        </li>
        <li>
          <a href="/events">{m.petitions.nextEvents}</a>
        </li>
      </ul>
    </>
  );
}
