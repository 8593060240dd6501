import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText, fieldErrors, formatDateTime } from '../api';
import { Field, Outcome } from '../Form';
import { graphql } from '../gql';
import type { TargetKind } from '../gql/graphql';
import { ScreenHeading } from '../Heading';
import { useSession } from '../session';

const PAGE_SIZE = 25;

const AdminBranchesDocument = graphql(`
  query AdminBranches {
    branches {
      id
      name
      slug
      postcodeAreas
      contactEmail
    }
  }
`);

const CreateBranchDocument = graphql(`
  mutation CreateBranch($input: CreateBranchInput!) {
    createBranch(input: $input) {
      id
      name
      slug
      postcodeAreas
      contactEmail
    }
  }
`);

const TargetsDocument = graphql(`
  query AdminTargets($kind: TargetKind, $first: Int!, $after: String) {
    targets(kind: $kind, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          name
          title
          organisation
          kind
          party
          deliveryStatus
        }
      }
    }
  }
`);

const AuditLogDocument = graphql(`
  query AuditLog($action: String, $branchId: ID, $first: Int!, $after: String) {
    auditLog(action: $action, branchId: $branchId, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          at
          action
          actorId
          branchId
          subjectId
          rowCount
          detail
        }
      }
    }
  }
`);

const KIND_TEXT: Record<TargetKind, string> = {
  MSP_CONSTITUENCY: 'Constituency MSP',
  MSP_REGIONAL: 'Regional MSP',
  MP: 'MP',
  COUNCILLOR: 'Councillor',
  INSTITUTION: 'Institution',
  INDUSTRY_BODY: 'Industry body',
  VENUE: 'Venue',
};

/** Admins only: branches, targets, the audit log. The API refuses these to anyone else too. */
export function Admin() {
  const { isAdmin } = useSession();
  return (
    <>
      <ScreenHeading title="Admin">Admin</ScreenHeading>
      {isAdmin ? (
        <>
          <Branches />
          <Targets />
          <AuditLog />
        </>
      ) : (
        <p className="admin-only">
          This screen is for admins only. If you need a branch, a target or the audit log, ask one of the
          campaign’s national admins.
        </p>
      )}
    </>
  );
}

function Pager({
  label,
  cursors,
  setCursors,
  pageInfo,
  fetching,
}: {
  label: string;
  cursors: Array<string | null>;
  setCursors: (cursors: Array<string | null>) => void;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  fetching: boolean;
}) {
  if (!pageInfo.hasNextPage && cursors.length <= 1) {
    return null;
  }
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button button--secondary"
        disabled={cursors.length <= 1 || fetching}
        onClick={() => setCursors(cursors.slice(0, -1))}
      >
        Previous page
      </button>
      <button
        type="button"
        className="button button--secondary"
        disabled={!pageInfo.hasNextPage || fetching}
        onClick={() => setCursors([...cursors, pageInfo.endCursor ?? null])}
      >
        Next page
      </button>
    </nav>
  );
}

function Branches() {
  const [{ data, error }] = useQuery({ query: AdminBranchesDocument });
  const [state, create] = useMutation(CreateBranchDocument);
  const [draft, setDraft] = useState({ name: '', slug: '', postcodeAreas: '', contactEmail: '' });
  const [done, setDone] = useState<string | null>(null);
  const problems = fieldErrors(state.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    void create({
      input: {
        name: draft.name,
        slug: draft.slug,
        postcodeAreas: draft.postcodeAreas
          .split(/[\s,]+/)
          .map((a) => a.trim().toUpperCase())
          .filter(Boolean),
        contactEmail: draft.contactEmail.trim() || null,
      },
    }).then((result) => {
      if (result.data) {
        setDone(`Branch ${result.data.createBranch.name} created.`);
        setDraft({ name: '', slug: '', postcodeAreas: '', contactEmail: '' });
      }
    });
  }

  return (
    <section aria-labelledby="admin-branches" className="panel">
      <h2 id="admin-branches">Branches</h2>
      {error ? (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {data ? (
        <table className="responsive">
          <caption className="visually-hidden">Branches, by name</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Postcode areas</th>
              <th scope="col">Contact</th>
            </tr>
          </thead>
          <tbody>
            {data.branches.map((b) => (
              <tr key={b.id}>
                <th scope="row" data-label="Name">
                  {b.name}
                </th>
                <td data-label="Address">{b.slug}</td>
                <td data-label="Postcode areas">{b.postcodeAreas.join(', ') || '—'}</td>
                <td data-label="Contact" className="wrap">
                  {b.contactEmail ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h3>Add a branch</h3>
      <form className="form" onSubmit={submit} noValidate>
        <Field
          id="branch-name"
          label="Branch name"
          value={draft.name}
          onChange={(name) => setDraft({ ...draft, name })}
          error={problems.name}
        />
        <Field
          id="branch-slug"
          label="Branch address"
          hint="Lower-case letters, digits and hyphens, e.g. west-lothian."
          value={draft.slug}
          onChange={(slug) => setDraft({ ...draft, slug })}
          error={problems.slug}
        />
        <Field
          id="branch-areas"
          label="Postcode areas"
          hint="Areas (DD) or districts (KY16), separated by commas or spaces."
          value={draft.postcodeAreas}
          onChange={(postcodeAreas) => setDraft({ ...draft, postcodeAreas })}
          error={problems.postcodeAreas}
        />
        <Field
          id="branch-contact"
          label="Public contact email (optional)"
          type="email"
          value={draft.contactEmail}
          onChange={(contactEmail) => setDraft({ ...draft, contactEmail })}
          error={problems.contactEmail}
        />
        <button type="submit" className="button" disabled={state.fetching}>
          Add branch
        </button>
        <Outcome
          error={state.error && Object.keys(problems).length === 0 ? errorText(state.error) : undefined}
          done={done ?? undefined}
        />
      </form>
    </section>
  );
}

function Targets() {
  const [kind, setKind] = useState<TargetKind | ''>('');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [{ data, error, fetching }] = useQuery({
    query: TargetsDocument,
    variables: { kind: kind || null, first: PAGE_SIZE, after: cursors[cursors.length - 1] },
  });
  const rows = data?.targets.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="admin-targets" className="panel">
      <h2 id="admin-targets">Targets</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="target-kind">Kind</label>
          <select
            id="target-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as TargetKind | '');
              setCursors([null]);
            }}
          >
            <option value="">Every kind</option>
            {(Object.keys(KIND_TEXT) as TargetKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_TEXT[k]}
              </option>
            ))}
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
            {data.targets.totalCount === 0
              ? 'No active targets.'
              : `${data.targets.totalCount.toLocaleString('en-GB')} active targets.`}
          </p>
          {rows.length > 0 ? (
            <table className="responsive">
              <caption className="visually-hidden">Active targets, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Role</th>
                  <th scope="col">Party</th>
                  <th scope="col">Delivery</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => (
                  <tr key={t.id}>
                    <th scope="row" data-label="Name">
                      {t.name}
                    </th>
                    <td data-label="Kind">{KIND_TEXT[t.kind]}</td>
                    <td data-label="Role">
                      {t.title}, {t.organisation}
                    </td>
                    <td data-label="Party">{t.party ?? '—'}</td>
                    <td data-label="Delivery">{t.deliveryStatus}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Pager
            label="Pages of targets"
            cursors={cursors}
            setCursors={setCursors}
            pageInfo={data.targets.pageInfo}
            fetching={fetching}
          />
        </>
      ) : null}
    </section>
  );
}

function AuditLog() {
  const { branches } = useSession();
  const [draft, setDraft] = useState({ action: '', branchId: '' });
  const [filter, setFilter] = useState({ action: '', branchId: '' });
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [{ data, error, fetching }] = useQuery({
    query: AuditLogDocument,
    variables: {
      action: filter.action || null,
      branchId: filter.branchId || null,
      first: PAGE_SIZE,
      after: cursors[cursors.length - 1],
    },
    requestPolicy: 'cache-and-network',
  });
  const names = new Map(branches.map((b) => [b.id, b.name]));
  const rows = data?.auditLog.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="admin-audit" className="panel">
      <h2 id="admin-audit">Audit log</h2>
      <p>Every export, import, erasure, role change and data-rights request, newest first.</p>
      <form
        className="filters"
        role="search"
        aria-label="Audit log"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ action: draft.action.trim(), branchId: draft.branchId });
          setCursors([null]);
        }}
      >
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <p className="hint" id="audit-action-hint">
            Exactly, e.g. member.export
          </p>
          <input
            id="audit-action"
            value={draft.action}
            aria-describedby="audit-action-hint"
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-branch">Branch concerned</label>
          <select
            id="audit-branch"
            value={draft.branchId}
            onChange={(e) => setDraft({ ...draft, branchId: e.target.value })}
          >
            <option value="">Every branch</option>
            {branches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {data ? (
        <>
          <p className="count" role="status">
            {data.auditLog.totalCount === 0
              ? 'Nothing recorded matches.'
              : `${data.auditLog.totalCount.toLocaleString('en-GB')} events.`}
          </p>
          {rows.length > 0 ? (
            <table className="responsive">
              <caption className="visually-hidden">Audit log, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Branch</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Who (member id)</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <th scope="row" data-label="When">
                      {formatDateTime(a.at)}
                    </th>
                    <td data-label="Action">{a.action}</td>
                    <td data-label="Branch">{a.branchId ? (names.get(a.branchId) ?? a.branchId) : '—'}</td>
                    <td data-label="Rows">{a.rowCount ?? '—'}</td>
                    <td data-label="Who (member id)" className="wrap">
                      {a.actorId ?? 'A public request'}
                    </td>
                    <td data-label="Detail" className="wrap">
                      <code>{JSON.stringify(a.detail)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Pager
            label="Pages of the audit log"
            cursors={cursors}
            setCursors={setCursors}
            pageInfo={data.auditLog.pageInfo}
            fetching={fetching}
          />
        </>
      ) : null}
    </section>
  );
}
