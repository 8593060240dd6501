import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BranchesService } from '@app/branches';
import {
  Actor,
  AddressMailCap,
  AppConfig,
  generateToken,
  hashToken,
  InvalidLinkError,
  isFirstRequest,
  NotFoundError,
  postcodeDistrict,
  withResponseFloor,
} from '@app/core';
import { OutboxService } from '@app/mail';
import { findOrAddPublicMember, MemberRepository } from '@app/members';
import { CommitmentsService } from './commitments.service';
import { ChangeCommitmentsInput, RegisterVenuePledgeInput, UpdateVenueInput } from './dto/pledge.input';
import { PLEDGE_MONTHS, plusMonths } from './pledge-dates';
import { PledgeVerificationService } from './pledge-verification.service';
import { Pledge, PledgeStatus } from './pledge.entity';
import { PledgeRepository } from './pledge.repository';
import { confirmPledgeTemplate } from './pledge.templates';
import { PledgeNotRenewableError, PledgeRejectedError } from './pledges.errors';
import { Venue } from './venue.entity';
import { VenueRepository } from './venue.repository';

export { PLEDGE_MONTHS } from './pledge-dates';

/** The demo directory (seed-demo): made-up venues and owners, at example.org addresses. */
const DEMO_VENUES: Array<{
  name: string;
  kind: Venue['kind'];
  address: string;
  postcode: string;
  ownerName: string;
  ownerEmail: string;
  ownerRole: string;
  commitments: string[];
}> = [
  {
    name: 'The Example Rooms',
    kind: 'CLUB',
    address: '1 Example Street, Dundee',
    postcode: 'DD1 4QB',
    ownerName: 'Fiona Example',
    ownerEmail: 'fiona.venue@example.org',
    ownerRole: 'Manager',
    commitments: ['welfare-space', 'naloxone-on-site', 'staff-overdose-training'],
  },
  {
    name: 'Example Students’ Association',
    kind: 'STUDENT_UNION',
    address: '2 Example Lane, Dundee',
    postcode: 'DD1 4HN',
    ownerName: 'Jamie Example',
    ownerEmail: 'jamie.venue@example.org',
    ownerRole: 'President',
    commitments: ['naloxone-on-site', 'drug-checking-signposting', 'harm-reduction-information'],
  },
];

/**
 * Venue pledges, for their owners: registered (confirmed by email), changed, renewed yearly. Each
 * change that needs it goes to the branch for verification (pledge-verification.service.ts); the
 * catalogue is in commitments.service.ts and the public directory in pledge-directory.service.ts.
 * Every step is recorded with who took it.
 */
@Injectable()
export class PledgesService {
  constructor(
    private readonly pledges: PledgeRepository,
    private readonly venues: VenueRepository,
    private readonly members: MemberRepository,
    private readonly commitments: CommitmentsService,
    private readonly verification: PledgeVerificationService,
    private readonly outbox: OutboxService,
    private readonly branches: BranchesService,
    private readonly config: AppConfig,
    private readonly mailCap: AddressMailCap,
  ) {}

  /** Public. Always the same answer; the owner confirms by email before anyone else sees it. */
  async register(input: RegisterVenuePledgeInput): Promise<void> {
    const codes = await this.commitments.check(input.commitments);
    const branch = await this.branches.coveringPostcode(input.venue.postcode);
    await withResponseFloor(this.config.publicResponseFloorMs, () =>
      this.outbox.transaction(async (manager, mail) => {
        // A double-click (or ten at once) registers one venue and mails once.
        const request = {
          ...input,
          owner: { ...input.owner, email: input.owner.email.trim().toLowerCase() },
        };
        if (!(await isFirstRequest(manager, this.config.repeatWindowMs, 'register-pledge', request))) {
          return;
        }
        const token = generateToken();
        const venue = await this.addVenue(manager, input, codes, branch?.id ?? null, hashToken(token));
        // Past the per-address mail cap the registration is kept but not mailed.
        if (await this.mailCap.allows('pledge', input.owner.email)) {
          await mail.add(confirmPledgeTemplate, input.owner.email, {
            fullName: input.owner.fullName,
            venue: venue.name,
            link: `${this.config.publicUrl}/pledges/confirm?token=${encodeURIComponent(token)}`,
          });
        }
      }),
    );
  }

  /** The owner's emailed link: the pledge goes to the branch, whose organisers are emailed. */
  async confirm(token: string): Promise<Pledge> {
    return this.outbox.transaction(async (manager, mail) => {
      const pledge = await this.pledges.lockAwaiting(manager, hashToken(token));
      if (!pledge) {
        throw new InvalidLinkError();
      }
      await this.pledges.update(manager, pledge.id, { status: 'SUBMITTED', confirmTokenHash: null });
      await this.members.confirmEmail(manager, pledge.venue!.ownerId);
      await this.record(manager, pledge.id, 'CONFIRMED', pledge.venue!.ownerId);
      await this.verification.askToVerify(manager, mail, pledge.venue!);
      return this.pledges.withVenue(manager, pledge.id);
    });
  }

  myVenues(actor: Actor): Promise<Pledge[]> {
    return this.pledges.ownedBy(actor.memberId);
  }

  /** The owner's changes are recorded; renaming a verified venue sends it back for verification. */
  async updateVenue(actor: Actor, input: UpdateVenueInput): Promise<Pledge> {
    return this.outbox.transaction(async (manager, mail) => {
      const venue = await this.venues.lockOwned(manager, input.id, actor.memberId);
      if (!venue) {
        throw new NotFoundError('Venue');
      }
      const renamed = input.name !== undefined && input.name !== venue.name;
      for (const key of ['name', 'address', 'website', 'licenceNumber', 'publicEmail'] as const) {
        if (input[key] !== undefined) {
          (venue as unknown as Record<string, unknown>)[key] = input[key];
        }
      }
      await this.venues.save(manager, venue);
      const pledge = await this.pledges.ofVenue(manager, venue.id);
      await this.record(manager, pledge.id, 'VENUE_UPDATED', actor.memberId);
      if (renamed && pledge.status === 'VERIFIED') {
        await this.pledges.update(manager, pledge.id, { status: 'SUBMITTED' });
        await this.verification.askToVerify(manager, mail, venue);
      }
      return this.pledges.withVenue(manager, pledge.id);
    });
  }

  /** A change of commitments goes back to the branch for verification. */
  async changeCommitments(actor: Actor, input: ChangeCommitmentsInput): Promise<Pledge> {
    const codes = await this.commitments.check(input.commitments);
    return this.outbox.transaction(async (manager, mail) => {
      const pledge = await this.lockOwned(manager, actor, input.id);
      if (pledge.status === 'REJECTED') {
        throw new PledgeRejectedError();
      }
      const nextStatus: PledgeStatus =
        pledge.status === 'AWAITING_CONFIRMATION' ? 'AWAITING_CONFIRMATION' : 'SUBMITTED';
      await this.pledges.update(manager, pledge.id, {
        commitments: codes,
        notes: input.notes ?? pledge.notes,
        status: nextStatus,
      });
      await this.record(manager, pledge.id, 'COMMITMENTS_CHANGED', actor.memberId);
      if (nextStatus === 'SUBMITTED' && pledge.status !== 'SUBMITTED') {
        await this.verification.askToVerify(manager, mail, pledge.venue!);
      }
      return this.pledges.withVenue(manager, pledge.id);
    });
  }

  /** A verified pledge runs for another year from now; a lapsed one goes back for verification. */
  async renew(actor: Actor, id: string): Promise<Pledge> {
    return this.outbox.transaction(async (manager, mail) => {
      const pledge = await this.lockOwned(manager, actor, id);
      if (pledge.status === 'VERIFIED') {
        await this.pledges.update(manager, pledge.id, {
          expiresAt: plusMonths(new Date(), PLEDGE_MONTHS),
          reminded30At: null,
          reminded7At: null,
        });
      } else if (pledge.status === 'LAPSED') {
        await this.pledges.update(manager, pledge.id, { status: 'SUBMITTED' });
        await this.verification.askToVerify(manager, mail, pledge.venue!);
      } else {
        throw new PledgeNotRenewableError();
      }
      await this.record(manager, pledge.id, 'RENEWED', actor.memberId);
      return this.pledges.withVenue(manager, pledge.id);
    });
  }

  // ---- venues as letter targets ------------------------------------------------------------------

  /**
   * Venues in a branch's area without a verified, current pledge that have a public contact
   * address: what a letter campaign "to venues that have not pledged" writes to. Only venues whose
   * owner confirmed and whose pledge was not rejected.
   */
  unpledgedVenues(branchId: string): Promise<Venue[]> {
    return this.venues.unpledgedIn(branchId);
  }

  // ---- shared ----------------------------------------------------------------------------------

  async record(
    manager: EntityManager,
    pledgeId: string,
    action: string,
    actorId: string | null,
    note = '',
  ): Promise<void> {
    await this.pledges.record(manager, { pledgeId, action, actorId, note });
  }

  /**
   * The demo directory for a branch, if there are no venues yet: two made-up venues whose pledges are
   * verified for a year, recorded as the steps a real one goes through. Their names, or null.
   * Development and `--demo` only (see seed-demo).
   */
  async seedDemo(branchId: string): Promise<string[] | null> {
    return this.outbox.transaction(async (manager) => {
      await this.venues.lockDemoSeed(manager);
      if ((await this.venues.countAll(manager)) > 0) {
        return null;
      }
      const now = new Date();
      for (const demo of DEMO_VENUES) {
        const { member } = await findOrAddPublicMember(
          manager,
          { email: demo.ownerEmail, fullName: demo.ownerName, postcode: null, emailOptIn: false, branchId },
          'pledge',
        );
        const venue = await this.venues.create(manager, {
          name: demo.name,
          kind: demo.kind,
          address: demo.address,
          postcode: demo.postcode,
          postcodeDistrict: postcodeDistrict(demo.postcode),
          website: null,
          licenceNumber: null,
          publicEmail: null,
          branchId,
          ownerId: member.id,
          ownerRole: demo.ownerRole,
        });
        const pledge = await this.pledges.create(manager, {
          venueId: venue.id,
          status: 'VERIFIED',
          commitments: await this.commitments.check(demo.commitments),
          notes: '',
          confirmTokenHash: null,
          verifiedAt: now,
          expiresAt: plusMonths(now, PLEDGE_MONTHS),
        });
        for (const action of ['REGISTERED', 'CONFIRMED', 'VERIFIED']) {
          await this.record(manager, pledge.id, action, action === 'VERIFIED' ? null : member.id);
        }
      }
      return DEMO_VENUES.map((venue) => venue.name);
    });
  }

  /** The owner (found or added), their venue and its pledge awaiting confirmation by the link. */
  private async addVenue(
    manager: EntityManager,
    input: RegisterVenuePledgeInput,
    codes: string[],
    branchId: string | null,
    confirmTokenHash: string,
  ): Promise<Venue> {
    const { member } = await findOrAddPublicMember(
      manager,
      {
        email: input.owner.email,
        fullName: input.owner.fullName,
        postcode: null,
        emailOptIn: false,
        branchId,
      },
      'pledge',
    );
    const venue = await this.venues.create(manager, {
      name: input.venue.name,
      kind: input.venue.kind,
      address: input.venue.address,
      postcode: input.venue.postcode,
      postcodeDistrict: postcodeDistrict(input.venue.postcode),
      website: input.venue.website ?? null,
      licenceNumber: input.venue.licenceNumber ?? null,
      publicEmail: input.venue.publicEmail ?? null,
      branchId,
      ownerId: member.id,
      ownerRole: input.owner.role,
    });
    const pledge = await this.pledges.create(manager, {
      venueId: venue.id,
      status: 'AWAITING_CONFIRMATION',
      commitments: codes,
      notes: input.notes,
      confirmTokenHash,
    });
    await this.record(manager, pledge.id, 'REGISTERED', member.id);
    return venue;
  }

  private async lockOwned(manager: EntityManager, actor: Actor, id: string): Promise<Pledge> {
    const pledge = await this.pledges.lock(manager, id);
    if (!pledge || pledge.venue!.ownerId !== actor.memberId) {
      throw new NotFoundError('Pledge');
    }
    return pledge;
  }
}
