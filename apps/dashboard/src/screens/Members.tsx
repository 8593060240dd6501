import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { errorText, formatDate, httpError } from '../api';
import { graphql } from '../gql';
import { ScreenHeading } from '../Heading';
import type { MemberFilter } from '../gql/graphql';
import { useBranch, withBranch } from '../session';

const PAGE_SIZE = 25;

const MembersDocument = graphql(`
  query Members($branchId: ID!, $first: Int!, $after: String, $filter: MemberFilter) {
    members(branchId: $branchId, first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          fullName
          email
          postcode
          tags
          emailOptIn
          emailConfirmed
          joinedAt
        }
      }
    }
  }
`);

const TagMembersDocument = graphql(`
  mutation TagMembers($input: TagMembersInput!) {
    tagMembers(input: $input) {
      id
      tags
    }
  }
`);

const UntagMembersDocument = graphql(`
  mutation UntagMembers($input: TagMembersInput!) {
    untagMembers(input: $input) {
      id
      tags
    }
  }
`);

interface ImportReport {
  created: number;
  updated: number;
  skipped: number;
  rejectedCount: number;
  rejected: Array<{ line: number; reason: string }>;
}

/** The branch's members: search and filters, keyset pages, tag the selection, CSV out and in. */
export function Members() {
  // Another branch starts afresh: no filter, first page, nothing selected.
  const { id } = useBranch();
  return <BranchMembers key={id ?? ''} />;
}

function BranchMembers() {
  const { id: branchId, branch } = useBranch();
  // The filter as typed, and as last searched (the query follows the latter).
  const [draft, setDraft] = useState({ search: '', tag: '', optedIn: '' });
  const [filter, setFilter] = useState<MemberFilter>({});
  // Keyset paging: the cursors of the pages before this one (no page numbers, no offsets).
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1];
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const [{ data, error, fetching }] = useQuery({
    query: MembersDocument,
    variables: { branchId: branchId ?? '', first: PAGE_SIZE, after, filter },
    pause: !branchId,
  });

  function search(event: FormEvent) {
    event.preventDefault();
    setFilter({
      search: draft.search.trim() || undefined,
      tag: draft.tag.trim() || undefined,
      optedIn: draft.optedIn === '' ? undefined : draft.optedIn === 'yes',
    });
    setCursors([null]);
    setSelected(new Set());
  }

  const rows = data?.members.edges.map((e) => e.node) ?? [];
  const from = (cursors.length - 1) * PAGE_SIZE;

  return (
    <>
      <ScreenHeading title="Members">Members{branch ? ` of ${branch.name}` : ''}</ScreenHeading>
      {!branchId ? <p>Choose a branch first.</p> : null}
      {branchId ? (
        <p>
          <Link className="button button--secondary" href={withBranch('/members/new', branchId)}>
            Add a member
          </Link>
        </p>
      ) : null}

      <form className="filters" onSubmit={search} role="search" aria-label="Members">
        <div className="field">
          <label htmlFor="members-search">Search members</label>
          <p className="hint" id="members-search-hint">
            Part of a name or email address.
          </p>
          <input
            id="members-search"
            type="search"
            value={draft.search}
            onChange={(e) => setDraft({ ...draft, search: e.target.value })}
            aria-describedby="members-search-hint"
          />
        </div>
        <div className="field">
          <label htmlFor="members-tag">Tag</label>
          <input
            id="members-tag"
            value={draft.tag}
            onChange={(e) => setDraft({ ...draft, tag: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="members-opted-in">Campaign email</label>
          <select
            id="members-opted-in"
            value={draft.optedIn}
            onChange={(e) => setDraft({ ...draft, optedIn: e.target.value })}
          >
            <option value="">Everyone</option>
            <option value="yes">Opted in and confirmed</option>
            <option value="no">Not opted in</option>
          </select>
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>

      {error ? (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      ) : null}

      {data ? (
        <>
          <p role="status" className="count">
            {data.members.totalCount === 0
              ? 'No members match.'
              : `Showing ${from + 1}–${from + rows.length} of ${data.members.totalCount.toLocaleString('en-GB')} members.`}
          </p>
          <TagSelection selected={selected} onDone={() => setSelected(new Set())} />
          <div className="table-wrap">
            <table className="responsive">
              <caption className="visually-hidden">Members, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Selected</span>
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Postcode</th>
                  <th scope="col">Tags</th>
                  <th scope="col">Campaign email</th>
                  <th scope="col">Joined</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id}>
                    <td data-label="Select">
                      <input
                        type="checkbox"
                        id={`select-${m.id}`}
                        aria-label={`Select ${m.fullName}`}
                        checked={selected.has(m.id)}
                        onChange={(e) => {
                          const next = new Set(selected);
                          if (e.target.checked) {
                            next.add(m.id);
                          } else {
                            next.delete(m.id);
                          }
                          setSelected(next);
                        }}
                      />
                    </td>
                    <th scope="row" data-label="Name">
                      <Link href={withBranch(`/members/${m.id}`, branchId)}>{m.fullName}</Link>
                    </th>
                    <td data-label="Email" className="wrap">
                      {m.email}
                    </td>
                    <td data-label="Postcode">{m.postcode ?? '—'}</td>
                    <td data-label="Tags">{m.tags.length > 0 ? m.tags.join(', ') : '—'}</td>
                    <td data-label="Campaign email">
                      {m.emailOptIn ? (m.emailConfirmed ? 'Opted in' : 'Opted in, not confirmed') : 'No'}
                    </td>
                    <td data-label="Joined">{formatDate(m.joinedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Pages of members">
            <button
              type="button"
              className="button button--secondary"
              disabled={cursors.length <= 1 || fetching}
              onClick={() => {
                setCursors(cursors.slice(0, -1));
                setSelected(new Set());
              }}
            >
              Previous page
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={!data.members.pageInfo.hasNextPage || fetching}
              onClick={() => {
                setCursors([...cursors, data.members.pageInfo.endCursor ?? null]);
                setSelected(new Set());
              }}
            >
              Next page
            </button>
          </nav>
        </>
      ) : null}

      {branchId ? <CsvTools branchId={branchId} /> : null}
    </>
  );
}

function TagSelection({ selected, onDone }: { selected: Set<string>; onDone: () => void }) {
  const [tag, setTag] = useState('');
  const [state, tagMembers] = useMutation(TagMembersDocument);
  const [untagState, untagMembers] = useMutation(UntagMembersDocument);
  const [outcome, setOutcome] = useState<{ error?: string; done?: string } | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    // The button pressed: "Tag selected" adds, "Remove tag from selected" takes away.
    const remove = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'remove';
    if (selected.size === 0) {
      setOutcome({ error: 'Select one or more members first.' });
      return;
    }
    if (!tag.trim()) {
      setOutcome({ error: 'Type the tag to add.' });
      return;
    }
    const input = { memberIds: [...selected], tags: [tag.trim()] };
    if (remove) {
      void untagMembers({ input }).then((result) => {
        if (result.error) {
          setOutcome({ error: errorText(result.error) });
        } else {
          setOutcome({
            done: `Removed “${tag.trim()}” from ${result.data?.untagMembers.length ?? 0} members.`,
          });
          setTag('');
          onDone();
        }
      });
      return;
    }
    void tagMembers({ input }).then((result) => {
      if (result.error) {
        setOutcome({ error: errorText(result.error) });
      } else {
        setOutcome({ done: `Tagged ${result.data?.tagMembers.length ?? 0} members “${tag.trim()}”.` });
        setTag('');
        onDone();
      }
    });
  }

  return (
    <form className="bulk" onSubmit={submit} aria-label="Tag the selected members">
      <div className="field">
        <label htmlFor="bulk-tag">Tag for the {selected.size} selected</label>
        <input
          id="bulk-tag"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          aria-invalid={outcome?.error ? true : undefined}
          aria-describedby={outcome ? 'bulk-tag-outcome' : undefined}
        />
      </div>
      <button type="submit" className="button" value="add" disabled={state.fetching || untagState.fetching}>
        Tag selected
      </button>
      <button
        type="submit"
        className="button button--secondary"
        value="remove"
        disabled={state.fetching || untagState.fetching}
      >
        Remove tag from selected
      </button>
      <div id="bulk-tag-outcome" role="status">
        {outcome?.error ? <p className="error">Error: {outcome.error}</p> : null}
        {outcome?.done ? <p className="notice">{outcome.done}</p> : null}
      </div>
    </form>
  );
}

/** Export (the audited download, with the session cookie) and import by upload, with its report. */
function CsvTools({ branchId }: { branchId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  async function upload(event: FormEvent) {
    event.preventDefault();
    setReport(null);
    setFailed(null);
    if (!file) {
      setFailed('Choose a CSV file first.');
      return;
    }
    setBusy(true);
    try {
      const response = await fetch(`/branches/${encodeURIComponent(branchId)}/members/import`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'text/csv' },
        body: file,
      });
      if (response.ok) {
        setReport((await response.json()) as ImportReport);
      } else {
        setFailed(await httpError(response));
      }
    } catch {
      setFailed('The server could not be reached. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="csv" aria-labelledby="csv-heading">
      <h2 id="csv-heading">CSV</h2>
      <p>
        <a
          className="button button--secondary"
          href={`/branches/${encodeURIComponent(branchId)}/members.csv`}
          download
        >
          Export CSV
        </a>{' '}
        Every export is recorded in the audit log.
      </p>
      <form onSubmit={(e) => void upload(e)} aria-label="Import members">
        <div className="field">
          <label htmlFor="import-file">CSV file to import</label>
          <p className="hint" id="import-hint">
            Columns: email, full_name, and optionally postcode, email_opt_in, tags.
          </p>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={failed ? 'import-hint import-error' : 'import-hint'}
            aria-invalid={failed ? true : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          Import CSV
        </button>
        <div role="status">
          {busy ? <p>Importing…</p> : null}
          {failed ? (
            <p className="error" id="import-error">
              Error: {failed}
            </p>
          ) : null}
          {report ? (
            <p className="notice">
              Imported: {report.created} created, {report.updated} updated, {report.skipped} skipped,{' '}
              {report.rejectedCount} rejected.
            </p>
          ) : null}
        </div>
      </form>
      {report && report.rejected.length > 0 ? (
        <table className="report">
          <caption>Rejected lines</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
