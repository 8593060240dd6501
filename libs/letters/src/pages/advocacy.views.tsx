import type { Target } from '@app/targets';
import {
  Button,
  ErrorSummary,
  FormErrors,
  Layout,
  PageContext,
  Radios,
  renderPage,
  TextArea,
} from '@app/web';
import type { LetterCampaign } from '../letter-campaign.entity';
import type { LetterAnswer } from '../letter-questionnaire.entity';
import type { ScorecardRow } from '../target-stances.service';

/** From this near-copy score the preview nudges the writer to add their own words. */
export const NEAR_COPY_NUDGE = 0.5;

// ---- the questionnaire -------------------------------------------------------------------------

export interface QuestionnaireForm {
  /** Per recipient (by position): the posted values. */
  values: Array<{ replied?: string; stance?: string; replyText?: string }>;
  errors: FormErrors;
}

export function questionnairePage(
  ctx: PageContext,
  token: string,
  campaign: LetterCampaign,
  recipients: Array<{ target: Target; answer: LetterAnswer | null }>,
  form: QuestionnaireForm,
): string {
  const T = ctx.m.advocacy;
  const order = recipients.flatMap((_, i) => [`replied-${i}`, `stance-${i}`, `replyText-${i}`]);
  const hasErrors = Object.keys(form.errors).length > 0;
  return renderPage(
    <Layout ctx={ctx} meta={{ title: T.questionnaireTitle, noindex: true, hasErrors }}>
      <ErrorSummary ctx={ctx} errors={form.errors} order={order} />
      <h1>{T.questionnaireTitle}</h1>
      <p>{T.questionnaireIntro(campaign.title)}</p>
      <form method="post" action="/letters/questionnaire" noValidate>
        <input type="hidden" name="token" value={token} />
        {recipients.map(({ target }, i) => {
          const values = form.values[i] ?? {};
          return (
            <section key={target.id} class="questionnaire__recipient">
              <h2>{describe(target)}</h2>
              <input type="hidden" name={`target-${i}`} value={target.id} />
              <Radios
                name={`replied-${i}`}
                legend={T.replied(target.name)}
                choices={T.repliedChoices}
                value={values.replied}
                error={form.errors[`replied-${i}`]}
              />
              <Radios
                name={`stance-${i}`}
                legend={T.stance}
                choices={T.stanceChoices}
                value={values.stance}
                error={form.errors[`stance-${i}`]}
              />
              <TextArea
                ctx={ctx}
                name={`replyText-${i}`}
                label={T.replyText}
                hint={T.replyTextHint}
                optional
                rows={4}
                maxLength={5000}
                value={values.replyText}
                error={form.errors[`replyText-${i}`]}
              />
            </section>
          );
        })}
        <p class="hint">{T.changeLater}</p>
        <Button>{T.send}</Button>
      </form>
    </Layout>,
  );
}

/** The form's values from the answers already given (a GET shows them; nothing changes). */
export const formFromAnswers = (
  recipients: Array<{ answer: LetterAnswer | null }>,
): QuestionnaireForm['values'] =>
  recipients.map(({ answer }) => ({
    replied: answer?.replied,
    stance: answer?.stance ?? undefined,
    replyText: answer?.replyText ?? undefined,
  }));

const describe = (t: Target): string => [t.name, t.title].filter(Boolean).join(', ');

// ---- the scorecard -----------------------------------------------------------------------------

export const SCORECARD_SORTS = ['name', 'sent', 'rate', 'stance'] as const;
export type ScorecardSort = (typeof SCORECARD_SORTS)[number];

const STANCE_ORDER: Record<string, number> = { SUPPORTIVE: 0, NON_COMMITTAL: 1, OPPOSED: 2 };

/** Rows in the asked order (ties by name), for one group. Pure. */
export function sortScorecard(rows: ScorecardRow[], sort: ScorecardSort, desc: boolean): ScorecardRow[] {
  const key = (r: ScorecardRow): number | string => {
    switch (sort) {
      case 'name':
        return r.target.name.toLowerCase();
      case 'sent':
        return r.lettersSent;
      case 'rate':
        return r.replyRate ?? -1;
      case 'stance':
        return r.stance ? STANCE_ORDER[r.stance] : 3;
    }
  };
  return [...rows].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    const order = ka < kb ? -1 : ka > kb ? 1 : 0;
    return (desc ? -order : order) || a.target.name.localeCompare(b.target.name);
  });
}

/** MSPs by region (regions by name), then everyone else. */
export function groupScorecard(
  rows: ScorecardRow[],
  othersTitle: string,
): Array<{ title: string; rows: ScorecardRow[] }> {
  const groups = new Map<string, ScorecardRow[]>();
  const others: ScorecardRow[] = [];
  for (const row of rows) {
    const isMsp = row.target.kind === 'MSP_CONSTITUENCY' || row.target.kind === 'MSP_REGIONAL';
    if (isMsp && row.region) {
      groups.set(row.region, [...(groups.get(row.region) ?? []), row]);
    } else {
      others.push(row);
    }
  }
  const sorted = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([title, group]) => ({ title, rows: group }));
  return others.length > 0 ? [...sorted, { title: othersTitle, rows: others }] : sorted;
}

export function scorecardPage(
  ctx: PageContext,
  campaign: LetterCampaign,
  rows: ScorecardRow[],
  sort: ScorecardSort,
  desc: boolean,
): string {
  const T = ctx.m.advocacy;
  const path = `/write/${encodeURIComponent(campaign.slug)}/scorecard`;
  const title = T.scorecardTitle(campaign.title);
  const header = (label: string, key: ScorecardSort, numeric = false) => {
    const current = sort === key;
    // Following a column's link sorts by it; following it again reverses the order.
    const nextDesc = current ? !desc : key !== 'name';
    return (
      <th
        scope="col"
        class={numeric ? 'num' : undefined}
        aria-sort={current ? (desc ? 'descending' : 'ascending') : undefined}
      >
        <a href={`${path}?sort=${key}&dir=${nextDesc ? 'desc' : 'asc'}`} aria-label={T.sortBy(label)}>
          {label}
          {current ? (desc ? ' ▼' : ' ▲') : ''}
        </a>
      </th>
    );
  };
  return renderPage(
    <Layout ctx={ctx} meta={{ title, description: T.scorecardLead, path }}>
      <h1>{title}</h1>
      <p class="lead">{T.scorecardLead}</p>
      {rows.length === 0 ? (
        <p>{T.scorecardNone}</p>
      ) : (
        <div class="table-wrap" tabindex={0} role="region" aria-label={title}>
          <table class="scorecard">
            <thead>
              <tr>
                {header(T.recipient, 'name')}
                <th scope="col">{T.seat}</th>
                {header(T.lettersSent, 'sent', true)}
                <th scope="col" class="num">
                  {T.replies}
                </th>
                {header(T.replyRate, 'rate', true)}
                {header(T.stanceColumn, 'stance')}
              </tr>
            </thead>
            {groupScorecard(rows, T.others).map((group) => (
              <tbody key={group.title}>
                <tr>
                  <th scope="rowgroup" colSpan={6}>
                    {group.title}
                  </th>
                </tr>
                {sortScorecard(group.rows, sort, desc).map((row) => (
                  <tr key={row.target.id}>
                    <th scope="row">{row.target.name}</th>
                    <td>
                      {row.target.kind === 'MSP_REGIONAL'
                        ? T.regional
                        : (row.constituency ?? row.target.organisation)}
                    </td>
                    <td class="num">{row.lettersSent}</td>
                    <td class="num">
                      {row.replies} / {row.answers}
                    </td>
                    <td class="num">
                      {row.replyRate === null ? '–' : `${Math.round(row.replyRate * 100)}%`}
                    </td>
                    <td>
                      {row.stance ? (
                        <>
                          {T.stanceLabel[row.stance]}{' '}
                          <span class="hint">({row.stanceVerified ? T.verified : T.reported})</span>
                        </>
                      ) : (
                        T.unknown
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
      {campaign.status === 'OPEN' ? (
        <p>
          <a href={`/write/${encodeURIComponent(campaign.slug)}`}>{T.backToCampaign}</a>
        </p>
      ) : null}
    </Layout>,
  );
}
