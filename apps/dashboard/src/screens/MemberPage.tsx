import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link, useLocation, useParams } from 'wouter';
import { errorCode, errorText, formatDate } from '../api';
import { graphql } from '../gql';
import { ScreenHeading } from '../Heading';
import { useBranch, useSession, withBranch } from '../session';

const MemberDocument = graphql(`
  query MemberPage($id: ID!) {
    member(id: $id) {
      id
      fullName
      email
      postcode
      tags
      emailOptIn
      emailConfirmed
      archived
      joinedAt
      branch {
        id
        name
      }
      roles {
        role
        branch {
          id
          name
        }
      }
    }
    memberConsentHistory(memberId: $id) {
      id
      emailOptIn
      wording
      source
      byOrganiser
      at
    }
    memberRsvps(memberId: $id) {
      id
      eventId
      eventTitle
      startsAt
      status
      checkedInAt
      walkIn
    }
    certificates(memberId: $id) {
      id
      trainingKind
      eventTitle
      issuedOn
      validUntil
    }
  }
`);

const EmailConsentDocument = graphql(`
  query EmailConsent {
    emailConsent {
      text
    }
  }
`);

const CreateMemberDocument = graphql(`
  mutation CreateMember($input: CreateMemberInput!) {
    createMember(input: $input) {
      id
    }
  }
`);

const UpdateMemberDocument = graphql(`
  mutation UpdateMember($input: UpdateMemberInput!) {
    updateMember(input: $input) {
      id
      fullName
      postcode
      emailOptIn
    }
  }
`);

const ArchiveMemberDocument = graphql(`
  mutation ArchiveMember($id: ID!) {
    archiveMember(id: $id) {
      id
      archived
    }
  }
`);

const GrantRoleDocument = graphql(`
  mutation GrantRole($input: RoleInput!) {
    grantRole(input: $input) {
      id
    }
  }
`);

const RevokeRoleDocument = graphql(`
  mutation RevokeRole($input: RoleInput!) {
    revokeRole(input: $input) {
      id
    }
  }
`);

const SOURCES: Record<string, string> = {
  join: 'Joined',
  rsvp: 'Replied to an event',
  petition: 'Signed a petition',
  letter: 'Wrote a letter',
  pledge: 'Registered a venue pledge',
  organiser: 'Recorded by an organiser',
  import: 'Imported from a CSV file',
  unsubscribe: 'Unsubscribe link',
};

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

/** An outcome line under a form: what happened, or the API's own words for why not. */
function Outcome({ id, outcome }: { id: string; outcome: { error?: string; done?: string } | null }) {
  return (
    <div id={id} role="status">
      {outcome?.error ? <p className="error">Error: {outcome.error}</p> : null}
      {outcome?.done ? <p className="notice">{outcome.done}</p> : null}
    </div>
  );
}

/** Add a member to the branch, with the consent wording the person agreed to. */
export function NewMember() {
  const { id: branchId, branch } = useBranch();
  const [, navigate] = useLocation();
  const [consent] = useQuery({ query: EmailConsentDocument });
  const [state, createMember] = useMutation(CreateMemberDocument);
  const [form, setForm] = useState({ fullName: '', email: '', postcode: '', emailOptIn: false });
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!branchId) {
      setError('Choose a branch first.');
      return;
    }
    void createMember({
      input: {
        branchId,
        fullName: form.fullName,
        email: form.email,
        postcode: form.postcode.trim() || undefined,
        emailOptIn: form.emailOptIn,
      },
    }).then((result) => {
      if (result.error) {
        setError(errorText(result.error));
      } else if (result.data) {
        navigate(withBranch(`/members/${result.data.createMember.id}`, branchId));
      }
    });
  }

  return (
    <>
      <p>
        <Link href={withBranch('/members', branchId)}>Back to members</Link>
      </p>
      <ScreenHeading title="Add a member">Add a member{branch ? ` to ${branch.name}` : ''}</ScreenHeading>
      <form onSubmit={submit} className="stack" aria-describedby={error ? 'new-member-error' : undefined}>
        {error ? (
          <p className="error" id="new-member-error" role="alert">
            Error: {error}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="new-name">Full name</label>
          <input
            id="new-name"
            required
            autoComplete="off"
            value={form.fullName}
            onChange={(e) => setForm({ ...form, fullName: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="new-email">Email address</label>
          <input
            id="new-email"
            type="email"
            required
            autoComplete="off"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="new-postcode">Postcode (optional)</label>
          <input
            id="new-postcode"
            autoComplete="off"
            value={form.postcode}
            onChange={(e) => setForm({ ...form, postcode: e.target.value })}
          />
        </div>
        <div className="field field--check">
          <input
            id="new-opt-in"
            type="checkbox"
            checked={form.emailOptIn}
            onChange={(e) => setForm({ ...form, emailOptIn: e.target.checked })}
            aria-describedby="new-opt-in-hint"
          />
          <label htmlFor="new-opt-in">{consent.data?.emailConsent.text ?? 'Campaign email'}</label>
          <p className="hint" id="new-opt-in-hint">
            Tick only if the person agreed to exactly these words. They are asked to confirm their address by
            email.
          </p>
        </div>
        <button type="submit" className="button" disabled={state.fetching}>
          Add member
        </button>
      </form>
    </>
  );
}

/** One member: details to edit, consent history, replies, certificates, roles; archive. */
export function MemberPage() {
  const { id } = useParams<{ id: string }>();
  const { id: branchId } = useBranch();
  const [{ data, error }, refetch] = useQuery({ query: MemberDocument, variables: { id } });

  if (error && !data) {
    return (
      <>
        <ScreenHeading title="Member">Member</ScreenHeading>
        <p className="error" role="alert">
          {errorCode(error) === 'NOT_FOUND'
            ? 'There is no such member in a branch you organise.'
            : errorText(error)}
        </p>
        <p>
          <Link href={withBranch('/members', branchId)}>Back to members</Link>
        </p>
      </>
    );
  }
  if (!data) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  const member = data.member;
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <>
      <p>
        <Link href={withBranch('/members', branchId)}>Back to members</Link>
      </p>
      <ScreenHeading title={member.fullName}>{member.fullName}</ScreenHeading>
      <dl className="facts">
        <div>
          <dt>Email</dt>
          <dd className="wrap">{member.email}</dd>
        </div>
        <div>
          <dt>Branch</dt>
          <dd>{member.branch?.name ?? 'None (national)'}</dd>
        </div>
        <div>
          <dt>Campaign email</dt>
          <dd>
            {member.emailOptIn
              ? member.emailConfirmed
                ? 'Opted in'
                : 'Opted in, address not confirmed'
              : 'No'}
          </dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>{member.tags.length > 0 ? member.tags.join(', ') : '—'}</dd>
        </div>
        <div>
          <dt>Joined</dt>
          <dd>{formatDate(member.joinedAt)}</dd>
        </div>
        {member.archived ? (
          <div>
            <dt>Status</dt>
            <dd>Archived</dd>
          </div>
        ) : null}
      </dl>

      <EditMember
        member={{
          id: member.id,
          fullName: member.fullName,
          postcode: member.postcode ?? '',
          emailOptIn: member.emailOptIn,
        }}
        onSaved={reload}
      />

      <section aria-labelledby="consent-heading">
        <h2 id="consent-heading">Consent history</h2>
        {data.memberConsentHistory.length === 0 ? (
          <p>No consent recorded.</p>
        ) : (
          <div className="table-wrap">
            <table className="responsive">
              <caption className="visually-hidden">Consent history, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Campaign email</th>
                  <th scope="col">How</th>
                  <th scope="col">Words agreed to</th>
                </tr>
              </thead>
              <tbody>
                {data.memberConsentHistory.map((c) => (
                  <tr key={c.id}>
                    <td data-label="When">{DATE_TIME.format(new Date(c.at))}</td>
                    <td data-label="Campaign email">{c.emailOptIn ? 'Yes' : 'No'}</td>
                    <td data-label="How">{SOURCES[c.source] ?? c.source}</td>
                    <td data-label="Words agreed to" className="wrap">
                      {c.wording}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="rsvps-heading">
        <h2 id="rsvps-heading">Events</h2>
        {data.memberRsvps.length === 0 ? (
          <p>No replies to your branch’s events.</p>
        ) : (
          <div className="table-wrap">
            <table className="responsive">
              <caption className="visually-hidden">Replies to events, newest event first</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Starts</th>
                  <th scope="col">Reply</th>
                  <th scope="col">Checked in</th>
                </tr>
              </thead>
              <tbody>
                {data.memberRsvps.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" data-label="Event">
                      {r.eventTitle}
                    </th>
                    <td data-label="Starts">{DATE_TIME.format(new Date(r.startsAt))}</td>
                    <td data-label="Reply">
                      {r.status.charAt(0) + r.status.slice(1).toLowerCase().replace('_', ' ')}
                      {r.walkIn ? ' (walk-in)' : ''}
                    </td>
                    <td data-label="Checked in">
                      {r.checkedInAt ? DATE_TIME.format(new Date(r.checkedInAt)) : 'No'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="certificates-heading">
        <h2 id="certificates-heading">Certificates</h2>
        {data.certificates.length === 0 ? (
          <p>No training certificates.</p>
        ) : (
          <ul className="plain">
            {data.certificates.map((c) => (
              <li key={c.id}>
                {c.trainingKind} ({c.eventTitle}), issued {c.issuedOn}, valid until {c.validUntil}
              </li>
            ))}
          </ul>
        )}
      </section>

      <Roles memberId={member.id} roles={member.roles} onChanged={reload} />

      {member.archived ? null : <Archive memberId={member.id} name={member.fullName} onArchived={reload} />}
    </>
  );
}

function EditMember({
  member,
  onSaved,
}: {
  member: { id: string; fullName: string; postcode: string; emailOptIn: boolean };
  onSaved: () => void;
}) {
  const [form, setForm] = useState(member);
  const [state, update] = useMutation(UpdateMemberDocument);
  const [outcome, setOutcome] = useState<{ error?: string; done?: string } | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    void update({
      input: {
        id: member.id,
        fullName: form.fullName,
        postcode: form.postcode.trim() || undefined,
        emailOptIn: form.emailOptIn,
      },
    }).then((result) => {
      if (result.error) {
        setOutcome({ error: errorText(result.error) });
      } else {
        setOutcome({ done: 'Saved.' });
        onSaved();
      }
    });
  }

  return (
    <section aria-labelledby="edit-heading">
      <h2 id="edit-heading">Edit details</h2>
      <form onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor="edit-name">Full name</label>
          <input
            id="edit-name"
            required
            value={form.fullName}
            onChange={(e) => setForm({ ...form, fullName: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="edit-postcode">Postcode</label>
          <input
            id="edit-postcode"
            value={form.postcode}
            onChange={(e) => setForm({ ...form, postcode: e.target.value })}
          />
        </div>
        <div className="field field--check">
          <input
            id="edit-opt-in"
            type="checkbox"
            checked={form.emailOptIn}
            onChange={(e) => setForm({ ...form, emailOptIn: e.target.checked })}
            aria-describedby="edit-opt-in-hint"
          />
          <label htmlFor="edit-opt-in">Wants campaign email</label>
          <p className="hint" id="edit-opt-in-hint">
            Change this only when the person has told you; the change is recorded in the consent history.
          </p>
        </div>
        <button type="submit" className="button" disabled={state.fetching}>
          Save
        </button>
        <Outcome id="edit-outcome" outcome={outcome} />
      </form>
    </section>
  );
}

function Roles({
  memberId,
  roles,
  onChanged,
}: {
  memberId: string;
  roles: Array<{ role: string; branch?: { id: string; name: string } | null }>;
  onChanged: () => void;
}) {
  const { isAdmin, branches } = useSession();
  const [, grant] = useMutation(GrantRoleDocument);
  const [, revoke] = useMutation(RevokeRoleDocument);
  const [branchId, setBranchId] = useState(branches[0]?.id ?? '');
  const [outcome, setOutcome] = useState<{ error?: string; done?: string } | null>(null);

  const done = (message: string) => (result: { error?: Parameters<typeof errorText>[0] }) => {
    if (result.error) {
      setOutcome({ error: errorText(result.error) });
    } else {
      setOutcome({ done: message });
      onChanged();
    }
  };

  return (
    <section aria-labelledby="roles-heading">
      <h2 id="roles-heading">Roles</h2>
      {roles.length === 0 ? <p>No roles: a supporter.</p> : null}
      <ul className="plain">
        {roles.map((r) => (
          <li key={`${r.role}-${r.branch?.id ?? ''}`}>
            {r.role === 'ADMIN' ? 'Admin (every branch)' : `Organiser of ${r.branch?.name ?? 'a branch'}`}{' '}
            {isAdmin ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() =>
                  void revoke({
                    input: { memberId, role: r.role as 'ADMIN' | 'ORGANISER', branchId: r.branch?.id },
                  }).then(done('Role removed.'))
                }
              >
                Remove{r.role === 'ADMIN' ? ' admin role' : ` organiser of ${r.branch?.name ?? 'branch'}`}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {isAdmin ? (
        <form
          className="bulk"
          aria-label="Make organiser"
          onSubmit={(e) => {
            e.preventDefault();
            void grant({ input: { memberId, role: 'ORGANISER', branchId } }).then(done('Role granted.'));
          }}
        >
          <div className="field">
            <label htmlFor="grant-branch">Make organiser of</label>
            <select id="grant-branch" value={branchId} onChange={(e) => setBranchId(e.target.value)}>
              {branches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            Grant role
          </button>
        </form>
      ) : (
        <p className="hint">Only admins grant and remove roles.</p>
      )}
      <Outcome id="roles-outcome" outcome={outcome} />
    </section>
  );
}

function Archive({ memberId, name, onArchived }: { memberId: string; name: string; onArchived: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [state, archive] = useMutation(ArchiveMemberDocument);
  const [outcome, setOutcome] = useState<{ error?: string; done?: string } | null>(null);

  return (
    <section aria-labelledby="archive-heading">
      <h2 id="archive-heading">Archive</h2>
      <p>An archived member gets no campaign email and leaves the lists; their history stays.</p>
      {confirming ? (
        <p>
          <button
            type="button"
            className="button button--warning"
            disabled={state.fetching}
            onClick={() =>
              void archive({ id: memberId }).then((result) => {
                if (result.error) {
                  setOutcome({ error: errorText(result.error) });
                } else {
                  setOutcome({ done: `${name} is archived.` });
                  setConfirming(false);
                  onArchived();
                }
              })
            }
          >
            Yes, archive {name}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </p>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          Archive member
        </button>
      )}
      <Outcome id="archive-outcome" outcome={outcome} />
    </section>
  );
}
