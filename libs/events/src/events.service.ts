import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { Branch, BranchesService } from '@app/branches';
import {
  Actor,
  AppConfig,
  canonicalEmail,
  ConnectionShape,
  generateToken,
  hashToken,
  LoaderRegistry,
  NotFoundError,
  paginate,
  RecentlyRead,
} from '@app/core';
import { Mailbag, OutboxService } from '@app/mail';
import { findOrAddPublicMember } from '@app/members';
import { whereText } from './calendar';
import { BranchEventsArgs, CreateEventInput, EventsArgs, UpdateEventInput } from './dto/event.input';
import { CampaignEvent } from './event.entity';
import { applyEventChanges, checkEvent } from './event-rules';
import { EventRepository } from './event.repository';
import { eventCancelledTemplate } from './event.templates';
import { CapacityBelowGoingError, EventCancelledError, EventScopeError } from './events.errors';
import { londonTime } from './london-time';
import { Rsvp } from './rsvp.entity';
import { RsvpMailer } from './rsvp-mailer';
import { RsvpRepository } from './rsvp.repository';

/** Creating, publishing, changing and cancelling events; the public listing. */
@Injectable()
export class EventsService {
  private readonly recent: RecentlyRead<CampaignEvent | null>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventRows: EventRepository,
    private readonly rsvpRows: RsvpRepository,
    private readonly branches: BranchesService,
    private readonly outbox: OutboxService,
    private readonly mailer: RsvpMailer,
    config: AppConfig,
  ) {
    this.recent = new RecentlyRead(() => config.publicReadCacheMs);
  }

  /**
   * The event as read in the last PUBLIC_READ_CACHE_MS, or null if there was none: a crowd replying at once
   * reads it once, not once each. For a public reply's email only, whose statement checks the event
   * is still as read (RsvpRepository.replyIfNew); nothing is decided from it.
   */
  recentlyRead(id: string): Promise<CampaignEvent | null> {
    return this.recent.get(id, () => this.eventRows.findById(id));
  }

  /** Forgets what `recentlyRead` kept of the event (it was found changed). */
  forget(id: string): void {
    this.recent.forget(id);
  }

  async create(actor: Actor, input: CreateEventInput): Promise<CampaignEvent> {
    this.requireBranch(actor, input.branchId);
    const event = this.eventRows.build({
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
    return this.eventRows.save(event);
  }

  /** Changes an event; raising the capacity moves people up from the waitlist, who are emailed. */
  async update(actor: Actor, input: UpdateEventInput): Promise<CampaignEvent> {
    return this.outbox.transaction(async (manager, mail) => {
      const event = await this.lockManaged(actor, manager, input.id);
      if (event.status === 'CANCELLED') {
        throw new EventCancelledError('A cancelled event cannot be changed.');
      }
      if (input.capacity !== undefined && input.capacity !== null) {
        const going = await this.rsvpRows.countGoing(manager, event.id);
        if (input.capacity < going) {
          throw new CapacityBelowGoingError(going);
        }
      }
      if (applyEventChanges(event, input).startsAtMoved) {
        // A new time deserves a new reminder.
        await this.rsvpRows.clearReminders(manager, event.id);
      }
      checkEvent(event);
      const saved = await this.eventRows.save(event, manager);
      await this.mailer.promoteWaitlisted(manager, mail, saved);
      return saved;
    });
  }

  async publish(actor: Actor, id: string): Promise<CampaignEvent> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.lockManaged(actor, manager, id);
      if (event.status === 'CANCELLED') {
        throw new EventCancelledError('A cancelled event cannot be published.');
      }
      event.status = 'PUBLISHED';
      return this.eventRows.save(event, manager);
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
      await this.eventRows.save(event, manager);
      for (const rsvp of await this.rsvpRows.goingOrWaiting(manager, id)) {
        await this.mailCancellation(mail, event, rsvp, message);
      }
      return event;
    });
  }

  /** Published events (and cancelled ones, so people see the news) in time order. */
  listPublic<T>(args: EventsArgs, toNode: (event: CampaignEvent) => T): Promise<ConnectionShape<T>> {
    const query = this.eventRows.publicQuery({ ...args, from: args.from ?? new Date() });
    return paginate(query, args, toNode, { column: 'starts_at', property: 'startsAt', direction: 'ASC' });
  }

  /** A branch's events for its organisers (NOT_FOUND for anyone else): upcoming soonest first, or past. */
  listForBranch<T>(
    actor: Actor,
    args: BranchEventsArgs,
    toNode: (event: CampaignEvent) => T,
  ): Promise<ConnectionShape<T>> {
    if (!actor.canManageBranch(args.branchId)) {
      throw new NotFoundError('Branch');
    }
    return paginate(this.eventRows.branchQuery(args.branchId, args.past), args, toNode, {
      column: 'starts_at',
      property: 'startsAt',
      direction: args.past ? 'DESC' : 'ASC',
    });
  }

  /** A public event, or a draft for its organisers; NOT_FOUND otherwise. */
  async getVisible(actor: Actor | null, id: string): Promise<CampaignEvent> {
    const event = await this.eventRows.findById(id);
    if (!event || (event.status === 'DRAFT' && !actor?.canManageBranch(event.branchId))) {
      throw new NotFoundError('Event');
    }
    return event;
  }

  /** For organisers of the event's branch; NOT_FOUND for anyone else. */
  async getManaged(actor: Actor, id: string, manager?: EntityManager): Promise<CampaignEvent> {
    const event = await this.eventRows.findById(id, manager);
    if (!event || !actor.canManageBranch(event.branchId)) {
      throw new NotFoundError('Event');
    }
    return event;
  }

  async forBranchCalendar(slug: string): Promise<{ branch: Branch; events: CampaignEvent[] }> {
    const branch = await this.branches.bySlug(slug);
    return { branch, events: await this.eventRows.forCalendar(branch.id) };
  }

  /** Places left per event, in one query per request. */
  spacesLeftLoader(loaders: LoaderRegistry): DataLoader<string, number> {
    return loaders.get(
      'eventGoingCount',
      () =>
        new DataLoader<string, number>(async (ids) => {
          const going = await this.rsvpRows.goingCounts(ids);
          return ids.map((id) => going.get(id) ?? 0);
        }),
    );
  }

  private async lockManaged(actor: Actor, manager: EntityManager, id: string): Promise<CampaignEvent> {
    const event = await this.eventRows.lock(manager, id);
    if (!event || !actor.canManageBranch(event.branchId)) {
      throw new NotFoundError('Event');
    }
    return event;
  }

  /**
   * The demo's two published events for a branch, if there are no events yet: a training with room,
   * and a small briefing that two made-up people have filled, so its page offers the waiting list.
   * Their titles, or null. Development and `--demo` only (see seed-demo).
   */
  async seedDemo(branchId: string): Promise<string[] | null> {
    return this.dataSource.transaction(async (manager) => {
      await this.eventRows.lockDemoSeed(manager);
      if ((await this.eventRows.countAll(manager)) > 0) {
        return null;
      }
      const day = 24 * 60 * 60 * 1000;
      // 18:00 UTC in a fortnight and in three weeks: evenings in Dundee whatever the season.
      const at = (days: number): Date => {
        const date = new Date(Date.now() + days * day);
        date.setUTCHours(18, 0, 0, 0);
        return date;
      };
      const training = this.eventRows.build({
        branchId,
        title: 'Naloxone training',
        description:
          'Learn to recognise an opioid overdose and give naloxone, and take a kit home. No experience needed; everyone is welcome.',
        kind: 'TRAINING',
        trainingKind: 'naloxone',
        startsAt: at(14),
        endsAt: new Date(at(14).getTime() + 2 * 60 * 60 * 1000),
        locationName: 'Dundee Central Library',
        locationAddress: 'The Wellgate, Dundee',
        locationPostcode: 'DD1 1DB',
        capacity: 20,
        isTraining: true,
        certificateValidMonths: 36,
        status: 'PUBLISHED',
      });
      const briefing = this.eventRows.build({
        branchId,
        title: 'Welfare volunteers’ briefing',
        description:
          'A short briefing for the volunteers who will run the welfare tent at the summer festival.',
        kind: 'MEETING',
        startsAt: at(21),
        endsAt: new Date(at(21).getTime() + 60 * 60 * 1000),
        locationName: 'Dundee Volunteer Centre',
        locationAddress: 'Seagate, Dundee',
        locationPostcode: 'DD1 2HR',
        capacity: 2,
        isTraining: false,
        status: 'PUBLISHED',
      });
      for (const event of [training, briefing]) {
        checkEvent(event);
        await this.eventRows.save(event, manager);
      }
      for (const fullName of ['Isla Example', 'Euan Example']) {
        const email = `${fullName.split(' ')[0].toLowerCase()}@example.org`;
        const { member } = await findOrAddPublicMember(
          manager,
          { email, fullName, postcode: null, emailOptIn: false, branchId },
          'rsvp',
        );
        await this.rsvpRows.insert(manager, briefing.id, member.id, {
          status: 'GOING',
          walkIn: false,
          // Nobody holds the link of a made-up reply.
          cancelTokenHash: hashToken(generateToken()),
          fullName,
          email,
          emailCanonical: canonicalEmail(email),
          earlierCancelTokenHashes: [],
        });
      }
      return [training.title, briefing.title];
    });
  }

  private requireBranch(actor: Actor, branchId: string): void {
    if (!actor.canManageBranch(branchId)) {
      throw new EventScopeError();
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
