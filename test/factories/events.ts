import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CampaignEvent } from '@app/events';

const unique = (): string => randomBytes(4).toString('hex');
const HOUR = 3_600_000;

/** Ten in the morning (UTC) `days` from now: the event starts and ends on the same London day. */
export function daysAhead(days: number): Date {
  const date = new Date(Date.now() + days * 24 * HOUR);
  date.setUTCHours(10, 0, 0, 0);
  return date;
}

/** A published event a week from now (as if created and published by an organiser of the branch). */
export async function createEvent(
  db: DataSource,
  overrides: Partial<CampaignEvent> & { branchId: string },
): Promise<CampaignEvent> {
  const startsAt = overrides.startsAt ?? daysAhead(7);
  return db.getRepository(CampaignEvent).save({
    title: `Naloxone training ${unique()}`,
    description:
      'Learn to use naloxone, which reverses an opioid overdose.\n\nKits to take home. Tea and biscuits.',
    kind: 'TRAINING',
    trainingKind: 'naloxone',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    locationName: 'Community hall',
    locationAddress: '1 High Street, Dundee',
    locationPostcode: 'DD1 1AA',
    onlineUrl: null,
    capacity: 20,
    rsvpClosesAt: null,
    isTraining: true,
    certificateValidMonths: 24,
    status: 'PUBLISHED',
    cancelMessage: null,
    createdById: null,
    ...overrides,
  });
}
