import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { DateTime } from 'luxon';
import { BranchesService } from '@app/branches';
import {
  Actor,
  AddressMailCap,
  AppConfig,
  BadUserInputError,
  ConflictError,
  ConnectionShape,
  ForbiddenError,
  generateToken,
  hashToken,
  InvalidLinkError,
  isFirstRequest,
  mayBeSamePerson,
  NotFoundError,
  paginate,
  postcodeDistrict,
  withResponseFloor,
} from '@app/core';
import { Mailbag, OutboxService } from '@app/mail';
import { findOrAddPublicMember, Member, MemberRole } from '@app/members';
import { Commitment } from './commitment.entity';
import {
  ChangeCommitmentsInput,
  CommitmentInput,
  PledgedVenuesArgs,
  PledgesArgs,
  RegisterVenuePledgeInput,
  UpdateVenueInput,
} from './dto/pledge.input';
import { PledgeDecision } from './pledge-decision.entity';
import { Pledge, PledgeStatus } from './pledge.entity';
import { confirmPledgeTemplate, pledgeDecisionTemplate, pledgeSubmittedTemplate } from './pledge.templates';
import { Venue } from './venue.entity';

export const PLEDGE_MONTHS = 12;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const OUTCOME: Record<string, string> = {
  VERIFIED: 'verified, and listed in the directory',
  REJECTED: 'not accepted',
  CHANGES_REQUESTED: 'changes are needed before it can be verified',
};

/** Calendar months later; the 29th–31st fall back to the month's last day (29 Feb + 12 months = 28 Feb). */
function plusMonths(from: Date, months: number): Date {
  return DateTime.fromJSDate(from, { zone: 'utc' }).plus({ months }).toJSDate();
}

/**
 * Venue pledges: registered by venue owners (confirmed by email), verified by the organisers of the
 * branch covering the venue (admins where no branch does), renewed yearly, listed publicly once
 * verified. Every step is recorded with who took it.
 */
@Injectable()
export class PledgesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly branches: BranchesService,
    private readonly config: AppConfig,
    private readonly mailCap: AddressMailCap,
  ) {}

  // ---- the catalogue ---------------------------------------------------------------------------

  commitments(includeRetired: boolean): Promise<Commitment[]> {
    return this.dataSource.getRepository(Commitment).find({
      where: includeRetired ? {} : { retiredAt: IsNull() },
      order: { sortOrder: 'ASC', code: 'ASC' },
    });
  }

  /** Admins: adds a commitment, or changes its wording (a retired one stays retired). */
  async saveCommitment(input: CommitmentInput): Promise<Commitment> {
    const repo = this.dataSource.getRepository(Commitment);
    const existing = await repo.findOneBy({ code: input.code });
    return repo.save({ ...existing, ...input, retiredAt: existing?.retiredAt ?? null });
  }

  async retireCommitment(code: string): Promise<Commitment> {
    const repo = this.dataSource.getRepository(Commitment);
    const commitment = await repo.findOneBy({ code });
    if (!commitment) {
      throw new NotFoundError('Commitment');
    }
    commitment.retiredAt = commitment.retiredAt ?? new Date();
    return repo.save(commitment);
  }

  // ---- venue owners ----------------------------------------------------------------------------

  /** Public. Always the same answer; the owner confirms by email before anyone else sees it. */
  async register(input: RegisterVenuePledgeInput): Promise<void> {
    const codes = await this.checkCommitments(input.commitments);
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
        const { member } = await findOrAddPublicMember(
          manager,
          {
            email: input.owner.email,
            fullName: input.owner.fullName,
            postcode: null,
            emailOptIn: false,
            branchId: branch?.id ?? null,
          },
          'pledge',
        );
        const venue = await manager.save(
          manager.create(Venue, {
            name: input.venue.name,
            kind: input.venue.kind,
            address: input.venue.address,
            postcode: input.venue.postcode,
            postcodeDistrict: postcodeDistrict(input.venue.postcode),
            website: input.venue.website ?? null,
            licenceNumber: input.venue.licenceNumber ?? null,
            publicEmail: input.venue.publicEmail ?? null,
            branchId: branch?.id ?? null,
            ownerId: member.id,
            ownerRole: input.owner.role,
          }),
        );
        const token = generateToken();
        const pledge = await manager.save(
          manager.create(Pledge, {
            venueId: venue.id,
            status: 'AWAITING_CONFIRMATION',
            commitments: codes,
            notes: input.notes,
            confirmTokenHash: hashToken(token),
          }),
        );
        await this.record(manager, pledge.id, 'REGISTERED', member.id);
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
      const pledge = await manager.findOne(Pledge, {
        where: { confirmTokenHash: hashToken(token), status: 'AWAITING_CONFIRMATION' },
        relations: { venue: true },
        lock: { mode: 'pessimistic_write', tables: ['pledge'] },
      });
      if (!pledge) {
        throw new InvalidLinkError();
      }
      await manager.update(Pledge, pledge.id, { status: 'SUBMITTED', confirmTokenHash: null });
      await manager.update(
        Member,
        { id: pledge.venue!.ownerId, emailConfirmedAt: IsNull() },
        { emailConfirmedAt: new Date() },
      );
      await this.record(manager, pledge.id, 'CONFIRMED', pledge.venue!.ownerId);
      await this.tellVerifiers(manager, mail, pledge.venue!);
      return manager.findOneOrFail(Pledge, { where: { id: pledge.id }, relations: { venue: true } });
    });
  }

  myVenues(actor: Actor): Promise<Pledge[]> {
    return this.dataSource.getRepository(Pledge).find({
      where: { venue: { ownerId: actor.memberId } },
      relations: { venue: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** The owner's changes are recorded; renaming a verified venue sends it back for verification. */
  async updateVenue(actor: Actor, input: UpdateVenueInput): Promise<Pledge> {
    return this.outbox.transaction(async (manager, mail) => {
      const venue = await manager.findOne(Venue, {
        where: { id: input.id, ownerId: actor.memberId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!venue) {
        throw new NotFoundError('Venue');
      }
      const renamed = input.name !== undefined && input.name !== venue.name;
      for (const key of ['name', 'address', 'website', 'licenceNumber', 'publicEmail'] as const) {
        if (input[key] !== undefined) {
          (venue as unknown as Record<string, unknown>)[key] = input[key];
        }
      }
      await manager.save(venue);
      const pledge = await manager.findOneOrFail(Pledge, {
        where: { venueId: venue.id },
        relations: { venue: true },
      });
      await this.record(manager, pledge.id, 'VENUE_UPDATED', actor.memberId);
      if (renamed && pledge.status === 'VERIFIED') {
        await manager.update(Pledge, pledge.id, { status: 'SUBMITTED' });
        await this.tellVerifiers(manager, mail, venue);
      }
      return manager.findOneOrFail(Pledge, { where: { id: pledge.id }, relations: { venue: true } });
    });
  }

  /** A change of commitments goes back to the branch for verification. */
  async changeCommitments(actor: Actor, input: ChangeCommitmentsInput): Promise<Pledge> {
    const codes = await this.checkCommitments(input.commitments);
    return this.outbox.transaction(async (manager, mail) => {
      const pledge = await this.lockOwned(manager, actor, input.id);
      if (pledge.status === 'REJECTED') {
        throw new ConflictError(
          'A rejected pledge cannot be changed; register the venue again if things have changed.',
        );
      }
      const nextStatus: PledgeStatus =
        pledge.status === 'AWAITING_CONFIRMATION' ? 'AWAITING_CONFIRMATION' : 'SUBMITTED';
      await manager.update(Pledge, pledge.id, {
        commitments: codes,
        notes: input.notes ?? pledge.notes,
        status: nextStatus,
      });
      await this.record(manager, pledge.id, 'COMMITMENTS_CHANGED', actor.memberId);
      if (nextStatus === 'SUBMITTED' && pledge.status !== 'SUBMITTED') {
        await this.tellVerifiers(manager, mail, pledge.venue!);
      }
      return manager.findOneOrFail(Pledge, { where: { id: pledge.id }, relations: { venue: true } });
    });
  }

  /** A verified pledge runs for another year from now; a lapsed one goes back for verification. */
  async renew(actor: Actor, id: string): Promise<Pledge> {
    return this.outbox.transaction(async (manager, mail) => {
      const pledge = await this.lockOwned(manager, actor, id);
      if (pledge.status === 'VERIFIED') {
        await manager.update(Pledge, pledge.id, {
          expiresAt: plusMonths(new Date(), PLEDGE_MONTHS),
          reminded30At: null,
          reminded7At: null,
        });
      } else if (pledge.status === 'LAPSED') {
        await manager.update(Pledge, pledge.id, { status: 'SUBMITTED' });
        await this.tellVerifiers(manager, mail, pledge.venue!);
      } else {
        throw new ConflictError('Only a verified or lapsed pledge can be renewed.');
      }
      await this.record(manager, pledge.id, 'RENEWED', actor.memberId);
      return manager.findOneOrFail(Pledge, { where: { id: pledge.id }, relations: { venue: true } });
    });
  }

  // ---- organisers ------------------------------------------------------------------------------

  list<T>(actor: Actor, args: PledgesArgs, toNode: (pledge: Pledge) => T): Promise<ConnectionShape<T>> {
    if (args.branchId ? !actor.canManageBranch(args.branchId) : !actor.isAdmin) {
      throw new ForbiddenError('You can see only the pledges of branches you organise.');
    }
    const query = this.dataSource
      .getRepository(Pledge)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.venue', 'v')
      .where(`p.status <> 'AWAITING_CONFIRMATION'`);
    if (args.branchId) {
      query.andWhere('v.branch_id = :branchId', { branchId: args.branchId });
    }
    if (args.status) {
      query.andWhere('p.status = :status', { status: args.status });
    }
    return paginate(query, args, toNode);
  }

  /** VERIFIED, REJECTED or CHANGES_REQUESTED, by the branch's organisers; the owner is emailed. */
  async decide(
    actor: Actor,
    id: string,
    outcome: 'VERIFIED' | 'REJECTED' | 'CHANGES_REQUESTED',
    note: string,
  ): Promise<Pledge> {
    return this.outbox.transaction(async (manager, mail) => {
      const pledge = await manager.findOne(Pledge, {
        where: { id },
        relations: { venue: true },
        lock: { mode: 'pessimistic_write', tables: ['pledge'] },
      });
      if (!pledge || !this.canVerify(actor, pledge.venue!.branchId)) {
        throw new NotFoundError('Pledge');
      }
      await this.refuseOwnPledge(manager, actor, pledge.venue!.ownerId);
      const allowed: PledgeStatus[] =
        outcome === 'REJECTED' ? ['SUBMITTED', 'CHANGES_REQUESTED'] : ['SUBMITTED'];
      if (!allowed.includes(pledge.status)) {
        throw new ConflictError(`A ${pledge.status} pledge cannot become ${outcome}.`);
      }
      if ((outcome === 'REJECTED' || outcome === 'CHANGES_REQUESTED') && !note.trim()) {
        throw new BadUserInputError('Tell the venue why.', [{ field: 'note', message: 'is required' }]);
      }
      const now = new Date();
      await manager.update(Pledge, pledge.id, {
        status: outcome,
        ...(outcome === 'VERIFIED'
          ? {
              verifiedAt: pledge.verifiedAt ?? now,
              expiresAt: plusMonths(now, PLEDGE_MONTHS),
              reminded30At: null,
              reminded7At: null,
            }
          : {}),
      });
      await this.record(manager, pledge.id, outcome, actor.memberId, note);
      const owner = await manager.findOneByOrFail(Member, { id: pledge.venue!.ownerId });
      if (!owner.erasedAt) {
        await mail.add(pledgeDecisionTemplate, owner.email, {
          fullName: owner.fullName,
          venue: pledge.venue!.name,
          outcome: OUTCOME[outcome],
          note,
        });
      }
      return manager.findOneOrFail(Pledge, { where: { id: pledge.id }, relations: { venue: true } });
    });
  }

  history(pledgeIds: readonly string[]): Promise<PledgeDecision[]> {
    return this.dataSource.getRepository(PledgeDecision).find({
      where: { pledgeId: In([...pledgeIds]) },
      order: { createdAt: 'ASC' },
    });
  }

  // ---- the public directory --------------------------------------------------------------------

  directory<T>(args: PledgedVenuesArgs, toNode: (pledge: Pledge) => T): Promise<ConnectionShape<T>> {
    const query = this.dataSource
      .getRepository(Pledge)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.venue', 'v')
      .where(`p.status = 'VERIFIED' AND p.expires_at > now()`);
    if (args.branchSlug) {
      query.andWhere('v.branch_id = (SELECT id FROM branch WHERE slug = :slug)', { slug: args.branchSlug });
    }
    if (args.kind) {
      query.andWhere('v.kind = :kind', { kind: args.kind });
    }
    if (args.commitment) {
      query.andWhere(':commitment = ANY(p.commitments)', { commitment: args.commitment });
    }
    return paginate(query, args, toNode, {
      column: 'verified_at',
      property: 'verifiedAt',
      direction: 'DESC',
    });
  }

  /**
   * Public: a venue's verified, current pledge (with the venue), for its page in the directory. Any
   * other venue, or none, is NOT_FOUND: the same answer whatever the pledge's state.
   */
  async listedPledge(venueId: string): Promise<Pledge> {
    const pledge = UUID.test(venueId)
      ? await this.dataSource
          .getRepository(Pledge)
          .createQueryBuilder('p')
          .innerJoinAndSelect('p.venue', 'v')
          .where(`p.venue_id = :venueId AND p.status = 'VERIFIED' AND p.expires_at > now()`, { venueId })
          .getOne()
      : null;
    if (!pledge) {
      throw new NotFoundError('Venue');
    }
    return pledge;
  }

  async stats(): Promise<{
    verifiedVenues: number;
    byBranch: Array<{ key: string; count: number }>;
    byCommitment: Array<{ key: string; count: number }>;
  }> {
    const live = `FROM pledge p JOIN venue v ON v.id = p.venue_id WHERE p.status = 'VERIFIED' AND p.expires_at > now()`;
    const [{ count }] = await this.dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count ${live}`,
    );
    const byBranch = await this.dataSource.query<Array<{ key: string; count: number }>>(
      `SELECT coalesce(b.slug, 'none') AS key, count(*)::int AS count ${live.replace('WHERE', 'LEFT JOIN branch b ON b.id = v.branch_id WHERE')}
       GROUP BY key ORDER BY key`,
    );
    const byCommitment = await this.dataSource.query<Array<{ key: string; count: number }>>(
      `SELECT c AS key, count(*)::int AS count FROM pledge p, unnest(p.commitments) AS c
       WHERE p.status = 'VERIFIED' AND p.expires_at > now() GROUP BY c ORDER BY c`,
    );
    return { verifiedVenues: count, byBranch, byCommitment };
  }

  // ---- venues as letter targets ------------------------------------------------------------------

  /**
   * Venues in a branch's area without a verified, current pledge that have a public contact
   * address: what a letter campaign "to venues that have not pledged" writes to.
   */
  unpledgedVenues(branchId: string): Promise<Venue[]> {
    return (
      this.dataSource
        .getRepository(Venue)
        .createQueryBuilder('v')
        // Only venues whose owner confirmed and whose pledge was not rejected: nobody can make an
        // address a letter target by registering a venue that does not exist.
        .innerJoin(Pledge, 'p', `p.venue_id = v.id AND p.status NOT IN ('AWAITING_CONFIRMATION', 'REJECTED')`)
        .where('v.branch_id = :branchId AND v.public_email IS NOT NULL', { branchId })
        .andWhere(`NOT (p.status = 'VERIFIED' AND p.expires_at > now())`)
        .orderBy('v.name')
        .getMany()
    );
  }

  // ---- shared ----------------------------------------------------------------------------------

  canVerify(actor: Actor, branchId: string | null): boolean {
    return branchId ? actor.canManageBranch(branchId) : actor.isAdmin;
  }

  async record(
    manager: EntityManager,
    pledgeId: string,
    action: string,
    actorId: string | null,
    note = '',
  ): Promise<void> {
    await manager.insert(PledgeDecision, { pledgeId, action, actorId, note });
  }

  private async checkCommitments(codes: string[]): Promise<string[]> {
    const unique = [...new Set(codes)];
    const live = await this.dataSource
      .getRepository(Commitment)
      .findBy({ code: In(unique), retiredAt: IsNull() });
    const known = new Set(live.map((c) => c.code));
    const unknown = unique.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new BadUserInputError(`Not in the catalogue: ${unknown.join(', ')}.`, [
        { field: 'commitments', message: `unknown or retired: ${unknown.join(', ')}` },
      ]);
    }
    return unique.sort();
  }

  /**
   * Nobody decides on their own venue: not by their own record, nor by another record for an
   * address that reaches them (a `+tag` or dotted form of their own), compared in canonical form.
   */
  private async refuseOwnPledge(manager: EntityManager, actor: Actor, ownerId: string): Promise<void> {
    const people = await manager.findBy(Member, { id: In([ownerId, actor.memberId]) });
    const owner = people.find((m) => m.id === ownerId);
    const self = people.find((m) => m.id === actor.memberId);
    if (ownerId === actor.memberId || (owner && self && mayBeSamePerson(owner.email, self.email))) {
      throw new ForbiddenError('Another organiser must decide on a pledge you registered.');
    }
  }

  private async lockOwned(manager: EntityManager, actor: Actor, id: string): Promise<Pledge> {
    const pledge = await manager.findOne(Pledge, {
      where: { id },
      relations: { venue: true },
      lock: { mode: 'pessimistic_write', tables: ['pledge'] },
    });
    if (!pledge || pledge.venue!.ownerId !== actor.memberId) {
      throw new NotFoundError('Pledge');
    }
    return pledge;
  }

  /** Emails the organisers of the venue's branch (admins where no branch covers it). */
  private async tellVerifiers(manager: EntityManager, mail: Mailbag, venue: Venue): Promise<void> {
    const verifiers = await manager
      .getRepository(Member)
      .createQueryBuilder('m')
      .innerJoin(MemberRole, 'r', 'r.member_id = m.id')
      .where(venue.branchId ? `r.role = 'ORGANISER' AND r.branch_id = :branchId` : `r.role = 'ADMIN'`, {
        branchId: venue.branchId,
      })
      .andWhere('m.erased_at IS NULL')
      .getMany();
    for (const verifier of verifiers) {
      await mail.add(pledgeSubmittedTemplate, verifier.email, {
        fullName: verifier.fullName,
        venue: venue.name,
        area: venue.postcodeDistrict,
      });
    }
  }
}
