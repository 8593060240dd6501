import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/**
 * What the door phone keeps in IndexedDB, so check-in works without signal: the event's attendee
 * list (names and status only, no addresses: the minimum needed at the door) and the check-ins made
 * while offline, each with the idempotency key it will be sent with, so a replay counts once.
 */
export interface DoorAttendee {
  id: string;
  fullName: string;
  status: 'GOING' | 'WAITLISTED' | 'CANCELLED';
  walkIn: boolean;
  checkedInAt: string | null;
}

export type QueuedCheckIn =
  | { key: string; eventId: string; kind: 'check-in'; rsvpId: string; fullName: string; at: number }
  | { key: string; eventId: string; kind: 'walk-in'; fullName: string; email: string; at: number }
  | { key: string; eventId: string; kind: 'code'; code: string; at: number };

interface DoorDb extends DBSchema {
  attendees: { key: string; value: { eventId: string; attendees: DoorAttendee[]; savedAt: number } };
  queue: { key: string; value: QueuedCheckIn; indexes: { byEvent: string } };
}

let opened: Promise<IDBPDatabase<DoorDb>> | undefined;

function db(): Promise<IDBPDatabase<DoorDb>> {
  opened ??= openDB<DoorDb>('organise-door', 1, {
    upgrade(database) {
      database.createObjectStore('attendees', { keyPath: 'eventId' });
      database.createObjectStore('queue', { keyPath: 'key' }).createIndex('byEvent', 'eventId');
    },
  });
  return opened;
}

export async function savedAttendees(eventId: string): Promise<DoorAttendee[] | undefined> {
  return (await (await db()).get('attendees', eventId))?.attendees;
}

/**
 * At sign-out: the attendee lists go (the names of people at an event stay on no phone). Check-ins
 * still waiting to sync stay: they are what people did at the door, and are sent by whoever signs
 * in next on this phone with the right to (the API decides).
 */
export async function forgetAttendeeLists(): Promise<void> {
  await (await db()).clear('attendees');
}

export async function saveAttendees(eventId: string, attendees: DoorAttendee[]): Promise<void> {
  await (await db()).put('attendees', { eventId, attendees, savedAt: Date.now() });
}

/** The event's queued check-ins, oldest first. */
export async function queued(eventId: string): Promise<QueuedCheckIn[]> {
  const all = await (await db()).getAllFromIndex('queue', 'byEvent', eventId);
  return all.sort((a, b) => a.at - b.at);
}

export async function enqueue(item: QueuedCheckIn): Promise<void> {
  await (await db()).put('queue', item);
}

export async function dequeue(key: string): Promise<void> {
  await (await db()).delete('queue', key);
}
