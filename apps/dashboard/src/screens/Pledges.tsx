import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText, fieldErrors, formatDate, formatDateTime } from '../api';
import { Outcome, TextArea } from '../Form';
import { graphql } from '../gql';
import type { PledgeStatus, PledgesQuery } from '../gql/graphql';
import { ScreenHeading } from '../Heading';
import { useBranch } from '../session';
import { Pager } from '../Pager';

const PAGE_SIZE = 25;

const PledgesDocument = graphql(`
  query Pledges($branchId: ID!, $status: PledgeStatus, $first: Int!, $after: String) {
    pledges(branchId: $branchId, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          status
          commitments
          notes
          verifiedAt
          expiresAt
          venue {
            id
            name
            kind
            address
            postcode
            website
            licenceNumber
            publicEmail
          }
          history {
            action
            at
            note
          }
        }
      }
    }
    pledgeCommitments(includeRetired: true) {
      code
      title
    }
  }
`);

const VerifyDocument = graphql(`
  mutation VerifyPledge($id: ID!, $note: String!) {
    verifyPledge(id: $id, note: $note) {
      id
      status
    }
  }
`);

const RequestChangesDocument = graphql(`
  mutation RequestPledgeChanges($id: ID!, $note: String!) {
    requestPledgeChanges(id: $id, note: $note) {
      id
      status
    }
  }
`);

const RejectDocument = graphql(`
  mutation RejectPledge($id: ID!, $note: String!) {
    rejectPledge(id: $id, note: $note) {
      id
      status
    }
  }
`);

type PledgeNode = PledgesQuery['pledges']['edges'][number]['node'];

const STATUS_TEXT: Record<PledgeStatus, string> = {
  AWAITING_CONFIRMATION: 'Waiting for the venue to confirm its email',
  SUBMITTED: 'Waiting for verification',
  CHANGES_REQUESTED: 'Changes requested',
  VERIFIED: 'Verified',
  REJECTED: 'Rejected',
  LAPSED: 'Lapsed',
};

const KIND_TEXT: Record<string, string> = {
  BAR: 'Bar',
  CLUB: 'Club',
  FESTIVAL: 'Festival',
  LIVE_MUSIC: 'Live music',
  STUDENT_UNION: 'Student union',
  OTHER: 'Other',
};

const ACTION_TEXT: Record<string, string> = {
  SUBMITTED: 'Submitted',
  VERIFIED: 'Verified',
  REJECTED: 'Rejected',
  CHANGES_REQUESTED: 'Changes requested',
};

/** The branch's verification queue (or its pledges in another state), one pledge reviewed at a time. */
export function Pledges() {
  const { id } = useBranch();
  return <BranchPledges key={id ?? ''} />;
}

function BranchPledges() {
  const { id: branchId, branch } = useBranch();
  const [status, setStatus] = useState<PledgeStatus | ''>('SUBMITTED');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: PledgesDocument,
    variables: {
      branchId: branchId ?? '',
      status: status || null,
      first: PAGE_SIZE,
      after: cursors[cursors.length - 1],
    },
    pause: !branchId,
  });
  const rows = data?.pledges.edges.map((e) => e.node) ?? [];
  const titles = new Map((data?.pledgeCommitments ?? []).map((c) => [c.code, c.title]));
  const current = rows.find((p) => p.id === reviewing);

  return (
    <>
      <ScreenHeading title="Pledges">Pledges{branch ? ` of ${branch.name}` : ''}</ScreenHeading>
      <p>
        Venues pledge to keep people safer. Check each one before it appears in the{' '}
        <a href={branch ? `/venues?branch=${encodeURIComponent(branch.slug)}` : '/venues'}>
          public directory of venues
        </a>
        .
      </p>
      {!branchId ? <p>Choose a branch first.</p> : null}
      <div className="filters">
        <div className="field">
          <label htmlFor="pledge-status">Show</label>
          <select
            id="pledge-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as PledgeStatus | '');
              setCursors([null]);
              setReviewing(null);
              setDecided(null);
            }}
          >
            <option value="SUBMITTED">Waiting for verification</option>
            <option value="CHANGES_REQUESTED">Changes requested</option>
            <option value="VERIFIED">Verified</option>
            <option value="REJECTED">Rejected</option>
            <option value="LAPSED">Lapsed</option>
            <option value="">All</option>
          </select>
        </div>
      </div>
      {error ? (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {data ? (
        <>
          <p className="count" role="status">
            {data.pledges.totalCount === 0
              ? 'No pledges here.'
              : `${data.pledges.totalCount.toLocaleString('en-GB')} pledges, newest first.`}
          </p>
          {rows.length > 0 ? (
            <table className="responsive">
              <caption className="visually-hidden">Pledges</caption>
              <thead>
                <tr>
                  <th scope="col">Venue</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Postcode</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Review</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" data-label="Venue">
                      {p.venue.name}
                    </th>
                    <td data-label="Kind">{KIND_TEXT[p.venue.kind] ?? p.venue.kind}</td>
                    <td data-label="Postcode">{p.venue.postcode}</td>
                    <td data-label="Status">{STATUS_TEXT[p.status]}</td>
                    <td data-label="Review">
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-pressed={reviewing === p.id}
                        onClick={() => setReviewing(p.id)}
                      >
                        Review<span className="visually-hidden"> {p.venue.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Pager
            label="Pages of pledges"
            cursors={cursors}
            setCursors={setCursors}
            pageInfo={data.pledges.pageInfo}
            fetching={fetching}
          />
          <Outcome done={decided ?? undefined} />
          {current ? (
            <Review
              key={current.id}
              pledge={current}
              titles={titles}
              onDecided={(text) => {
                setDecided(text);
                refetch({ requestPolicy: 'network-only' });
              }}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

function Review({
  pledge,
  titles,
  onDecided,
}: {
  pledge: PledgeNode;
  titles: Map<string, string>;
  onDecided: (text: string) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [note, setNote] = useState('');
  const [verifying, verify] = useMutation(VerifyDocument);
  const [asking, ask] = useMutation(RequestChangesDocument);
  const [rejecting, reject] = useMutation(RejectDocument);
  const [last, setLast] = useState<'verify' | 'ask' | 'reject' | null>(null);
  const state =
    last === 'verify' ? verifying : last === 'ask' ? asking : last === 'reject' ? rejecting : null;
  const problems = fieldErrors(state?.error);
  const busy = verifying.fetching || asking.fetching || rejecting.fetching;
  const { venue } = pledge;

  function decide(which: 'verify' | 'ask' | 'reject') {
    setLast(which);
    const run = which === 'verify' ? verify : which === 'ask' ? ask : reject;
    void run({ id: pledge.id, note }).then((result) => {
      if (!result.error) {
        onDecided(
          which === 'verify'
            ? `${venue.name} is verified: it now appears in the public directory.`
            : which === 'ask'
              ? `${venue.name} has been asked for changes.`
              : `${venue.name}’s pledge is rejected.`,
        );
      }
    });
  }

  return (
    <section className="pledge" aria-labelledby="pledge-review">
      <h2 id="pledge-review" tabIndex={-1} ref={heading}>
        {venue.name}
      </h2>
      <p>
        <span className="status-tag">{STATUS_TEXT[pledge.status]}</span>
        {pledge.expiresAt ? ` Runs until ${formatDate(pledge.expiresAt)}.` : ''}
      </p>
      <dl className="facts">
        <div>
          <dt>Kind</dt>
          <dd>{KIND_TEXT[venue.kind] ?? venue.kind}</dd>
        </div>
        <div>
          <dt>Address</dt>
          <dd className="wrap">
            {venue.address}, {venue.postcode}
          </dd>
        </div>
        <div>
          <dt>Website</dt>
          <dd className="wrap">{venue.website ?? '—'}</dd>
        </div>
        <div>
          <dt>Licence number</dt>
          <dd>{venue.licenceNumber ?? '—'}</dd>
        </div>
        <div>
          <dt>Public email</dt>
          <dd className="wrap">{venue.publicEmail ?? '—'}</dd>
        </div>
      </dl>
      <h3>Commitments</h3>
      <ul>
        {pledge.commitments.map((code) => (
          <li key={code}>{titles.get(code) ?? code}</li>
        ))}
      </ul>
      {pledge.notes ? (
        <>
          <h3>The venue’s notes</h3>
          <p className="wrap">{pledge.notes}</p>
        </>
      ) : null}
      <h3>History</h3>
      {pledge.history.length === 0 ? (
        <p>Nothing decided yet.</p>
      ) : (
        <ol className="history">
          {pledge.history.map((h, i) => (
            <li key={`${h.at}-${i}`}>
              {ACTION_TEXT[h.action] ?? h.action}, {formatDateTime(h.at)}
              {h.note ? `: ${h.note}` : ''}
            </li>
          ))}
        </ol>
      )}
      <h3>Decision</h3>
      <form className="form" onSubmit={(e) => e.preventDefault()} aria-label={`Decide on ${venue.name}`}>
        <TextArea
          id="pledge-note"
          label="Note to the venue"
          hint="Required to ask for changes or to reject: say what to change, or why."
          rows={3}
          value={note}
          onChange={setNote}
          error={problems.note && state?.error ? errorText(state.error) : undefined}
        />
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => decide('verify')}>
            Verify
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => decide('ask')}
          >
            Request changes
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => decide('reject')}
          >
            Reject
          </button>
        </div>
        <Outcome error={state?.error && !problems.note ? errorText(state.error) : undefined} />
      </form>
    </section>
  );
}
