import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { errorText, formatDate } from '../../api';
import { graphql } from '../../gql';
import type { EventDetailQuery } from '../../gql/graphql';
import { ScreenHeading } from '../../Heading';
import { useBranch, withBranch } from '../../session';
import { EventForm } from './EventForm';
import { KIND_LABELS, STATUS_LABELS } from './fields';
import { Pager } from '../../Pager';

const PAGE_SIZE = 50;

const EventDocument = graphql(`
  query EventDetail($id: ID!) {
    event(id: $id) {
      id
      title
      description
      kind
      status
      startsAt
      endsAt
      startsAtLocal
      location {
        name
        address
        postcode
      }
      onlineUrl
      capacity
      isTraining
      trainingKind
      certificateValidMonths
      cancelMessage
      branch {
        id
        name
      }
    }
    attendance(eventId: $id) {
      going
      waitlisted
      cancelled
      checkedIn
      walkIns
    }
  }
`);

const AttendeesDocument = graphql(`
  query EventAttendees($eventId: ID!, $first: Int!, $after: String) {
    eventAttendees(eventId: $eventId, first: $first, after: $after) {
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
          status
          walkIn
          checkedInAt
          repliedAt
        }
      }
    }
  }
`);

const UpdateEventDocument = graphql(`
  mutation UpdateEvent($input: UpdateEventInput!) {
    updateEvent(input: $input) {
      id
      title
      description
      startsAt
      endsAt
      startsAtLocal
      location {
        name
        address
        postcode
      }
      onlineUrl
      capacity
    }
  }
`);

const PublishEventDocument = graphql(`
  mutation PublishEvent($id: ID!) {
    publishEvent(id: $id) {
      id
      status
    }
  }
`);

const CancelEventDocument = graphql(`
  mutation CancelEvent($id: ID!, $message: String!) {
    cancelEvent(id: $id, message: $message) {
      id
      status
      cancelMessage
    }
  }
`);

const ATTENDEE_STATUS = { GOING: 'Going', WAITLISTED: 'Waiting list', CANCELLED: 'Cancelled' } as const;

/** One event: its figures, the next step of its life (publish, or cancel with a message), edit, attendees. */
export function EventDetail({ params }: { params: { id: string } }) {
  const { id: branchId } = useBranch();
  const [{ data, error }, refetch] = useQuery({ query: EventDocument, variables: { id: params.id } });
  const event = data?.event;

  if (error && !data) {
    return (
      <>
        <ScreenHeading title="Event">Event</ScreenHeading>
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      </>
    );
  }
  if (!event || !data) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  const figures = data.attendance;
  return (
    <>
      <p className="back">
        <Link href={withBranch('/events', branchId)}>All events</Link>
      </p>
      <ScreenHeading title={event.title}>{event.title}</ScreenHeading>
      <p className="meta">
        <span className={`status status--${event.status.toLowerCase()}`}>{STATUS_LABELS[event.status]}</span>{' '}
        {KIND_LABELS[event.kind]} · {event.startsAtLocal} · {event.branch.name}
      </p>
      {event.status === 'CANCELLED' && event.cancelMessage ? (
        <p className="notice">Cancelled with this message to attendees: {event.cancelMessage}</p>
      ) : null}

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">Attendance</h2>
        <dl className="figures">
          <div>
            <dt>Going</dt>
            <dd>{figures.going}</dd>
          </div>
          <div>
            <dt>Checked in</dt>
            <dd>{figures.checkedIn}</dd>
          </div>
          <div>
            <dt>Walk-ins</dt>
            <dd>{figures.walkIns}</dd>
          </div>
          <div>
            <dt>Waiting list</dt>
            <dd>{figures.waitlisted}</dd>
          </div>
          <div>
            <dt>Cancelled</dt>
            <dd>{figures.cancelled}</dd>
          </div>
          <div>
            <dt>Places</dt>
            <dd>{event.capacity ?? 'No limit'}</dd>
          </div>
        </dl>
        {event.status === 'PUBLISHED' ? (
          <p>
            <Link className="button" href={withBranch(`/events/${event.id}/check-in`, branchId)}>
              Open the door check-in
            </Link>
          </p>
        ) : null}
      </section>

      <NextStep
        id={event.id}
        status={event.status}
        onDone={() => refetch({ requestPolicy: 'network-only' })}
      />

      {event.status !== 'CANCELLED' ? <EditEvent event={event} /> : null}

      <Attendees eventId={event.id} />
    </>
  );
}

/** Only the next valid change of state, as one button: publish a draft, cancel a published event. */
function NextStep({ id, status, onDone }: { id: string; status: string; onDone: () => void }) {
  const [publishing, publish] = useMutation(PublishEventDocument);
  const [cancelling, cancel] = useMutation(CancelEventDocument);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  if (status === 'DRAFT') {
    return (
      <section aria-labelledby="next-heading" className="next-step">
        <h2 id="next-heading">Publish</h2>
        <p>Publishing shows the event on the public site and opens RSVPs.</p>
        <button
          type="button"
          className="button"
          disabled={publishing.fetching}
          onClick={() => void publish({ id }).then((r) => (r.error ? undefined : onDone()))}
        >
          Publish event
        </button>
        <div role="status">
          {publishing.error ? <p className="error">Error: {errorText(publishing.error)}</p> : null}
        </div>
      </section>
    );
  }
  if (status === 'PUBLISHED') {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      if (!message.trim()) {
        setProblem('Write the message everyone going or waiting will get.');
        return;
      }
      setProblem(null);
      void cancel({ id, message: message.trim() }).then((r) => (r.error ? undefined : onDone()));
    };
    const shown = problem ?? (cancelling.error ? errorText(cancelling.error) : null);
    return (
      <section aria-labelledby="next-heading" className="next-step">
        <h2 id="next-heading">Cancel the event</h2>
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="cancel-message">Message to attendees</label>
            <p className="hint" id="cancel-message-hint">
              Emailed to everyone going or on the waiting list. Cancelling cannot be undone.
            </p>
            {shown ? (
              <p className="error" id="cancel-message-error">
                Error: {shown}
              </p>
            ) : null}
            <textarea
              id="cancel-message"
              rows={3}
              value={message}
              aria-invalid={shown ? true : undefined}
              aria-describedby={shown ? 'cancel-message-hint cancel-message-error' : 'cancel-message-hint'}
              onChange={(e) => setMessage(e.target.value)}
            />
          </div>
          <button type="submit" className="button button--danger" disabled={cancelling.fetching}>
            Cancel event
          </button>
        </form>
      </section>
    );
  }
  return null;
}

function EditEvent({ event }: { event: EventDetailQuery['event'] }) {
  const [state, update] = useMutation(UpdateEventDocument);
  const [done, setDone] = useState<string | null>(null);
  return (
    <details className="edit-event">
      <summary>Edit the event</summary>
      <EventForm
        initial={event}
        fixedKind
        submitLabel="Save changes"
        busy={state.fetching}
        error={state.error}
        done={done}
        onSubmit={(values) => {
          setDone(null);
          void update({
            input: {
              id: event.id,
              title: values.title,
              description: values.description,
              startsAt: values.startsAt,
              endsAt: values.endsAt,
              location: values.location,
              onlineUrl: values.onlineUrl,
              capacity: values.capacity,
            },
          }).then((r) => {
            if (!r.error) {
              setDone('Saved.');
            }
          });
        }}
      />
    </details>
  );
}

function Attendees({ eventId }: { eventId: string }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [{ data, error, fetching }] = useQuery({
    query: AttendeesDocument,
    variables: { eventId, first: PAGE_SIZE, after: cursors[cursors.length - 1] },
  });
  const rows = data?.eventAttendees.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="attendees-heading">
      <h2 id="attendees-heading">Attendees</h2>
      {error ? (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {data ? (
        <>
          <p className="count">
            {data.eventAttendees.totalCount === 0
              ? 'Nobody has replied yet.'
              : `${data.eventAttendees.totalCount} replies, in the order people replied.`}
          </p>
          {rows.length > 0 ? (
            <table className="responsive">
              <caption className="visually-hidden">Attendees</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  <th scope="col">Checked in</th>
                  <th scope="col">Replied</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <th scope="row" data-label="Name">
                      {a.fullName}
                      {a.walkIn ? ' (walk-in)' : ''}
                    </th>
                    <td data-label="Email" className="wrap">
                      {a.email}
                    </td>
                    <td data-label="Status">{ATTENDEE_STATUS[a.status]}</td>
                    <td data-label="Checked in">{a.checkedInAt ? 'Yes' : 'No'}</td>
                    <td data-label="Replied">{formatDate(a.repliedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Pager
            label="Pages of attendees"
            cursors={cursors}
            setCursors={setCursors}
            pageInfo={data.eventAttendees.pageInfo}
            fetching={fetching}
          />
        </>
      ) : null}
    </section>
  );
}
