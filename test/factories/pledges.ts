import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Member } from '@app/members';
import { Pledge, PledgeStatus, Venue, VenueKind } from '@app/pledges';
import { createMember } from './index';

const unique = (): string => randomBytes(4).toString('hex');
const DAY = 24 * 60 * 60 * 1000;

export interface PledgedVenueOverrides {
  name?: string;
  kind?: VenueKind;
  postcode?: string;
  branchId?: string | null;
  status?: PledgeStatus;
  commitments?: string[];
  verifiedAt?: Date | null;
  expiresAt?: Date | null;
  /** Venue fields that are not public (for checking that no page shows them). */
  address?: string;
  website?: string | null;
  licenceNumber?: string | null;
  publicEmail?: string | null;
  notes?: string;
  ownerRole?: string;
  owner?: Partial<Member>;
}

/**
 * A venue and its pledge, as if registered, confirmed and decided on. VERIFIED (the default) is
 * verified a month ago and runs for eleven more months; other states have no dates unless given.
 */
export async function createPledgedVenue(
  db: DataSource,
  overrides: PledgedVenueOverrides = {},
): Promise<{ venue: Venue; pledge: Pledge; owner: Member }> {
  const id = unique();
  const status = overrides.status ?? 'VERIFIED';
  const verified = status === 'VERIFIED' || status === 'LAPSED';
  const owner = await createMember(db, { fullName: `Owner ${id}`, ...overrides.owner });
  const postcode = overrides.postcode ?? 'EH1 1AA';
  const venue = await db.getRepository(Venue).save({
    name: overrides.name ?? `Venue ${id}`,
    kind: overrides.kind ?? 'CLUB',
    address: overrides.address ?? `${id} High Street`,
    postcode,
    postcodeDistrict: postcode.split(' ')[0],
    website: overrides.website ?? null,
    licenceNumber: overrides.licenceNumber ?? null,
    publicEmail: overrides.publicEmail ?? null,
    branchId: overrides.branchId ?? null,
    ownerId: owner.id,
    ownerRole: overrides.ownerRole ?? 'general manager',
  });
  const pledge = await db.getRepository(Pledge).save({
    venueId: venue.id,
    status,
    commitments: overrides.commitments ?? ['welfare-space', 'free-water'],
    notes: overrides.notes ?? '',
    confirmTokenHash: null,
    verifiedAt:
      overrides.verifiedAt !== undefined
        ? overrides.verifiedAt
        : verified
          ? new Date(Date.now() - 30 * DAY)
          : null,
    expiresAt:
      overrides.expiresAt !== undefined
        ? overrides.expiresAt
        : status === 'VERIFIED'
          ? new Date(Date.now() + 335 * DAY)
          : status === 'LAPSED'
            ? new Date(Date.now() - DAY)
            : null,
  });
  return { venue, pledge, owner };
}
