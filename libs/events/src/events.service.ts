import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In } from 'typeorm';
import { Branch } from '@app/branches';
import {
  Actor,
  BadUserInputError,
  ConnectionShape,
  ForbiddenError,
  LoaderRegistry,
  NotFoundError,
  paginate,
} from '@app/core';
import { Mailbag, OutboxService } from '@app/mail';
import { whereText } from './calendar';
import { CreateEventInput, EventsArgs, UpdateEventInput } from './dto/event.input';
import { CampaignEvent } from './event.entity';
import { eventCancelledTemplate } from './event.templates';
import { EventStateError } from './events.errors';
import { londonTime } from './london-time';
import { Rsvp } from './rsvp.entity';
import { RsvpMailer } from './rsvp-mailer';

/** Creating, publishing, changing and cancelling events; the public listing. */
@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly mailer: RsvpMailer,
  ) {}

  async create(actor: Actor, input: CreateEventInput): Promise<CampaignEvent> {
    this.requireBranch(actor, input.branchId);
    const event = this.dataSource.getRepository(CampaignEvent).create({
      branchId: input.branchId,
      title: input.title,
      description: input.description,
      kind: input.kind,
      trainingKind: input.trainingKind ?? null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      locationName: input.location?.name ?? null,
      locationAddress: input.location?.address ?? null,
      locationPostcode: input.location?.postcode ?? null,
      onlineUrl: input.onlineUrl ?? null,
      capacity: input.capacity ?? null,
      rsvpClosesAt: input.rsvpClosesAt ?? null,
      isTraining: input.isTraining,
      certificateValidMonths: input.certificateValidMonths ?? null,
      status: 'DRAFT',
      createdById: actor.memberId,
    });
    checkEvent(event);
    return this.dataSource.getRepository(CampaignEvent).save(event);
  }

  /** Changes an event; raising the capacity moves people up from the waitlist, who are emailed. */
  async update(actor: Actor, input: UpdateEventInput): Promise<CampaignEvent> {
    return this.outbox.transaction(async (manager, mail) => {
      const event = await this.lockManaged(actor, manager, input.id);
      if (event.status === 'CANCELLED') {
        throw new EventStateError('A cancelled event cannot be changed.');
      }
      if (input.title !== undefined) {
        event.title = input.title;
      }
      if (input.description !== undefined) {
        event.description = input.description;
      }
      if (input.startsAt !== undefined && input.startsAt.getTime() !== event.startsAt.getTime()) {
        event.startsAt = input.startsAt;
        // A new time deserves a new reminder.
        await manager.update(Rsvp, { eventId: event.id }, { reminderSentAt: null });
      }
      if (input.endsAt !== undefined) {
        event.endsAt = input.endsAt;
      }
      if (input.location !== undefined) {
        event.locationName = input.location?.name ?? null;
        event.locationAddress = input.location?.address ?? null;
        event.locationPostcode = input.location?.postcode ?? null;
      }
      if (input.onlineUrl !== undefined) {
        event.onlineUrl = input.onlineUrl;
      }
      if (input.capacity !== undefined) {
        const going = await manager.countBy(Rsvp, { eventId: event.id, status: 'GOING' });
        if (input.capacity !== null && input.capacity < going) {
          throw new BadUserInputError(
            `${going} people already have a place; the capacity cannot go below that.`,
            [{ field: 'capacity', message: `must be at least ${going}` }],
          );
        }
        event.capacity = input.capacity;
      }
      if (input.rsvpClosesAt !== undefined) {
        event.rsvpClosesAt = input.rsvpClosesAt;
      }
      checkEvent(event);
      const saved = await manager.save(event);
      await this.mailer.promoteWaitlisted(manager, mail, saved);
      return saved;
    });
  }

  async publish(actor: Actor, id: string): Promise<CampaignEvent> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.lockManaged(actor, manager, id);
      if (event.status === 'CANCELLED') {
        throw new EventStateError('A cancelled event cannot be published.');
      }
      event.status = 'PUBLISHED';
      return manager.save(event);
    });
  }

  /** Cancels the event and emails everyone going or waiting, with the organisers' message. */
  async cancel(actor: Actor, id: string, message: string): Promise<CampaignEvent> {
    return this.outbox.transaction(async (manager, mail) => {
      const event = await this.lockManaged(actor, manager, id);
      if (event.status === 'CANCELLED') {
        return event;
      }
      event.status = 'CANCELLED';
      event.cancelMessage = message;
      await manager.save(event);
      const attendees = await manager.find(Rsvp, {
        where: { eventId: id, status: In(['GOING', 'WAITLISTED']) },
      });
      for (const rsvp of attendees) {
        await this.mailCancellation(mail, event, rsvp, message);
      }
      return event;
    });
  }

  /** Published events (and cancelled ones, so people see the news) in time order. */
  listPublic<T>(args: EventsArgs, toNode: (event: CampaignEvent) => T): Promise<ConnectionShape<T>> {
    const query = this.dataSource
      .getRepository(CampaignEvent)
      .createQueryBuilder('e')
      .where(`e.status IN ('PUBLISHED', 'CANCELLED')`)
      .andWhere('e.starts_at >= :from', { from: args.from ?? new Date() });
    if (args.to) {
      query.andWhere('e.starts_at < :to', { to: args.to });
    }
    if (args.kind) {
      query.andWhere('e.kind = :kind', { kind: args.kind });
    }
    if (args.branchSlug) {
      query.andWhere('e.branch_id = (SELECT id FROM branch WHERE slug = :slug)', { slug: args.branchSlug });
    }
    return paginate(query, args, toNode, { column: 'starts_at', property: 'startsAt', direction: 'ASC' });
  }

  /** A public event, or a draft for its organisers; NOT_FOUND otherwise. */
  async getVisible(actor: Actor | null, id: string): Promise<CampaignEvent> {
    const event = await this.dataSource.getRepository(CampaignEvent).findOneBy({ id });
    if (!event || (event.status === 'DRAFT' && !actor?.canManageBranch(event.branchId))) {
      throw new NotFoundError('Event');
    }
    return event;
  }

  /** For organisers of the event's branch; NOT_FOUND for anyone else. */
  async getManaged(
    actor: Actor,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CampaignEvent> {
    const event = await manager.findOneBy(CampaignEvent, { id });
    if (!event || !actor.canManageBranch(event.branchId)) {
      throw new NotFoundError('Event');
    }
    return event;
  }

  async forBranchCalendar(slug: string): Promise<{ branch: Branch; events: CampaignEvent[] }> {
    const branch = await this.dataSource.getRepository(Branch).findOneBy({ slug });
    if (!branch) {
      throw new NotFoundError('Branch');
    }
    const events = await this.dataSource
      .getRepository(CampaignEvent)
      .createQueryBuilder('e')
      .where(`e.branch_id = :branchId AND e.status IN ('PUBLISHED', 'CANCELLED')`, { branchId: branch.id })
      .andWhere(`e.ends_at > now() - interval '30 days'`)
      .orderBy('e.starts_at')
      .limit(500)
      .getMany();
    return { branch, events };
  }

  /** Places left per event, in one query per request. */
  spacesLeftLoader(loaders: LoaderRegistry): DataLoader<string, number> {
    return loaders.get(
      'eventGoingCount',
      () =>
        new DataLoader<string, number>(async (ids) => {
          const rows = await this.dataSource.query<Array<{ event_id: string; going: number }>>(
            `SELECT event_id, count(*)::int AS going FROM rsvp WHERE event_id = ANY($1::uuid[]) AND status = 'GOING' GROUP BY event_id`,
            [ids],
          );
          const going = new Map(rows.map((r) => [r.event_id, r.going]));
          return ids.map((id) => going.get(id) ?? 0);
        }),
    );
  }

  private async lockManaged(actor: Actor, manager: EntityManager, id: string): Promise<CampaignEvent> {
    const event = await manager.findOne(CampaignEvent, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!event || !actor.canManageBranch(event.branchId)) {
      throw new NotFoundError('Event');
    }
    return event;
  }

  private requireBranch(actor: Actor, branchId: string): void {
    if (!actor.canManageBranch(branchId)) {
      throw new ForbiddenError('You can create events only for branches you organise.');
    }
  }

  /** To the address given with the reply, greeting them by the name given with it. */
  private async mailCancellation(
    mail: Mailbag,
    event: CampaignEvent,
    rsvp: Rsvp,
    message: string,
  ): Promise<void> {
    await mail.add(eventCancelledTemplate, rsvp.email, {
      fullName: rsvp.fullName,
      title: event.title,
      when: londonTime(event.startsAt),
      where: whereText(event),
      message,
    });
  }
}

/** The rules an event must keep, whoever changes it. */
export function checkEvent(event: CampaignEvent): void {
  const problems: Array<{ field: string; message: string }> = [];
  if (event.endsAt <= event.startsAt) {
    problems.push({ field: 'endsAt', message: 'must be after startsAt' });
  }
  if (!event.locationName && !event.onlineUrl) {
    problems.push({ field: 'location', message: 'give a location or an onlineUrl' });
  }
  if (event.rsvpClosesAt && event.rsvpClosesAt > event.startsAt) {
    problems.push({ field: 'rsvpClosesAt', message: 'must not be after startsAt' });
  }
  if (event.isTraining && (!event.trainingKind || !event.certificateValidMonths)) {
    problems.push({
      field: 'certificateValidMonths',
      message: 'a training needs trainingKind and certificateValidMonths',
    });
  }
  if (problems.length > 0) {
    throw new BadUserInputError(`Please check: ${problems.map((p) => p.field).join(', ')}.`, problems);
  }
}
