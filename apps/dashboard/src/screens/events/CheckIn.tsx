import { type FormEvent, lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type CombinedError, useClient, useQuery } from 'urql';
import { Link } from 'wouter';
import { errorCode, errorText } from '../../api';
import { graphql } from '../../gql';
import { ScreenHeading } from '../../Heading';
import { useBranch, withBranch } from '../../session';
import {
  dequeue,
  type DoorAttendee,
  enqueue,
  type QueuedCheckIn,
  queued,
  saveAttendees,
  savedAttendees,
} from './door-store';
import { codeFrom } from './scanned-code';

/** The camera scanner (qr-scanner) is its own chunk, loaded only when someone taps "Scan a code". */
const Scanner = lazy(() => import('./Scanner').then((m) => ({ default: m.Scanner })));

const DoorEventDocument = graphql(`
  query DoorEvent($id: ID!) {
    event(id: $id) {
      id
      title
      status
      startsAtLocal
    }
  }
`);

const DoorAttendeesDocument = graphql(`
  query DoorAttendees($eventId: ID!, $first: Int!, $after: String) {
    eventAttendees(eventId: $eventId, first: $first, after: $after) {
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          fullName
          status
          walkIn
          checkedInAt
        }
      }
    }
  }
`);

const DoorCheckInDocument = graphql(`
  mutation DoorCheckIn($rsvpId: ID!, $key: ID!) {
    checkIn(rsvpId: $rsvpId, idempotencyKey: $key) {
      id
      fullName
      status
      walkIn
      checkedInAt
    }
  }
`);

const DoorCheckInByCodeDocument = graphql(`
  mutation DoorCheckInByCode($eventId: ID!, $code: String!, $key: ID!) {
    checkInByCode(eventId: $eventId, code: $code, idempotencyKey: $key) {
      id
      fullName
      status
      walkIn
      checkedInAt
    }
  }
`);

const DoorWalkInDocument = graphql(`
  mutation DoorWalkIn($input: RsvpInput!, $key: ID!) {
    registerWalkIn(input: $input, idempotencyKey: $key) {
      id
      fullName
      status
      walkIn
      checkedInAt
    }
  }
`);

const MOST_SHOWN = 50;

interface Outcome {
  ok: boolean;
  text: string;
}

/**
 * The door of an event, on a phone: find a person by name and check them in, register walk-ins,
 * scan the QR code from someone's RSVP email. Works without signal: the list is kept on the phone,
 * check-ins made offline wait in a queue (each with its idempotency key) and are sent when the
 * connection is back, counting once however often they are sent.
 */
export function CheckIn({ params }: { params: { id: string } }) {
  const eventId = params.id;
  const { id: branchId } = useBranch();
  const client = useClient();
  const [{ data: eventData, error: eventError }] = useQuery({
    query: DoorEventDocument,
    variables: { id: eventId },
  });
  const [attendees, setAttendees] = useState<DoorAttendee[] | null>(null);
  const [waiting, setWaiting] = useState<QueuedCheckIn[]>([]);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [scanning, setScanning] = useState(false);
  const syncing = useRef(false);
  const again = useRef(false);

  /** The whole list from the API (pages of 100), kept on the phone for when the signal goes. */
  const refreshList = useCallback(async () => {
    const all: DoorAttendee[] = [];
    let after: string | null = null;
    for (;;) {
      const result = await client
        .query(DoorAttendeesDocument, { eventId, first: 100, after }, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error || !result.data) {
        if (result.error && !result.error.networkError) {
          setListError(errorText(result.error));
        }
        return;
      }
      all.push(...result.data.eventAttendees.edges.map((e) => e.node));
      if (!result.data.eventAttendees.pageInfo.hasNextPage) {
        break;
      }
      after = result.data.eventAttendees.pageInfo.endCursor ?? null;
    }
    setListError(null);
    setAttendees(all);
    await saveAttendees(eventId, all);
  }, [client, eventId]);

  /**
   * Sends what is queued, oldest first, until nothing is left (check-ins made meanwhile too); stops
   * at the first network failure (still offline: the queue waits for the next try).
   */
  const sync = useCallback(async () => {
    if (syncing.current) {
      again.current = true;
      return;
    }
    syncing.current = true;
    let sent = 0;
    try {
      let offline = false;
      do {
        again.current = false;
        for (const item of await queued(eventId)) {
          const result = await send(item);
          if (result.error?.networkError) {
            offline = true;
            break;
          }
          await dequeue(item.key);
          sent += 1;
          const who = result.data?.fullName;
          if (result.error) {
            setOutcome({ ok: false, text: refusal(result.error, item) });
          } else if (who) {
            setOutcome({ ok: true, text: `Checked in: ${who}.` });
          }
        }
      } while (again.current && !offline);
    } finally {
      syncing.current = false;
      setWaiting(await queued(eventId));
    }
    if (sent > 0) {
      await refreshList();
    }

    async function send(
      item: QueuedCheckIn,
    ): Promise<{ error?: CombinedError; data?: { fullName: string } }> {
      if (item.kind === 'check-in') {
        const r = await client
          .mutation(DoorCheckInDocument, { rsvpId: item.rsvpId, key: item.key })
          .toPromise();
        return { error: r.error, data: r.data?.checkIn };
      }
      if (item.kind === 'code') {
        const r = await client
          .mutation(DoorCheckInByCodeDocument, { eventId, code: item.code, key: item.key })
          .toPromise();
        return { error: r.error, data: r.data?.checkInByCode };
      }
      const r = await client
        .mutation(DoorWalkInDocument, {
          input: { eventId, fullName: item.fullName, email: item.email, emailOptIn: false },
          key: item.key,
        })
        .toPromise();
      return { error: r.error, data: r.data?.registerWalkIn };
    }
  }, [client, eventId, refreshList]);

  const add = useCallback(
    async (item: QueuedCheckIn) => {
      await enqueue(item);
      setWaiting(await queued(eventId));
      if (navigator.onLine) {
        await sync();
      } else {
        setOutcome({
          ok: true,
          text:
            item.kind === 'code'
              ? 'Code scanned. It will be checked when the connection is back.'
              : `Checked in: ${item.fullName}. Waiting to sync.`,
        });
      }
    },
    [eventId, sync],
  );

  // The list kept on the phone first, then the fresh one; the queue; anything waiting is sent.
  useEffect(() => {
    let gone = false;
    void (async () => {
      const saved = await savedAttendees(eventId);
      if (!gone && saved) {
        setAttendees((current) => current ?? saved);
      }
      setWaiting(await queued(eventId));
      if (navigator.onLine) {
        await sync();
        await refreshList();
      }
    })();
    return () => {
      gone = true;
    };
  }, [eventId, refreshList, sync]);

  // Opened from the link in an RSVP email (#code=…): check that person in. The code leaves the
  // address at once (history), and never went to the server with the page.
  useEffect(() => {
    const code = new URLSearchParams(window.location.hash.slice(1)).get('code');
    if (code) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      void add({ key: crypto.randomUUID(), eventId, kind: 'code', code, at: Date.now() });
    }
  }, [add, eventId]);

  // A signal that comes and goes without an `online` event (a weak network): try again now and then.
  useEffect(() => {
    if (waiting.length === 0) {
      return undefined;
    }
    const timer = window.setInterval(() => {
      if (navigator.onLine) {
        void sync();
      }
    }, 20_000);
    return () => window.clearInterval(timer);
  }, [waiting.length, sync]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [sync]);

  // Who is shown as checked in: as the API last said, or waiting in the queue.
  const pendingIds = useMemo(
    () => new Set(waiting.flatMap((w) => (w.kind === 'check-in' ? [w.rsvpId] : []))),
    [waiting],
  );
  const people = useMemo(() => {
    const known = (attendees ?? []).filter((a) => a.status !== 'CANCELLED');
    const walkIns: DoorAttendee[] = waiting.flatMap((w) =>
      w.kind === 'walk-in'
        ? [{ id: `pending-${w.key}`, fullName: w.fullName, status: 'GOING', walkIn: true, checkedInAt: null }]
        : [],
    );
    return [...known, ...walkIns];
  }, [attendees, waiting]);
  const isIn = (a: DoorAttendee) => !!a.checkedInAt || pendingIds.has(a.id) || a.id.startsWith('pending-');
  const expected = people.filter((a) => a.status === 'GOING').length;
  const checkedIn = people.filter(isIn).length;
  const term = search.trim().toLocaleLowerCase('en-GB');
  const matches = people
    .filter((a) => !term || a.fullName.toLocaleLowerCase('en-GB').includes(term))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'en-GB'));

  const event = eventData?.event;
  const title = event ? `Check-in: ${event.title}` : 'Check-in';
  return (
    <div className="door">
      <p className="back">
        <Link href={withBranch(`/events/${eventId}`, branchId)}>Back to the event</Link>
      </p>
      <ScreenHeading title={title}>{title}</ScreenHeading>
      {event ? <p className="meta">{event.startsAtLocal}</p> : null}
      {eventError && !eventData && online ? (
        <p className="error" role="alert">
          {errorText(eventError)}
        </p>
      ) : null}
      {listError ? (
        <p className="error" role="alert">
          {listError}
        </p>
      ) : null}

      <div className="door__figures" role="status">
        <p className="door__count">
          <strong>{checkedIn}</strong> checked in of <strong>{expected}</strong> expected
        </p>
        <p className={online ? 'door__line' : 'door__line door__line--off'}>
          {online ? 'Online' : 'Offline: check-ins are kept on this phone'}
          {waiting.length > 0 ? ` · ${waiting.length} waiting to sync` : ''}
        </p>
      </div>

      <div className="door__outcome" role="status" aria-live="polite">
        {outcome ? (
          <p className={outcome.ok ? 'notice' : 'error'}>
            {outcome.ok ? outcome.text : `Error: ${outcome.text}`}
          </p>
        ) : null}
      </div>

      <section aria-labelledby="scan-heading" className="door__scan">
        <h2 id="scan-heading" className="visually-hidden">
          Scan
        </h2>
        {scanning ? (
          <Suspense fallback={<p role="status">Starting the camera…</p>}>
            <Scanner
              onClose={() => setScanning(false)}
              onResult={(text) => {
                setScanning(false);
                const found = codeFrom(text, eventId);
                if (found.problem !== undefined) {
                  setOutcome({ ok: false, text: found.problem });
                } else {
                  void add({
                    key: crypto.randomUUID(),
                    eventId,
                    kind: 'code',
                    code: found.code,
                    at: Date.now(),
                  });
                }
              }}
            />
          </Suspense>
        ) : (
          <button type="button" className="button" onClick={() => setScanning(true)}>
            Scan a code
          </button>
        )}
      </section>

      <section aria-labelledby="people-heading">
        <h2 id="people-heading">People</h2>
        <div className="field">
          <label htmlFor="door-search">Search attendees</label>
          <input
            id="door-search"
            type="search"
            autoComplete="off"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        {attendees === null ? (
          <p role="status">
            {online ? 'Loading the list…' : 'No list on this phone yet: it loads when there is signal.'}
          </p>
        ) : matches.length === 0 ? (
          <p>{term ? 'Nobody by that name. Register them as a walk-in below.' : 'Nobody has replied yet.'}</p>
        ) : (
          <ul className="door__people">
            {matches.slice(0, MOST_SHOWN).map((a) => (
              <li key={a.id}>
                <span className="door__name" id={`door-name-${a.id}`}>
                  {a.fullName}
                  {a.walkIn ? ' (walk-in)' : ''}
                  {a.status === 'WAITLISTED' ? ' (waiting list)' : ''}
                </span>
                {isIn(a) ? (
                  <span className="door__done">
                    {a.checkedInAt ? 'Checked in' : 'Checked in, waiting to sync'}
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button"
                    aria-describedby={`door-name-${a.id}`}
                    onClick={() =>
                      void add({
                        key: crypto.randomUUID(),
                        eventId,
                        kind: 'check-in',
                        rsvpId: a.id,
                        fullName: a.fullName,
                        at: Date.now(),
                      })
                    }
                  >
                    Check in
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {matches.length > MOST_SHOWN ? (
          <p className="hint">
            Showing {MOST_SHOWN} of {matches.length}: type more of the name.
          </p>
        ) : null}
      </section>

      <WalkIn
        onAdd={(fullName, email) =>
          void add({ key: crypto.randomUUID(), eventId, kind: 'walk-in', fullName, email, at: Date.now() })
        }
      />
    </div>
  );
}

/** What to say when the API refused a queued check-in (it is dropped: sending again would not help). */
function refusal(error: CombinedError, item: QueuedCheckIn): string {
  const code = errorCode(error);
  if (item.kind === 'code' && (code === 'NOT_FOUND' || code === 'FORBIDDEN')) {
    return 'Only organisers of this event’s branch can check people in with this code.';
  }
  const who = item.kind === 'code' ? '' : ` (${item.fullName})`;
  return `${errorText(error)}${who}`;
}

function WalkIn({ onAdd }: { onAdd: (fullName: string, email: string) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [problems, setProblems] = useState<{ name?: string; email?: string }>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: { name?: string; email?: string } = {};
    if (!name.trim()) {
      found.name = 'Enter the person’s name.';
    }
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      found.email = 'Enter an email address, like name@example.org.';
    }
    setProblems(found);
    if (found.name || found.email) {
      return;
    }
    onAdd(name.trim(), email.trim());
    setName('');
    setEmail('');
  }

  return (
    <section aria-labelledby="walk-in-heading" className="door__walk-in">
      <h2 id="walk-in-heading">Walk-in</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="walk-in-name">Name</label>
          {problems.name ? (
            <p className="error" id="walk-in-name-error">
              Error: {problems.name}
            </p>
          ) : null}
          <input
            id="walk-in-name"
            autoComplete="off"
            value={name}
            aria-invalid={problems.name ? true : undefined}
            aria-describedby={problems.name ? 'walk-in-name-error' : undefined}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="walk-in-email">Email</label>
          <p className="hint" id="walk-in-email-hint">
            For their place and any certificate. Not added to campaign email.
          </p>
          {problems.email ? (
            <p className="error" id="walk-in-email-error">
              Error: {problems.email}
            </p>
          ) : null}
          <input
            id="walk-in-email"
            type="email"
            autoComplete="off"
            value={email}
            aria-invalid={problems.email ? true : undefined}
            aria-describedby={
              problems.email ? 'walk-in-email-hint walk-in-email-error' : 'walk-in-email-hint'
            }
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <button type="submit" className="button">
          Check in walk-in
        </button>
      </form>
    </section>
  );
}
