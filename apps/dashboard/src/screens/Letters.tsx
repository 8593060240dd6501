import { type FormEvent, useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link, useLocation, useParams } from 'wouter';
import { errorText, fieldErrors } from '../api';
import { Field, Outcome, TextArea } from '../Form';
import { graphql } from '../gql';
import type { DeliveryStatus, LetterCampaignStatus, Targeting } from '../gql/graphql';
import { ScreenHeading } from '../Heading';
import { useBranch, useSession, withBranch } from '../session';
import { Pager } from '../Pager';

const PAGE_SIZE = 25;

const BranchLetterCampaignsDocument = graphql(`
  query BranchLetterCampaigns($branchId: ID!, $first: Int!, $after: String) {
    branchLetterCampaigns(branchId: $branchId, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          title
          status
          targeting
        }
      }
    }
  }
`);

const LetterCampaignDocument = graphql(`
  query ManagedLetterCampaign($id: ID!) {
    managedLetterCampaign(id: $id) {
      id
      slug
      title
      status
      targeting
      subjectTemplate
      bodyTemplate
      requirePersonalisation
      stats {
        written
        confirmed
        sent
        failed
        personalisedShare
        byTarget {
          written
          confirmed
          sent
          failed
          target {
            id
            name
            title
            deliveryStatus
          }
        }
      }
    }
  }
`);

const CheckTemplatesDocument = graphql(`
  query CheckLetterTemplates($subjectTemplate: String!, $bodyTemplate: String!) {
    checkLetterTemplates(subjectTemplate: $subjectTemplate, bodyTemplate: $bodyTemplate) {
      placeholders
      problems {
        field
        message
      }
    }
  }
`);

const PreviewDocument = graphql(`
  query PreviewLetters($campaignSlug: String!, $postcode: String!, $fullName: String!) {
    previewLetters(campaignSlug: $campaignSlug, postcode: $postcode, fullName: $fullName) {
      subject
      body
      target {
        id
        name
        title
      }
    }
  }
`);

const CreateLetterCampaignDocument = graphql(`
  mutation CreateLetterCampaign($input: CreateLetterCampaignInput!) {
    createLetterCampaign(input: $input) {
      id
    }
  }
`);

const UpdateLetterCampaignDocument = graphql(`
  mutation UpdateLetterCampaign($input: UpdateLetterCampaignInput!) {
    updateLetterCampaign(input: $input) {
      id
      title
      subjectTemplate
      bodyTemplate
      requirePersonalisation
      targeting
    }
  }
`);

const OpenLetterCampaignDocument = graphql(`
  mutation OpenLetterCampaign($id: ID!) {
    openLetterCampaign(id: $id) {
      id
      status
    }
  }
`);

const CloseLetterCampaignDocument = graphql(`
  mutation CloseLetterCampaign($id: ID!) {
    closeLetterCampaign(id: $id) {
      id
      status
    }
  }
`);

const SetDeliveryStatusDocument = graphql(`
  mutation SetTargetDeliveryStatus($id: ID!, $status: DeliveryStatus!) {
    setTargetDeliveryStatus(id: $id, status: $status) {
      id
      deliveryStatus
    }
  }
`);

const STATUS_TEXT: Record<LetterCampaignStatus, string> = { DRAFT: 'Draft', OPEN: 'Open', CLOSED: 'Closed' };

/** SELECTED_TARGETS needs a list of targets to choose from; that is for the API for now. */
const TARGETING_TEXT: Record<Targeting, string> = {
  MY_MSPS: 'The supporter’s MSPs (constituency and regional)',
  MY_CONSTITUENCY_MSP: 'The supporter’s constituency MSP',
  MY_REGIONAL_MSPS: 'The supporter’s regional MSPs',
  SELECTED_TARGETS: 'Chosen targets',
};

const DELIVERY_TEXT: Record<DeliveryStatus, string> = {
  OK: 'OK',
  BOUNCING: 'Bouncing',
  BLOCKED: 'Blocked',
};

/** The branch's letter campaigns, drafts included, and a form to start one. */
export function Letters() {
  const { id } = useBranch();
  return <BranchLetters key={id ?? ''} />;
}

function BranchLetters() {
  const { id: branchId, branch } = useBranch();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [{ data, error, fetching }] = useQuery({
    query: BranchLetterCampaignsDocument,
    variables: { branchId: branchId ?? '', first: PAGE_SIZE, after: cursors[cursors.length - 1] },
    pause: !branchId,
  });
  const connection = data?.branchLetterCampaigns;
  const rows = connection?.edges.map((e) => e.node) ?? [];

  return (
    <>
      <ScreenHeading title="Letters">Letter campaigns{branch ? ` of ${branch.name}` : ''}</ScreenHeading>
      {!branchId ? <p>Choose a branch first.</p> : null}
      {error ? (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {connection ? (
        <>
          <p className="count" role="status">
            {connection.totalCount === 0
              ? 'No letter campaigns yet.'
              : `${connection.totalCount.toLocaleString('en-GB')} letter campaigns, newest first.`}
          </p>
          {rows.length > 0 ? (
            <table className="responsive">
              <caption className="visually-hidden">Letter campaigns, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Status</th>
                  <th scope="col">Writes to</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" data-label="Title">
                      <Link href={withBranch(`/letters/${c.id}`, branchId)}>{c.title}</Link>
                    </th>
                    <td data-label="Status">{STATUS_TEXT[c.status]}</td>
                    <td data-label="Writes to">{TARGETING_TEXT[c.targeting]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Pager
            label="Pages of letter campaigns"
            cursors={cursors}
            setCursors={setCursors}
            pageInfo={connection.pageInfo}
            fetching={fetching}
          />
        </>
      ) : null}
      {branchId ? <NewCampaign branchId={branchId} /> : null}
    </>
  );
}

const STARTER_BODY = `Dear {{target.name}},

I live in {{constituency.name}} and I am writing to ask you to …

Yours sincerely,
{{supporter.fullName}}`;

function NewCampaign({ branchId }: { branchId: string }) {
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [targeting, setTargeting] = useState<Targeting>('MY_MSPS');
  const [templates, setTemplates] = useState({ subject: '', body: STARTER_BODY });
  const [personal, setPersonal] = useState(false);
  const [state, create] = useMutation(CreateLetterCampaignDocument);
  const [, navigate] = useLocation();
  const problems = fieldErrors(state.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    void create({
      input: {
        branchId,
        title,
        slug,
        targeting,
        subjectTemplate: templates.subject,
        bodyTemplate: templates.body,
        requirePersonalisation: personal,
      },
    }).then((result) => {
      if (result.data) {
        navigate(withBranch(`/letters/${result.data.createLetterCampaign.id}`, branchId));
      }
    });
  }

  return (
    <section className="panel" aria-labelledby="new-letters">
      <h2 id="new-letters">Start a letter campaign</h2>
      <p>It starts as a draft: nobody sees it until you open it.</p>
      <form onSubmit={submit} className="form" noValidate>
        <Field id="letters-title" label="Title" value={title} onChange={setTitle} error={problems.title} />
        <Field
          id="letters-slug"
          label="Address"
          hint="Lower-case words joined by hyphens, e.g. write-to-your-msp: the campaign’s web address."
          value={slug}
          onChange={setSlug}
          error={problems.slug}
        />
        <TargetingChoice value={targeting} onChange={setTargeting} error={problems.targeting} />
        <TemplateEditor
          idPrefix="new"
          subject={templates.subject}
          body={templates.body}
          onChange={setTemplates}
          saveErrors={problems}
        />
        <Personalisation checked={personal} onChange={setPersonal} />
        <button type="submit" className="button" disabled={state.fetching}>
          Create letter campaign
        </button>
        <Outcome
          error={state.error && Object.keys(problems).length === 0 ? errorText(state.error) : undefined}
        />
      </form>
    </section>
  );
}

function TargetingChoice({
  value,
  onChange,
  error,
}: {
  value: Targeting;
  onChange: (value: Targeting) => void;
  error?: string;
}) {
  return (
    <div className="field">
      <label htmlFor="letters-targeting">Who supporters write to</label>
      {error ? (
        <p className="error" id="letters-targeting-error">
          Error: {error}
        </p>
      ) : null}
      <select
        id="letters-targeting"
        value={value}
        onChange={(e) => onChange(e.target.value as Targeting)}
        aria-describedby={error ? 'letters-targeting-error' : undefined}
      >
        {(['MY_MSPS', 'MY_CONSTITUENCY_MSP', 'MY_REGIONAL_MSPS'] as const).map((t) => (
          <option key={t} value={t}>
            {TARGETING_TEXT[t]}
          </option>
        ))}
        {value === 'SELECTED_TARGETS' ? (
          <option value="SELECTED_TARGETS">{TARGETING_TEXT.SELECTED_TARGETS}</option>
        ) : null}
      </select>
    </div>
  );
}

function Personalisation({ checked, onChange }: { checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <div className="field field--check">
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> Ask
        supporters to put the letter in their own words (the letter must differ from the template)
      </label>
    </div>
  );
}

/** Typed text settles for a moment before it is checked (one request per pause, not per key). */
function useSettled<T>(value: T, ms = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Subject and body with the placeholders listed, checked as they are typed by the API's own rules
 * (checkLetterTemplates: what a save would refuse), and the save's refusals by the same fields.
 */
function TemplateEditor({
  idPrefix,
  subject,
  body,
  onChange,
  saveErrors,
}: {
  idPrefix: string;
  subject: string;
  body: string;
  onChange: (templates: { subject: string; body: string }) => void;
  saveErrors: Record<string, string>;
}) {
  const settled = useSettled({ subject, body });
  const [{ data, operation }] = useQuery({
    query: CheckTemplatesDocument,
    variables: { subjectTemplate: settled.subject, bodyTemplate: settled.body },
  });
  // The live check speaks once it has answered for the words now in the fields; until then, the
  // save's refusal (if any) stays by its field.
  const answered =
    data !== undefined &&
    operation?.variables.subjectTemplate === subject &&
    operation.variables.bodyTemplate === body;
  const live = new Map((data?.checkLetterTemplates.problems ?? []).map((p) => [p.field, p.message]));
  const subjectProblem = answered ? live.get('subjectTemplate') : saveErrors.subjectTemplate;
  const bodyProblem = answered ? live.get('bodyTemplate') : saveErrors.bodyTemplate;
  const placeholders = data?.checkLetterTemplates.placeholders ?? [];

  return (
    <fieldset className="templates">
      <legend>The letter</legend>
      <p className="hint" id={`${idPrefix}-placeholders`}>
        Placeholders are filled in for each supporter and recipient:
      </p>
      <ul className="placeholders" aria-labelledby={`${idPrefix}-placeholders`}>
        {placeholders.map((p) => (
          <li key={p}>
            <code>{`{{${p}}}`}</code>
          </li>
        ))}
      </ul>
      <Field
        id={`${idPrefix}-subject`}
        label="Subject"
        value={subject}
        onChange={(value) => onChange({ subject: value, body })}
        error={subjectProblem ? `The subject ${stripThe(subjectProblem)}` : undefined}
      />
      <TextArea
        id={`${idPrefix}-body`}
        label="Letter"
        rows={10}
        value={body}
        onChange={(value) => onChange({ subject, body: value })}
        error={bodyProblem ? `The letter ${stripThe(bodyProblem)}` : undefined}
      />
    </fieldset>
  );
}

/** The API's problem for a field ("uses an unknown placeholder …"), without a leading "The template". */
function stripThe(message: string): string {
  return message.replace(/^The template /, '');
}

/** One campaign: open or close it, its figures per target, a preview for a postcode, editing. */
export function LetterCampaignScreen() {
  const { id } = useParams<{ id: string }>();
  const { id: branchId } = useBranch();
  const { isAdmin } = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: LetterCampaignDocument, variables: { id } });
  const campaign = data?.managedLetterCampaign;
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <>
      <ScreenHeading title={campaign?.title ?? 'Letter campaign'}>
        {campaign?.title ?? 'Letter campaign'}
      </ScreenHeading>
      <p>
        <Link href={withBranch('/letters', branchId)}>All letter campaigns</Link>
      </p>
      {error ? (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {fetching && !data ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : null}
      {campaign ? (
        <>
          <dl className="facts">
            <div>
              <dt>Status</dt>
              <dd>{STATUS_TEXT[campaign.status]}</dd>
            </div>
            <div>
              <dt>Writes to</dt>
              <dd>{TARGETING_TEXT[campaign.targeting]}</dd>
            </div>
            <div>
              <dt>Letters written</dt>
              <dd>{campaign.stats.written.toLocaleString('en-GB')}</dd>
            </div>
            <div>
              <dt>Confirmed, sent, failed</dt>
              <dd>
                {campaign.stats.confirmed.toLocaleString('en-GB')},{' '}
                {campaign.stats.sent.toLocaleString('en-GB')}, {campaign.stats.failed.toLocaleString('en-GB')}
              </dd>
            </div>
            <div>
              <dt>In supporters’ own words</dt>
              <dd>{Math.round(campaign.stats.personalisedShare * 100)}% on average</dd>
            </div>
          </dl>
          <LetterNextStep id={campaign.id} status={campaign.status} onDone={reload} />
          {campaign.status !== 'DRAFT' ? (
            <p>
              <a href={`/write/${encodeURIComponent(campaign.slug)}`}>The public page</a>
            </p>
          ) : null}
          <section aria-labelledby="per-target">
            <h2 id="per-target">Letters per recipient</h2>
            {campaign.stats.byTarget.length === 0 ? (
              <p>No confirmed letters yet.</p>
            ) : (
              <table className="responsive">
                <caption className="visually-hidden">Letters per recipient, most first</caption>
                <thead>
                  <tr>
                    <th scope="col">Recipient</th>
                    <th scope="col" className="num">
                      Written
                    </th>
                    <th scope="col" className="num">
                      Confirmed
                    </th>
                    <th scope="col" className="num">
                      Sent
                    </th>
                    <th scope="col" className="num">
                      Failed
                    </th>
                    <th scope="col">Delivery to this address</th>
                  </tr>
                </thead>
                <tbody>
                  {campaign.stats.byTarget.map((row) => (
                    <tr key={row.target.id}>
                      <th scope="row" data-label="Recipient">
                        {row.target.name}
                        <br />
                        <span className="hint">{row.target.title}</span>
                      </th>
                      <td data-label="Written" className="num">
                        {row.written}
                      </td>
                      <td data-label="Confirmed" className="num">
                        {row.confirmed}
                      </td>
                      <td data-label="Sent" className="num">
                        {row.sent}
                      </td>
                      <td data-label="Failed" className="num">
                        {row.failed}
                      </td>
                      <td data-label="Delivery to this address">
                        {isAdmin ? (
                          <DeliveryStatusChoice
                            targetId={row.target.id}
                            name={row.target.name}
                            status={row.target.deliveryStatus}
                          />
                        ) : (
                          DELIVERY_TEXT[row.target.deliveryStatus]
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {campaign.status !== 'CLOSED' ? <Preview slug={campaign.slug} /> : null}
          {campaign.status !== 'CLOSED' ? <EditCampaign campaign={campaign} /> : null}
        </>
      ) : null}
    </>
  );
}

function LetterNextStep({
  id,
  status,
  onDone,
}: {
  id: string;
  status: LetterCampaignStatus;
  onDone: () => void;
}) {
  const [opening, open] = useMutation(OpenLetterCampaignDocument);
  const [closing, close] = useMutation(CloseLetterCampaignDocument);
  const [done, setDone] = useState<string | null>(null);
  const error = opening.error ?? closing.error;
  const after = (text: string) => (result: { error?: unknown }) => {
    if (!result.error) {
      setDone(text);
      onDone();
    }
  };
  if (status === 'CLOSED') {
    return <p>This campaign is closed: it takes no more letters.</p>;
  }
  return (
    <section className="next-step" aria-labelledby="letters-next-step">
      <h2 id="letters-next-step">Next step</h2>
      {status === 'DRAFT' ? (
        <>
          <p>Opening it puts it on the public site for supporters to write.</p>
          <button
            type="button"
            className="button"
            disabled={opening.fetching}
            onClick={() => void open({ id }).then(after('The letter campaign is open.'))}
          >
            Open letter campaign
          </button>
        </>
      ) : (
        <>
          <p>Closing it stops new letters; letters already confirmed are still sent.</p>
          <button
            type="button"
            className="button"
            disabled={closing.fetching}
            onClick={() => void close({ id }).then(after('The letter campaign is closed.'))}
          >
            Close letter campaign
          </button>
        </>
      )}
      <Outcome error={error ? errorText(error) : undefined} done={done ?? undefined} />
    </section>
  );
}

function DeliveryStatusChoice({
  targetId,
  name,
  status,
}: {
  targetId: string;
  name: string;
  status: DeliveryStatus;
}) {
  const [state, setStatus] = useMutation(SetDeliveryStatusDocument);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div>
      <label htmlFor={`delivery-${targetId}`} className="visually-hidden">
        Delivery status for {name}
      </label>
      <select
        id={`delivery-${targetId}`}
        value={status}
        disabled={state.fetching}
        onChange={(e) => {
          const next = e.target.value as DeliveryStatus;
          void setStatus({ id: targetId, status: next }).then((result) =>
            setDone(result.error ? null : `Saved: ${DELIVERY_TEXT[next]}.`),
          );
        }}
      >
        {(['OK', 'BOUNCING', 'BLOCKED'] as const).map((s) => (
          <option key={s} value={s}>
            {DELIVERY_TEXT[s]}
          </option>
        ))}
      </select>
      <Outcome error={state.error ? errorText(state.error) : undefined} done={done ?? undefined} />
    </div>
  );
}

function Preview({ slug }: { slug: string }) {
  const [postcode, setPostcode] = useState('');
  const [fullName, setFullName] = useState('Alex Supporter');
  const [asked, setAsked] = useState<{ postcode: string; fullName: string } | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: PreviewDocument,
    variables: { campaignSlug: slug, postcode: asked?.postcode ?? '', fullName: asked?.fullName ?? '' },
    pause: !asked,
    requestPolicy: 'network-only',
  });
  const problems = fieldErrors(error);
  return (
    <section className="panel" aria-labelledby="letters-preview">
      <h2 id="letters-preview">Preview for a postcode</h2>
      <p>The letters a supporter at this postcode would be offered, from the saved templates.</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked({ postcode, fullName });
        }}
      >
        <Field
          id="preview-postcode"
          label="Postcode"
          value={postcode}
          onChange={setPostcode}
          error={
            problems.postcode ?? (error && Object.keys(problems).length === 0 ? errorText(error) : undefined)
          }
        />
        <Field id="preview-name" label="Supporter’s name" value={fullName} onChange={setFullName} />
        <button type="submit" className="button button--secondary" disabled={fetching}>
          Preview
        </button>
      </form>
      <div role="status">
        {data ? (
          data.previewLetters.length === 0 ? (
            <p>Nobody to write to from that postcode.</p>
          ) : (
            <p>
              {data.previewLetters.length} letter{data.previewLetters.length === 1 ? '' : 's'}.
            </p>
          )
        ) : null}
      </div>
      {data?.previewLetters.map((letter) => (
        <article key={letter.target.id} className="preview" aria-label={`To ${letter.target.name}`}>
          <h3>
            To {letter.target.name}, {letter.target.title}
          </h3>
          <p>
            <strong>Subject:</strong> {letter.subject}
          </p>
          {letter.body}
        </article>
      ))}
    </section>
  );
}

function EditCampaign({
  campaign,
}: {
  campaign: {
    id: string;
    title: string;
    subjectTemplate: string;
    bodyTemplate: string;
    requirePersonalisation: boolean;
  };
}) {
  const [title, setTitle] = useState(campaign.title);
  const [templates, setTemplates] = useState({
    subject: campaign.subjectTemplate,
    body: campaign.bodyTemplate,
  });
  const [personal, setPersonal] = useState(campaign.requirePersonalisation);
  const [state, update] = useMutation(UpdateLetterCampaignDocument);
  const [done, setDone] = useState(false);
  const problems = fieldErrors(state.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    void update({
      input: {
        id: campaign.id,
        title,
        subjectTemplate: templates.subject,
        bodyTemplate: templates.body,
        requirePersonalisation: personal,
      },
    }).then((result) => setDone(!result.error));
  }

  return (
    <section className="panel" aria-labelledby="edit-letters">
      <h2 id="edit-letters">Edit</h2>
      <p>Letters already written keep the words their writers confirmed.</p>
      <form onSubmit={submit} className="form" noValidate>
        <Field
          id="edit-letters-title"
          label="Title"
          value={title}
          onChange={setTitle}
          error={problems.title}
        />
        <TemplateEditor
          idPrefix="edit"
          subject={templates.subject}
          body={templates.body}
          onChange={setTemplates}
          saveErrors={problems}
        />
        <Personalisation checked={personal} onChange={setPersonal} />
        <button type="submit" className="button" disabled={state.fetching}>
          Save changes
        </button>
        <Outcome
          error={state.error && Object.keys(problems).length === 0 ? errorText(state.error) : undefined}
          done={done ? 'Saved.' : undefined}
        />
      </form>
    </section>
  );
}
