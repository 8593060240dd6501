import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, ConnectionShape, mayBeSamePerson, NotFoundError, paginate } from '@app/core';
import { Mailbag, OutboxService } from '@app/mail';
import { MemberRepository } from '@app/members';
import { PledgesArgs } from './dto/pledge.input';
import { PLEDGE_MONTHS, plusMonths } from './pledge-dates';
import { PledgeDecision } from './pledge-decision.entity';
import { Pledge, PledgeStatus } from './pledge.entity';
import { PledgeRepository } from './pledge.repository';
import { pledgeDecisionTemplate, pledgeSubmittedTemplate } from './pledge.templates';
import {
  DecisionNoteRequiredError,
  OwnPledgeError,
  PledgeScopeError,
  PledgeStepError,
} from './pledges.errors';
import { Venue } from './venue.entity';

export type PledgeOutcome = 'VERIFIED' | 'REJECTED' | 'CHANGES_REQUESTED';

const OUTCOME: Record<PledgeOutcome, string> = {
  VERIFIED: 'verified, and listed in the directory',
  REJECTED: 'not accepted',
  CHANGES_REQUESTED: 'changes are needed before it can be verified',
};

/**
 * Verification: the organisers of the branch covering a venue (admins where no branch does) see its
 * pledge once the owner confirmed it, and verify it, reject it or ask for changes; the owner is
 * emailed. Every step is recorded with who took it.
 */
@Injectable()
export class PledgeVerificationService {
  constructor(
    private readonly pledges: PledgeRepository,
    private readonly members: MemberRepository,
    private readonly outbox: OutboxService,
  ) {}

  list<T>(actor: Actor, args: PledgesArgs, toNode: (pledge: Pledge) => T): Promise<ConnectionShape<T>> {
    if (args.branchId ? !actor.canManageBranch(args.branchId) : !actor.isAdmin) {
      throw new PledgeScopeError();
    }
    return paginate(this.pledges.listQuery(args), args, toNode);
  }

  /** VERIFIED, REJECTED or CHANGES_REQUESTED, by the branch's organisers; the owner is emailed. */
  async decide(actor: Actor, id: string, outcome: PledgeOutcome, note: string): Promise<Pledge> {
    return this.outbox.transaction(async (manager, mail) => {
      const pledge = await this.pledges.lock(manager, id);
      if (!pledge || !this.canVerify(actor, pledge.venue!.branchId)) {
        throw new NotFoundError('Pledge');
      }
      await this.refuseOwnPledge(manager, actor, pledge.venue!.ownerId);
      const allowed: PledgeStatus[] =
        outcome === 'REJECTED' ? ['SUBMITTED', 'CHANGES_REQUESTED'] : ['SUBMITTED'];
      if (!allowed.includes(pledge.status)) {
        throw new PledgeStepError(pledge.status, outcome);
      }
      if ((outcome === 'REJECTED' || outcome === 'CHANGES_REQUESTED') && !note.trim()) {
        throw new DecisionNoteRequiredError();
      }
      const now = new Date();
      await this.pledges.update(manager, pledge.id, {
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
      await this.pledges.record(manager, {
        pledgeId: pledge.id,
        action: outcome,
        actorId: actor.memberId,
        note,
      });
      const owner = await this.members.getById(pledge.venue!.ownerId, manager);
      if (!owner.erasedAt) {
        await mail.add(pledgeDecisionTemplate, owner.email, {
          fullName: owner.fullName,
          venue: pledge.venue!.name,
          outcome: OUTCOME[outcome],
          note,
        });
      }
      return this.pledges.withVenue(manager, pledge.id);
    });
  }

  history(pledgeIds: readonly string[]): Promise<PledgeDecision[]> {
    return this.pledges.history(pledgeIds);
  }

  canVerify(actor: Actor, branchId: string | null): boolean {
    return branchId ? actor.canManageBranch(branchId) : actor.isAdmin;
  }

  /** Emails the organisers of the venue's branch (admins where no branch covers it) to verify it. */
  async askToVerify(manager: EntityManager, mail: Mailbag, venue: Venue): Promise<void> {
    for (const verifier of await this.members.managersOf(venue.branchId, manager)) {
      await mail.add(pledgeSubmittedTemplate, verifier.email, {
        fullName: verifier.fullName,
        venue: venue.name,
        area: venue.postcodeDistrict,
      });
    }
  }

  /**
   * Nobody decides on their own venue: not by their own record, nor by another record for an
   * address that reaches them (a `+tag` or dotted form of their own), compared in canonical form.
   */
  private async refuseOwnPledge(manager: EntityManager, actor: Actor, ownerId: string): Promise<void> {
    const people = await this.members.contactsByIds([ownerId, actor.memberId], manager);
    const owner = people.find((m) => m.id === ownerId);
    const self = people.find((m) => m.id === actor.memberId);
    if (ownerId === actor.memberId || (owner && self && mayBeSamePerson(owner.email, self.email))) {
      throw new OwnPledgeError();
    }
  }
}
