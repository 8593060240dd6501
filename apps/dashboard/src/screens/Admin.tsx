import { type FormEvent, useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText, fieldErrors, formatDateTime } from '../api';
import { Field, Outcome, TextArea } from '../Form';
import { graphql } from '../gql';
import type { TargetKind } from '../gql/graphql';
import { ScreenHeading } from '../Heading';
import { Pager } from '../Pager';
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

const CommitmentsDocument = graphql(`
  query AdminPledgeCommitments {
    pledgeCommitments(includeRetired: true) {
      code
      title
      description
      retired
      sortOrder
    }
  }
`);

const SavePledgeCommitmentDocument = graphql(`
  mutation SavePledgeCommitment($input: CommitmentInput!) {
    savePledgeCommitment(input: $input) {
      code
      title
      description
      retired
      sortOrder
    }
  }
`);

const RetirePledgeCommitmentDocument = graphql(`
  mutation RetirePledgeCommitment($code: String!) {
    retirePledgeCommitment(code: $code) {
      code
      retired
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

/** Admins only: branches, imports, pledge commitments, targets, the audit log. The API refuses these to anyone else too. */
export function Admin() {
  const { isAdmin } = useSession();
  /** Counts the imports done here, so that the targets list reloads after each. */
  const [imports, setImports] = useState(0);
  return (
    <>
      <ScreenHeading title="Admin">Admin</ScreenHeading>
      {isAdmin ? (
        <>
          <Branches />
          <Imports onImported={() => setImports((n) => n + 1)} />
          <Commitments />
          <Targets imports={imports} />
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

function Targets({ imports }: { imports: number }) {
  const [kind, setKind] = useState<TargetKind | ''>('');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: TargetsDocument,
    variables: { kind: kind || null, first: PAGE_SIZE, after: cursors[cursors.length - 1] },
  });
  useEffect(() => {
    if (imports > 0) {
      refetch({ requestPolicy: 'network-only' });
    }
  }, [imports, refetch]);
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

/** What each import endpoint answers (libs/targets' ImportReport). */
interface ImportReport {
  created: number;
  updated: number;
  rejected: Array<{ line: number; reason: string }>;
  warnings: string[];
}

/** The API's refusal over plain HTTP: `{ code, message, fields }`. */
interface Refusal {
  message: string;
  fields: Record<string, string>;
}

async function refusal(response: Response): Promise<Refusal> {
  try {
    const body = (await response.json()) as { message?: unknown; fields?: unknown };
    const fields: Record<string, string> = {};
    if (Array.isArray(body.fields)) {
      for (const f of body.fields as Array<{ field?: unknown; message?: unknown }>) {
        if (typeof f.field === 'string' && typeof f.message === 'string') {
          fields[f.field] = f.message;
        }
      }
    }
    if (typeof body.message === 'string') {
      return { message: body.message, fields };
    }
  } catch {
    // not JSON
  }
  return { message: `The server answered ${response.status}. Please try again.`, fields: {} };
}

type ImportKind = 'geography' | 'postcodes' | 'targets' | 'msps';

interface ImportSpec {
  title: string;
  button: string;
  fileLabel: string;
  hint: string;
  accept: string;
  multiple?: boolean;
  /** Whether the geography set is named in the address: required, optional, or not asked. */
  set?: 'required' | 'optional';
  activate?: boolean;
}

const IMPORTS: Record<ImportKind, ImportSpec> = {
  targets: {
    title: 'Targets',
    button: 'Import targets CSV',
    fileLabel: 'Targets CSV file',
    hint: 'Columns: kind, name, title, organisation, email, party, constituency_code, region_code, branch_slug. Re-importing updates by email and kind.',
    accept: '.csv,text/csv',
  },
  msps: {
    title: 'MSPs from the Scottish Parliament',
    button: 'Import MSPs',
    fileLabel: 'The Parliament’s JSON files',
    hint: 'Choose all eight files together, named as downloaded: Members, MemberElectionConstituencyStatuses, MemberElectionregionStatuses, Constituencies, Regions, emailaddresses, MemberParties, Parties (.json), and optionally fixups.json.',
    accept: '.json,application/json',
    multiple: true,
  },
  geography: {
    title: 'Constituencies and regions',
    button: 'Import geography CSV',
    fileLabel: 'Geography CSV file',
    hint: 'Columns: constituency_code, constituency_name, region_code, region_name.',
    accept: '.csv,text/csv',
    set: 'required',
    activate: true,
  },
  postcodes: {
    title: 'Postcodes',
    button: 'Import postcodes CSV',
    fileLabel: 'Postcodes CSV file',
    hint: 'Columns: postcode, constituency_code (any spacing or case).',
    accept: '.csv,text/csv',
    set: 'optional',
  },
};

/** The Parliament's files as the upload takes them: one object, each file's rows under its name. */
async function parliamentBody(files: File[]): Promise<string> {
  const body: Record<string, unknown> = {};
  for (const file of files) {
    const name = file.name.replace(/\.json$/i, '');
    try {
      body[name] = JSON.parse(await file.text()) as unknown;
    } catch {
      throw new Error(`${file.name} is not JSON.`);
    }
  }
  return JSON.stringify(body);
}

/** The imports of the CLI, by upload to their admin endpoints (with the session cookie), each with its report. */
function Imports({ onImported }: { onImported: () => void }) {
  return (
    <section aria-labelledby="admin-imports" className="panel">
      <h2 id="admin-imports">Imports</h2>
      <p>
        Each import runs in one go and is recorded in the audit log. Lines that cannot be used are listed with
        the reason; the rest are imported.
      </p>
      {(Object.keys(IMPORTS) as ImportKind[]).map((kind) => (
        <ImportForm key={kind} kind={kind} spec={IMPORTS[kind]} onImported={onImported} />
      ))}
    </section>
  );
}

function ImportForm({
  kind,
  spec,
  onImported,
}: {
  kind: ImportKind;
  spec: ImportSpec;
  onImported: () => void;
}) {
  const id = `import-${kind}`;
  const [files, setFiles] = useState<File[]>([]);
  const [set, setSet] = useState('');
  const [activate, setActivate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failed, setFailed] = useState<Refusal | null>(null);

  async function upload(event: FormEvent) {
    event.preventDefault();
    setReport(null);
    setFailed(null);
    if (files.length === 0) {
      setFailed({ message: 'Choose a file first.', fields: {} });
      return;
    }
    if (spec.set === 'required' && !set.trim()) {
      setFailed({ message: 'Name the geography set.', fields: { set: 'is required' } });
      return;
    }
    setBusy(true);
    try {
      const query = new URLSearchParams();
      if (spec.set && set.trim()) {
        query.set('set', set.trim());
      }
      if (spec.activate && activate) {
        query.set('activate', 'true');
      }
      const json = kind === 'msps';
      const body = json ? await parliamentBody(files) : files[0];
      const search = query.toString();
      const response = await fetch(`/admin/imports/${kind}${search ? `?${search}` : ''}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': json ? 'application/json' : 'text/csv' },
        body,
      });
      if (response.ok) {
        setReport((await response.json()) as ImportReport);
        onImported();
      } else {
        setFailed(await refusal(response));
      }
    } catch (error) {
      setFailed({
        message:
          error instanceof Error && error.message.endsWith('is not JSON.')
            ? error.message
            : 'The server could not be reached. Check your connection and try again.',
        fields: {},
      });
    } finally {
      setBusy(false);
    }
  }

  // The API names the set or the activate flag when it refuses them; anything else is about the file.
  const setError = failed?.fields.set;
  const fileError = failed && !setError && !failed.fields.activate ? failed.message : undefined;
  const fileDescribedBy = [`${id}-hint`, fileError ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <form className="csv" onSubmit={(e) => void upload(e)} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{spec.title}</h3>
      <div className="field">
        <label htmlFor={`${id}-file`}>{spec.fileLabel}</label>
        <p className="hint wrap" id={`${id}-hint`}>
          {spec.hint}
        </p>
        {fileError ? (
          <p className="error" id={`${id}-error`}>
            Error: {fileError}
          </p>
        ) : null}
        <input
          id={`${id}-file`}
          type="file"
          accept={spec.accept}
          multiple={spec.multiple}
          aria-describedby={fileDescribedBy}
          aria-invalid={fileError ? true : undefined}
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
      </div>
      {spec.set ? (
        <Field
          id={`${id}-set`}
          label={spec.set === 'required' ? 'Geography set' : 'Geography set (optional)'}
          hint={
            spec.set === 'required'
              ? 'A name for this set of boundaries, e.g. sp2026.'
              : 'Leave empty for the active set.'
          }
          value={set}
          onChange={setSet}
          error={setError}
        />
      ) : null}
      {spec.activate ? (
        <div className="field field--check">
          <input
            id={`${id}-activate`}
            type="checkbox"
            checked={activate}
            onChange={(e) => setActivate(e.target.checked)}
            aria-describedby={`${id}-activate-hint`}
          />
          <label htmlFor={`${id}-activate`}>Make this the active set</label>
          <p className="hint" id={`${id}-activate-hint`}>
            {failed?.fields.activate ? `Error: ${failed.fields.activate}. ` : ''}
            Postcodes and MSPs are placed in the active set.
          </p>
        </div>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {spec.button}
      </button>
      <div role="status">
        {busy ? <p>Importing…</p> : null}
        {report ? (
          <p className="notice">
            Imported: {report.created} created, {report.updated} updated, {report.rejected.length} rejected.
          </p>
        ) : null}
      </div>
      {report ? <ImportReportTables id={id} title={spec.title} report={report} /> : null}
    </form>
  );
}

function ImportReportTables({ id, title, report }: { id: string; title: string; report: ImportReport }) {
  return (
    <>
      <table className="report" id={`${id}-report`}>
        <caption>Report: {title}</caption>
        <tbody>
          <tr>
            <th scope="row">Created</th>
            <td>{report.created}</td>
          </tr>
          <tr>
            <th scope="row">Updated</th>
            <td>{report.updated}</td>
          </tr>
          <tr>
            <th scope="row">Rejected</th>
            <td>{report.rejected.length}</td>
          </tr>
        </tbody>
      </table>
      {report.rejected.length > 0 ? (
        <table className="report">
          <caption>Rejected lines: {title}</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.map((r, i) => (
              <tr key={`${r.line}-${i}`}>
                <td>{r.line}</td>
                <td className="wrap">{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {report.warnings.length > 0 ? (
        <>
          <h4>Warnings</h4>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

const NO_COMMITMENT = { code: '', title: '', description: '', sortOrder: '0' };

/** The commitments a venue can pledge: every one (retired too), add or reword, retire. */
function Commitments() {
  const [{ data, error }, refetch] = useQuery({ query: CommitmentsDocument });
  const [state, save] = useMutation(SavePledgeCommitmentDocument);
  const [retireState, retire] = useMutation(RetirePledgeCommitmentDocument);
  const [draft, setDraft] = useState(NO_COMMITMENT);
  /** The code being reworded (it cannot change), or null when adding. */
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [retireError, setRetireError] = useState<string | null>(null);
  const [orderError, setOrderError] = useState<string | null>(null);
  const problems = fieldErrors(state.error);

  function edit(c: { code: string; title: string; description: string; sortOrder: number }) {
    setEditing(c.code);
    setDone(null);
    setDraft({ code: c.code, title: c.title, description: c.description, sortOrder: String(c.sortOrder) });
    document.getElementById('commitment-title')?.focus();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const sortOrder = Number(draft.sortOrder.trim() || '0');
    if (!Number.isInteger(sortOrder)) {
      setOrderError('must be a whole number');
      return;
    }
    setOrderError(null);
    void save({
      input: { code: draft.code.trim(), title: draft.title, description: draft.description, sortOrder },
    }).then((result) => {
      if (result.data) {
        const saved = result.data.savePledgeCommitment;
        setDone(editing ? `Commitment ${saved.title} saved.` : `Commitment ${saved.title} added.`);
        setDraft(NO_COMMITMENT);
        setEditing(null);
        refetch({ requestPolicy: 'network-only' });
      }
    });
  }

  function retireOne(code: string, title: string) {
    setRetireError(null);
    setDone(null);
    void retire({ code }).then((result) => {
      if (result.error) {
        setRetireError(errorText(result.error));
      } else {
        setDone(`Commitment ${title} retired: no new pledge can choose it; pledges that have it keep it.`);
        refetch({ requestPolicy: 'network-only' });
      }
    });
  }

  const rows = data?.pledgeCommitments ?? [];
  return (
    <section aria-labelledby="admin-commitments" className="panel">
      <h2 id="admin-commitments">Pledge commitments</h2>
      <p>What a venue can pledge. Retiring one keeps it on the pledges that already have it.</p>
      {error ? (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {data ? (
        rows.length === 0 ? (
          <p>No commitments yet.</p>
        ) : (
          <table className="responsive">
            <caption className="visually-hidden">Pledge commitments, in their order</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Code</th>
                <th scope="col">Description</th>
                <th scope="col">Order</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.code}>
                  <th scope="row" data-label="Title">
                    {c.title}
                  </th>
                  <td data-label="Code" className="wrap">
                    <code>{c.code}</code>
                  </td>
                  <td data-label="Description" className="wrap">
                    {c.description}
                  </td>
                  <td data-label="Order">{c.sortOrder}</td>
                  <td data-label="Status">{c.retired ? 'Retired' : 'Offered'}</td>
                  <td data-label="Actions">
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={`Edit ${c.title}`}
                      onClick={() => edit(c)}
                    >
                      Edit
                    </button>{' '}
                    {c.retired ? null : (
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-label={`Retire ${c.title}`}
                        disabled={retireState.fetching}
                        onClick={() => retireOne(c.code, c.title)}
                      >
                        Retire
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      {retireError ? (
        <p className="error" role="alert">
          Error: {retireError}
        </p>
      ) : null}
      <h3 id="commitment-form-heading">{editing ? `Edit ${editing}` : 'Add a commitment'}</h3>
      <form className="form" onSubmit={submit} noValidate aria-labelledby="commitment-form-heading">
        {editing ? null : (
          <Field
            id="commitment-code"
            label="Code"
            hint="Lower-case words joined by hyphens, e.g. free-water. It cannot be changed later."
            value={draft.code}
            onChange={(code) => setDraft({ ...draft, code })}
            error={problems.code}
          />
        )}
        <Field
          id="commitment-title"
          label="Title"
          value={draft.title}
          onChange={(title) => setDraft({ ...draft, title })}
          error={problems.title}
        />
        <TextArea
          id="commitment-description"
          label="Description"
          hint="What the venue promises, in words the public will read."
          value={draft.description}
          onChange={(description) => setDraft({ ...draft, description })}
          error={problems.description}
        />
        <Field
          id="commitment-order"
          label="Order in the list"
          hint="A whole number; lower comes first."
          inputMode="numeric"
          value={draft.sortOrder}
          onChange={(sortOrder) => setDraft({ ...draft, sortOrder })}
          error={orderError ?? problems.sortOrder}
        />
        <button type="submit" className="button" disabled={state.fetching}>
          {editing ? 'Save commitment' : 'Add commitment'}
        </button>{' '}
        {editing ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setEditing(null);
              setDraft(NO_COMMITMENT);
            }}
          >
            Cancel editing
          </button>
        ) : null}
        <Outcome
          error={state.error && Object.keys(problems).length === 0 ? errorText(state.error) : undefined}
          done={done ?? undefined}
        />
      </form>
    </section>
  );
}
