import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link, useLocation, useParams } from 'wouter';
import { errorText, fieldErrors, formatDate } from '../api';
import { BarChart, dayLabel, daySpan } from '../BarChart';
import { Field, Outcome, TextArea } from '../Form';
import { graphql } from '../gql';
import type { PetitionStatus } from '../gql/graphql';
import { ScreenHeading } from '../Heading';
import { useBranch, withBranch } from '../session';
import { Pager } from '../Pager';

const PAGE_SIZE = 25;

const BranchPetitionsDocument = graphql(`
  query BranchPetitions($branchId: ID!, $first: Int!, $after: String) {
    branchPetitions(branchId: $branchId, first: $first, after: $after) {
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
          signatureCount
          goal
          closesAt
        }
      }
    }
  }
`);

const PetitionDocument = graphql(`
  query ManagedPetition($id: ID!) {
    managedPetition(id: $id) {
      id
      slug
      title
      summary
      body
      targetName
      goal
      status
      closesAt
      deliveredAt
      deliveryNote
      signatureCount
      branch {
        id
        name
      }
      signaturesByDay {
        key
        count
      }
      signaturesByConstituency {
        key
        count
      }
    }
  }
`);

const CreatePetitionDocument = graphql(`
  mutation CreatePetition($input: CreatePetitionInput!) {
    createPetition(input: $input) {
      id
    }
  }
`);

const UpdatePetitionDocument = graphql(`
  mutation UpdatePetition($input: UpdatePetitionInput!) {
    updatePetition(input: $input) {
      id
      title
      summary
      body
      targetName
      goal
      closesAt
    }
  }
`);

const OpenPetitionDocument = graphql(`
  mutation OpenPetition($id: ID!) {
    openPetition(id: $id) {
      id
      status
    }
  }
`);

const ClosePetitionDocument = graphql(`
  mutation ClosePetition($id: ID!) {
    closePetition(id: $id) {
      id
      status
    }
  }
`);

const DeliverPetitionDocument = graphql(`
  mutation DeliverPetition($id: ID!, $deliveredAt: DateTime!, $note: String!) {
    markPetitionDelivered(id: $id, deliveredAt: $deliveredAt, note: $note) {
      id
      status
      deliveredAt
      deliveryNote
    }
  }
`);

export const STATUS_TEXT: Record<PetitionStatus, string> = {
  DRAFT: 'Draft',
  OPEN: 'Open',
  CLOSED: 'Closed',
  DELIVERED: 'Delivered',
};

/** The branch's petitions, drafts included, and a form to start one. */
export function Petitions() {
  const { id } = useBranch();
  return <BranchPetitions key={id ?? ''} />;
}

function BranchPetitions() {
  const { id: branchId, branch } = useBranch();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [{ data, error, fetching }] = useQuery({
    query: BranchPetitionsDocument,
    variables: { branchId: branchId ?? '', first: PAGE_SIZE, after: cursors[cursors.length - 1] },
    pause: !branchId,
  });
  const rows = data?.branchPetitions.edges.map((e) => e.node) ?? [];

  return (
    <>
      <ScreenHeading title="Petitions">Petitions{branch ? ` of ${branch.name}` : ''}</ScreenHeading>
      {!branchId ? <p>Choose a branch first.</p> : null}
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
      {data ? (
        <>
          <p className="count" role="status">
            {data.branchPetitions.totalCount === 0
              ? 'No petitions yet.'
              : `${data.branchPetitions.totalCount.toLocaleString('en-GB')} petitions, newest first.`}
          </p>
          {rows.length > 0 ? (
            <table className="responsive">
              <caption className="visually-hidden">Petitions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Status</th>
                  <th scope="col">Signatures</th>
                  <th scope="col">Closes</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" data-label="Title">
                      <Link href={withBranch(`/petitions/${p.id}`, branchId)}>{p.title}</Link>
                    </th>
                    <td data-label="Status">{STATUS_TEXT[p.status]}</td>
                    <td data-label="Signatures">
                      {p.signatureCount.toLocaleString('en-GB')} of {p.goal.toLocaleString('en-GB')}
                    </td>
                    <td data-label="Closes">{p.closesAt ? formatDate(p.closesAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Pager
            label="Pages of petitions"
            cursors={cursors}
            setCursors={setCursors}
            pageInfo={data.branchPetitions.pageInfo}
            fetching={fetching}
          />
        </>
      ) : null}
      {branchId ? <NewPetition branchId={branchId} /> : null}
    </>
  );
}

interface Draft {
  title: string;
  slug: string;
  summary: string;
  body: string;
  targetName: string;
  goal: string;
  closesAt: string;
}

const EMPTY: Draft = {
  title: '',
  slug: '',
  summary: '',
  body: '',
  targetName: '',
  goal: '1000',
  closesAt: '',
};

/** "2026-12-31" as the end of that day in the UK (near enough: 23:59 UTC). */
function closingDate(day: string): string | null {
  return day ? new Date(`${day}T23:59:00Z`).toISOString() : null;
}

function NewPetition({ branchId }: { branchId: string }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [state, create] = useMutation(CreatePetitionDocument);
  const [, navigate] = useLocation();
  const problems = fieldErrors(state.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    void create({
      input: {
        branchId,
        title: draft.title,
        slug: draft.slug,
        summary: draft.summary,
        body: draft.body,
        targetName: draft.targetName,
        goal: Number.parseInt(draft.goal, 10) || 0,
        closesAt: closingDate(draft.closesAt),
      },
    }).then((result) => {
      if (result.data) {
        navigate(withBranch(`/petitions/${result.data.createPetition.id}`, branchId));
      }
    });
  }

  const set = (key: keyof Draft) => (value: string) => setDraft({ ...draft, [key]: value });
  return (
    <section className="panel" aria-labelledby="new-petition">
      <h2 id="new-petition">Start a petition</h2>
      <p>It starts as a draft: nobody sees it until you open it.</p>
      <form onSubmit={submit} className="form" noValidate>
        <Field
          id="petition-title"
          label="Title"
          value={draft.title}
          onChange={set('title')}
          error={problems.title}
        />
        <Field
          id="petition-slug"
          label="Address"
          hint="Lower-case words joined by hyphens, e.g. drug-checking-now: the petition’s web address."
          value={draft.slug}
          onChange={set('slug')}
          error={problems.slug}
        />
        <Field
          id="petition-target"
          label="Who it calls on"
          value={draft.targetName}
          onChange={set('targetName')}
          error={problems.targetName}
        />
        <TextArea
          id="petition-summary"
          label="Summary"
          rows={2}
          value={draft.summary}
          onChange={set('summary')}
          error={problems.summary}
        />
        <TextArea
          id="petition-body"
          label="Text"
          rows={6}
          value={draft.body}
          onChange={set('body')}
          error={problems.body}
        />
        <Field
          id="petition-goal"
          label="Goal (signatures)"
          inputMode="numeric"
          value={draft.goal}
          onChange={set('goal')}
          error={problems.goal}
        />
        <Field
          id="petition-closes"
          label="Closes on (optional)"
          type="date"
          value={draft.closesAt}
          onChange={set('closesAt')}
          error={problems.closesAt}
        />
        <button type="submit" className="button" disabled={state.fetching}>
          Create petition
        </button>
        <Outcome
          error={state.error && Object.keys(problems).length === 0 ? errorText(state.error) : undefined}
        />
      </form>
    </section>
  );
}

/** One petition: its state's next step, its figures, the delivery CSV, and editing while it may change. */
export function PetitionScreen() {
  const { id } = useParams<{ id: string }>();
  const { id: branchId } = useBranch();
  const [{ data, error, fetching }, refetch] = useQuery({ query: PetitionDocument, variables: { id } });
  const petition = data?.managedPetition;

  return (
    <>
      <ScreenHeading title={petition?.title ?? 'Petition'}>{petition?.title ?? 'Petition'}</ScreenHeading>
      <p>
        <Link href={withBranch('/petitions', branchId)}>All petitions</Link>
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
      {petition ? (
        <>
          <dl className="facts">
            <div>
              <dt>Status</dt>
              <dd>{STATUS_TEXT[petition.status]}</dd>
            </div>
            <div>
              <dt>Signatures</dt>
              <dd>
                {petition.signatureCount.toLocaleString('en-GB')} of {petition.goal.toLocaleString('en-GB')}
              </dd>
            </div>
            <div>
              <dt>Calls on</dt>
              <dd>{petition.targetName}</dd>
            </div>
            <div>
              <dt>Closes</dt>
              <dd>{petition.closesAt ? formatDate(petition.closesAt) : 'No closing date'}</dd>
            </div>
            {petition.deliveredAt ? (
              <div>
                <dt>Delivered</dt>
                <dd>
                  {formatDate(petition.deliveredAt)}
                  {petition.deliveryNote ? `: ${petition.deliveryNote}` : ''}
                </dd>
              </div>
            ) : null}
          </dl>
          <NextStep
            id={petition.id}
            status={petition.status}
            onDone={() => refetch({ requestPolicy: 'network-only' })}
          />
          <ul className="links">
            {petition.status !== 'DRAFT' ? (
              <li>
                <a href={`/petitions/${encodeURIComponent(petition.slug)}`}>The public page</a>
              </li>
            ) : null}
            <li>
              <a href={`/petitions/${encodeURIComponent(petition.id)}/signatures.csv`} download>
                Delivery CSV (every confirmed signature; recorded in the audit log)
              </a>
            </li>
            <li>
              <Link href={withBranch(`/petitions/${petition.id}/briefing`, branchId)}>Briefing for MSPs</Link>
            </li>
          </ul>
          <section aria-labelledby="petition-figures">
            <h2 id="petition-figures">Signatures</h2>
            <div className="charts">
              <BarChart
                title="Confirmed signatures by day"
                bars={daySpan(petition.signaturesByDay)}
                keyHeading="Day"
                countHeading="Signatures"
                label={dayLabel}
              />
              <BarChart
                title="Confirmed signatures by constituency"
                bars={petition.signaturesByConstituency}
                keyHeading="Constituency"
                countHeading="Signatures"
                horizontal
                label={(key) => (key === 'unknown' ? 'Not placed in a constituency' : key)}
              />
            </div>
            {petition.signaturesByConstituency.length > 0 ? (
              <table className="report">
                <caption>Signatures by constituency</caption>
                <thead>
                  <tr>
                    <th scope="col">Constituency</th>
                    <th scope="col" className="num">
                      Signatures
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {petition.signaturesByConstituency.map((c) => (
                    <tr key={c.key}>
                      <th scope="row">{c.key === 'unknown' ? 'Not placed in a constituency' : c.key}</th>
                      <td className="num">{c.count.toLocaleString('en-GB')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </section>
          {petition.status === 'DRAFT' || petition.status === 'OPEN' ? (
            <EditPetition petition={petition} />
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** The state machine's next step, and only that: open a draft, close an open one, deliver a closed one. */
function NextStep({ id, status, onDone }: { id: string; status: PetitionStatus; onDone: () => void }) {
  const [opening, open] = useMutation(OpenPetitionDocument);
  const [closing, close] = useMutation(ClosePetitionDocument);
  const [delivering, deliver] = useMutation(DeliverPetitionDocument);
  const [deliveredOn, setDeliveredOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const error = opening.error ?? closing.error ?? delivering.error;
  const busy = opening.fetching || closing.fetching || delivering.fetching;

  const after = (text: string) => (result: { error?: unknown }) => {
    if (!result.error) {
      setDone(text);
      onDone();
    }
  };

  if (status === 'DELIVERED') {
    return (
      <div className="next-step">
        <p>This petition has been delivered: nothing more to do.</p>
        <Outcome done={done ?? undefined} />
      </div>
    );
  }
  return (
    <section className="next-step" aria-labelledby="next-step">
      <h2 id="next-step">Next step</h2>
      {status === 'DRAFT' ? (
        <>
          <p>
            Opening it puts it on the public site for people to sign. Its wording cannot change after that.
          </p>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void open({ id }).then(after('The petition is open.'))}
          >
            Open petition
          </button>
        </>
      ) : null}
      {status === 'OPEN' ? (
        <>
          <p>Closing it stops signatures, ready for delivery.</p>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void close({ id }).then(after('The petition is closed.'))}
          >
            Close petition
          </button>
        </>
      ) : null}
      {status === 'CLOSED' ? (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void deliver({ id, deliveredAt: new Date(`${deliveredOn}T12:00:00Z`).toISOString(), note }).then(
              after('The petition is marked delivered.'),
            );
          }}
        >
          <Field
            id="delivered-on"
            label="Delivered on"
            type="date"
            value={deliveredOn}
            onChange={setDeliveredOn}
          />
          <Field id="delivery-note" label="Note (optional)" value={note} onChange={setNote} />
          <button type="submit" className="button" disabled={busy}>
            Mark delivered
          </button>
        </form>
      ) : null}
      <Outcome error={error ? errorText(error) : undefined} done={done ?? undefined} />
    </section>
  );
}

function EditPetition({
  petition,
}: {
  petition: {
    id: string;
    status: PetitionStatus;
    title: string;
    summary: string;
    body: string;
    targetName: string;
    goal: number;
    closesAt?: string | null;
  };
}) {
  const wording = petition.status === 'DRAFT';
  const [draft, setDraft] = useState({
    title: petition.title,
    summary: petition.summary,
    body: petition.body,
    targetName: petition.targetName,
    goal: String(petition.goal),
    closesAt: petition.closesAt ? petition.closesAt.slice(0, 10) : '',
  });
  const [state, update] = useMutation(UpdatePetitionDocument);
  const [done, setDone] = useState(false);
  const problems = fieldErrors(state.error);
  const set = (key: keyof typeof draft) => (value: string) => {
    setDone(false);
    setDraft({ ...draft, [key]: value });
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    void update({
      input: {
        id: petition.id,
        ...(wording
          ? { title: draft.title, summary: draft.summary, body: draft.body, targetName: draft.targetName }
          : {}),
        goal: Number.parseInt(draft.goal, 10) || 0,
        closesAt: closingDate(draft.closesAt),
      },
    }).then((result) => setDone(!result.error));
  }

  return (
    <section className="panel" aria-labelledby="edit-petition">
      <h2 id="edit-petition">Edit</h2>
      {wording ? null : (
        <p>
          The petition is open, so its words stay as people signed them: only the goal (higher) and the
          closing date can change.
        </p>
      )}
      <form onSubmit={submit} className="form" noValidate>
        {wording ? (
          <>
            <Field
              id="edit-title"
              label="Title"
              value={draft.title}
              onChange={set('title')}
              error={problems.title}
            />
            <Field
              id="edit-target"
              label="Who it calls on"
              value={draft.targetName}
              onChange={set('targetName')}
              error={problems.targetName}
            />
            <TextArea
              id="edit-summary"
              label="Summary"
              rows={2}
              value={draft.summary}
              onChange={set('summary')}
              error={problems.summary}
            />
            <TextArea
              id="edit-body"
              label="Text"
              rows={6}
              value={draft.body}
              onChange={set('body')}
              error={problems.body}
            />
          </>
        ) : null}
        <Field
          id="edit-goal"
          label="Goal (signatures)"
          inputMode="numeric"
          value={draft.goal}
          onChange={set('goal')}
          error={problems.goal}
        />
        <Field
          id="edit-closes"
          label="Closes on (optional)"
          type="date"
          value={draft.closesAt}
          onChange={set('closesAt')}
          error={problems.closesAt}
        />
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
