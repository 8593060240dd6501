import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  AppConfig,
  AuditService,
  ConnectionArgs,
  ConnectionShape,
  hashToken,
  NotFoundError,
  paginate,
} from '@app/core';
import { EventRepository } from '@app/events';
import { OutboxService } from '@app/mail';
import { type Member, MemberRepository, unsubscribeFromMailing } from '@app/members';
import { PetitionRepository } from '@app/petitions';
import { CreateMailingInput, MailingAudienceInput, UpdateMailingInput } from './dto/mailing.input';
import { compileMailing, mailingValues, RenderedMailing } from './mailing-body';
import { MailingSender } from './mailing-sender';
import { Mailing, MailingAudience, MailingStatus } from './mailing.entity';
import { MailingRepository, MailingStats } from './mailing.repository';
import { mailingTestTemplate } from './mailing.templates';
import {
  invalidUnsubscribeLink,
  MailingAudienceEventError,
  MailingAudiencePetitionError,
  MailingContentError,
  MailingContentNotAcceptedError,
  MailingFiguresScopeError,
  MailingListScopeError,
  MailingScopeError,
  MailingSendAtPastError,
  MailingStateError,
} from './mailings.errors';

/** Checks a mailing's subject and body when saved: raw HTML and unknown or broken placeholders are refused. */
export function checkContent(subject: string, body: string): void {
  try {
    compileMailing(subject, body);
  } catch (error) {
    if (!(error instanceof MailingContentError)) {
      throw error;
    }
    throw new MailingContentNotAcceptedError(error);
  }
}

function audienceOf(input: MailingAudienceInput | null | undefined): MailingAudience {
  const audience: MailingAudience = {};
  if (input?.tags?.length) {
    audience.tags = [...new Set(input.tags)];
  }
  if (input?.anyTags?.length) {
    audience.anyTags = [...new Set(input.anyTags)];
  }
  if (input?.joinedAfter) {
    audience.joinedAfter = input.joinedAfter.toISOString();
  }
  if (input?.postcodeAreas?.length) {
    audience.postcodeAreas = [...new Set(input.postcodeAreas)];
  }
  if (input?.eventId) {
    audience.eventId = input.eventId;
  }
  if (input?.petitionId) {
    audience.petitionId = input.petitionId;
  }
  return audience;
}

export interface MailingFilter {
  branchId?: string | null;
  status?: MailingStatus | null;
}

/**
 * Mailings, for branch organisers (their branches) and admins (every branch, and national mailings
 * to everyone). Every send, test and cancellation is in the audit log.
 */
@Injectable()
export class MailingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: MailingRepository,
    private readonly members: MemberRepository,
    private readonly events: EventRepository,
    private readonly petitions: PetitionRepository,
    private readonly sender: MailingSender,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: CreateMailingInput): Promise<Mailing> {
    const branchId = input.branchId ?? null;
    if (!actor.canManageBranch(branchId)) {
      throw new MailingScopeError(!branchId);
    }
    checkContent(input.subject, input.body);
    const audience = audienceOf(input.audience);
    return this.dataSource.transaction(async (manager) => {
      await this.checkAudience(manager, actor, branchId, audience);
      return this.repository.create(
        {
          branchId,
          subject: input.subject,
          body: input.body,
          audience,
          status: 'DRAFT',
          createdById: actor.memberId,
        },
        manager,
      );
    });
  }

  async update(actor: Actor, input: UpdateMailingInput): Promise<Mailing> {
    return this.dataSource.transaction(async (manager) => {
      const mailing = await this.lockManaged(actor, manager, input.id);
      if (mailing.status !== 'DRAFT' && mailing.status !== 'SCHEDULED') {
        throw new MailingStateError('changed', mailing.status);
      }
      const subject = input.subject ?? mailing.subject;
      const body = input.body ?? mailing.body;
      checkContent(subject, body);
      if (input.audience !== undefined && input.audience !== null) {
        mailing.audience = audienceOf(input.audience);
        await this.checkAudience(manager, actor, mailing.branchId, mailing.audience);
      }
      mailing.subject = subject;
      mailing.body = body;
      return this.repository.save(mailing, manager);
    });
  }

  async get(actor: Actor, id: string): Promise<Mailing> {
    const mailing = await this.repository.findById(id);
    if (!mailing || !actor.canManageBranch(mailing.branchId)) {
      throw new NotFoundError('Mailing');
    }
    return mailing;
  }

  /** Newest first: a branch's (its organisers), or every one the actor may see. */
  list<T>(
    actor: Actor,
    filter: MailingFilter,
    args: ConnectionArgs,
    toNode: (mailing: Mailing) => T,
  ): Promise<ConnectionShape<T>> {
    if (filter.branchId && !actor.canManageBranch(filter.branchId)) {
      throw new MailingListScopeError();
    }
    const query = this.repository.listQuery({
      branchId: filter.branchId,
      // Everyone's for admins; otherwise the branches the actor organises.
      branchIds: actor.isAdmin ? null : [...actor.organiserOf],
      status: filter.status,
    });
    return paginate(query, args, toNode);
  }

  /** The subject and body as one member of the audience's branch would get them. */
  async preview(actor: Actor, id: string, memberId: string): Promise<RenderedMailing> {
    const mailing = await this.get(actor, id);
    const member = await this.members.findById(memberId);
    if (!member || member.erasedAt || (mailing.branchId && member.branchId !== mailing.branchId)) {
      throw new NotFoundError('Member', [
        { field: 'memberId', message: 'is not a member of the mailing’s branch' },
      ]);
    }
    return this.render(
      undefined,
      mailing,
      member,
      `${this.config.publicUrl}/mailings/unsubscribe?token=preview`,
    );
  }

  async audienceCount(actor: Actor, id: string): Promise<number> {
    const mailing = await this.get(actor, id);
    return this.repository.countAudience(mailing);
  }

  /** A copy to the organiser asking, marked TEST; it never counts in the mailing's figures. */
  async sendTest(actor: Actor, id: string): Promise<boolean> {
    const mailing = await this.get(actor, id);
    return this.outbox.transaction(async (manager, mail) => {
      const me = await this.members.getById(actor.memberId, manager);
      const rendered = await this.render(
        manager,
        mailing,
        me,
        `${this.config.publicUrl}/mailings/unsubscribe?token=test`,
      );
      await mail.add(mailingTestTemplate, me.email, rendered);
      await this.audit.record(
        {
          action: 'mailing.test',
          actorId: actor.memberId,
          branchId: mailing.branchId,
          subjectId: mailing.id,
        },
        manager,
      );
      return true;
    });
  }

  /** DRAFT (or SCHEDULED, to move it) → SCHEDULED: sending starts at `sendAt`. */
  async schedule(actor: Actor, id: string, sendAt: Date): Promise<Mailing> {
    if (sendAt.getTime() <= Date.now()) {
      throw new MailingSendAtPastError();
    }
    const mailing = await this.dataSource.transaction(async (manager) => {
      const found = await this.lockManaged(actor, manager, id);
      if (found.status !== 'DRAFT' && found.status !== 'SCHEDULED') {
        throw new MailingStateError('scheduled', found.status);
      }
      found.status = 'SCHEDULED';
      found.sendAt = sendAt;
      await this.audit.record(
        {
          action: 'mailing.schedule',
          actorId: actor.memberId,
          branchId: found.branchId,
          subjectId: found.id,
          detail: { sendAt },
        },
        manager,
      );
      return this.repository.save(found, manager);
    });
    await this.sender.queueSend(mailing.id, sendAt.getTime() - Date.now());
    return mailing;
  }

  /** DRAFT or SCHEDULED → SENDING now: the audience is fixed, and the worker sends. */
  async send(actor: Actor, id: string): Promise<Mailing> {
    const mailing = await this.dataSource.transaction(async (manager) => {
      const found = await this.lockManaged(actor, manager, id);
      if (found.status !== 'DRAFT' && found.status !== 'SCHEDULED') {
        throw new MailingStateError('sent', found.status);
      }
      found.sendAt = new Date();
      const audience = await this.sender.start(manager, found);
      await this.audit.record(
        {
          action: 'mailing.send',
          actorId: actor.memberId,
          branchId: found.branchId,
          subjectId: found.id,
          rowCount: audience,
        },
        manager,
      );
      return found;
    });
    await this.sender.queueSend(mailing.id);
    return mailing;
  }

  /** SENDING → PAUSED: mail written but not yet sent is taken back (sent again on resume). */
  async pause(actor: Actor, id: string): Promise<Mailing> {
    return this.dataSource.transaction(async (manager) => {
      const mailing = await this.lockManaged(actor, manager, id);
      if (mailing.status !== 'SENDING') {
        throw new MailingStateError('paused', mailing.status);
      }
      mailing.status = 'PAUSED';
      mailing.pauseReason = null;
      await this.repository.save(mailing, manager);
      await this.repository.withdraw(manager, mailing.id, 'PENDING');
      await this.audit.record(
        {
          action: 'mailing.pause',
          actorId: actor.memberId,
          branchId: mailing.branchId,
          subjectId: mailing.id,
        },
        manager,
      );
      return mailing;
    });
  }

  /** PAUSED → SENDING: carries on with the people not yet sent to. */
  async resume(actor: Actor, id: string): Promise<Mailing> {
    const mailing = await this.dataSource.transaction(async (manager) => {
      const found = await this.lockManaged(actor, manager, id);
      if (found.status !== 'PAUSED') {
        throw new MailingStateError('resumed', found.status);
      }
      found.status = 'SENDING';
      found.pauseReason = null;
      found.consecutiveFailures = 0;
      await this.audit.record(
        { action: 'mailing.resume', actorId: actor.memberId, branchId: found.branchId, subjectId: found.id },
        manager,
      );
      return this.repository.save(found, manager);
    });
    await this.sender.queueSend(mailing.id);
    return mailing;
  }

  /** Anything not yet SENT → CANCELLED: nobody else gets it. */
  async cancel(actor: Actor, id: string): Promise<Mailing> {
    return this.dataSource.transaction(async (manager) => {
      const mailing = await this.lockManaged(actor, manager, id);
      if (mailing.status === 'SENT' || mailing.status === 'CANCELLED') {
        throw new MailingStateError('cancelled', mailing.status);
      }
      const withdrawn = await this.repository.withdraw(manager, mailing.id, 'CANCELLED');
      mailing.status = 'CANCELLED';
      mailing.cancelledAt = new Date();
      await this.repository.save(mailing, manager);
      await this.audit.record(
        {
          action: 'mailing.cancel',
          actorId: actor.memberId,
          branchId: mailing.branchId,
          subjectId: mailing.id,
          rowCount: withdrawn,
        },
        manager,
      );
      return mailing;
    });
  }

  /** For those who manage the mailing only (FORBIDDEN otherwise). */
  async stats(
    actor: Actor | null,
    mailing: { id: string; branchId: string | null; status: MailingStatus },
  ): Promise<MailingStats & { byDay: Awaited<ReturnType<MailingRepository['perDay']>> }> {
    if (!actor?.canManageBranch(mailing.branchId)) {
      throw new MailingFiguresScopeError();
    }
    const stats = await this.repository.stats(mailing.id);
    if (mailing.status === 'DRAFT' || mailing.status === 'SCHEDULED') {
      const full = await this.repository.getById(mailing.id);
      stats.audience = await this.repository.countAudience(full);
      stats.queued = stats.audience;
    }
    return { ...stats, byDay: await this.repository.perDay(mailing.id) };
  }

  /**
   * One-click unsubscribe from a mailing's link (RFC 8058): the person leaves campaign email, with a
   * consent change naming the mailing. A second use changes nothing.
   */
  async unsubscribe(token: string): Promise<void> {
    if (!token) {
      throw invalidUnsubscribeLink();
    }
    await this.dataSource.transaction(async (manager) => {
      const recipient = await this.repository.byUnsubscribeToken(manager, hashToken(token));
      if (!recipient) {
        throw invalidUnsubscribeLink();
      }
      if (recipient.unsubscribedAt) {
        return;
      }
      await this.repository.markUnsubscribed(manager, recipient.mailingId, recipient.memberId);
      await unsubscribeFromMailing(manager, recipient.memberId, recipient.mailingId);
    });
  }

  private async render(
    manager: EntityManager | undefined,
    mailing: Mailing,
    member: Member,
    unsubscribeLink: string,
  ): Promise<RenderedMailing> {
    const branchName = await this.sender.branchName(manager, mailing.branchId);
    return compileMailing(mailing.subject, mailing.body).render(mailingValues(member, branchName), {
      from: branchName,
      unsubscribeLink,
    });
  }

  /** An event or petition audience must be one the actor manages (the branch's own, or national). */
  private async checkAudience(
    manager: EntityManager,
    actor: Actor,
    branchId: string | null,
    audience: MailingAudience,
  ): Promise<void> {
    if (audience.eventId) {
      const event = await this.events.findById(audience.eventId, manager);
      if (!event || !actor.canManageBranch(event.branchId) || (branchId && event.branchId !== branchId)) {
        throw new MailingAudienceEventError();
      }
    }
    if (audience.petitionId) {
      const petition = await this.petitions.findById(audience.petitionId, manager);
      if (
        !petition ||
        (petition.branchId !== null &&
          (!actor.canManageBranch(petition.branchId) || (branchId && petition.branchId !== branchId)))
      ) {
        throw new MailingAudiencePetitionError();
      }
    }
  }

  private async lockManaged(actor: Actor, manager: EntityManager, id: string): Promise<Mailing> {
    const mailing = await this.repository.lock(manager, id);
    if (!mailing || !actor.canManageBranch(mailing.branchId)) {
      throw new NotFoundError('Mailing');
    }
    return mailing;
  }
}
