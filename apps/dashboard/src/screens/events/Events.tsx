import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link, useLocation } from 'wouter';
import { errorText } from '../../api';
import { graphql } from '../../gql';
import { ScreenHeading } from '../../Heading';
import { useBranch, withBranch } from '../../session';
import { EventForm } from './EventForm';
import { KIND_LABELS, STATUS_LABELS } from './fields';

const PAGE_SIZE = 25;

const BranchEventsDocument = graphql(`
  query BranchEvents($branchId: ID!, $first: Int!, $after: String, $past: Boolean!) {
    branchEvents(branchId: $branchId, first: $first, after: $after, past: $past) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          title
          kind
          status
          startsAtLocal
          capacity
          spacesLeft
        }
      }
    }
  }
`);

const CreateEventDocument = graphql(`
  mutation CreateEvent($input: CreateEventInput!) {
    createEvent(input: $input) {
      id
    }
  }
`);

/** The branch's events (upcoming first, or the past ones) and a form to create one. */
export function Events() {
  const { id } = useBranch();
  return <BranchEvents key={id ?? ''} />;
}

function BranchEvents() {
  const { id: branchId, branch } = useBranch();
  const [past, setPast] = useState(false);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [{ data, error, fetching }] = useQuery({
    query: BranchEventsDocument,
    variables: { branchId: branchId ?? '', first: PAGE_SIZE, after: cursors[cursors.length - 1], past },
    pause: !branchId,
  });
  const rows = data?.branchEvents.edges.map((e) => e.node) ?? [];

  return (
    <>
      <ScreenHeading title="Events">Events{branch ? ` of ${branch.name}` : ''}</ScreenHeading>
      {!branchId ? <p>Choose a branch first.</p> : null}
      <div className="tabs" role="group" aria-label="Which events">
        <button
          type="button"
          className="button button--secondary"
          aria-pressed={!past}
          onClick={() => {
            setPast(false);
            setCursors([null]);
          }}
        >
          Upcoming
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-pressed={past}
          onClick={() => {
            setPast(true);
            setCursors([null]);
          }}
        >
          Past
        </button>
      </div>
      {error ? (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {data ? (
        <>
          <p role="status" className="count">
            {data.branchEvents.totalCount === 0
              ? past
                ? 'No past events.'
                : 'No upcoming events yet.'
              : `${data.branchEvents.totalCount.toLocaleString('en-GB')} ${past ? 'past' : 'upcoming'} events.`}
          </p>
          {rows.length > 0 ? (
            <div className="table-wrap">
              <table className="responsive">
                <caption className="visually-hidden">
                  {past ? 'Past events, most recent first' : 'Upcoming events, soonest first'}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    <th scope="col">When</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Status</th>
                    <th scope="col">Places left</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <tr key={e.id}>
                      <th scope="row" data-label="Event">
                        <Link href={withBranch(`/events/${e.id}`, branchId)}>{e.title}</Link>
                      </th>
                      <td data-label="When">{e.startsAtLocal}</td>
                      <td data-label="Kind">{KIND_LABELS[e.kind]}</td>
                      <td data-label="Status">{STATUS_LABELS[e.status]}</td>
                      <td data-label="Places left">{e.spacesLeft ?? 'No limit'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <nav className="pager" aria-label="Pages of events">
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
              disabled={!data.branchEvents.pageInfo.hasNextPage || fetching}
              onClick={() => setCursors([...cursors, data.branchEvents.pageInfo.endCursor ?? null])}
            >
              Next page
            </button>
          </nav>
        </>
      ) : null}
      {branchId ? <CreateEvent branchId={branchId} /> : null}
    </>
  );
}

function CreateEvent({ branchId }: { branchId: string }) {
  const [state, create] = useMutation(CreateEventDocument);
  const [, navigate] = useLocation();
  return (
    <section className="create-event" aria-labelledby="create-event-heading">
      <h2 id="create-event-heading">Create an event</h2>
      <p className="hint">It stays a draft, seen only by the branch’s organisers, until you publish it.</p>
      <EventForm
        submitLabel="Create event"
        busy={state.fetching}
        error={state.error}
        onSubmit={(values) => {
          void create({
            input: { ...values, branchId, startsAt: values.startsAt ?? '', endsAt: values.endsAt ?? '' },
          }).then((result) => {
            const id = result.data?.createEvent.id;
            if (id) {
              navigate(withBranch(`/events/${id}`, branchId));
            }
          });
        }}
      />
    </section>
  );
}
