import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsEmail, IsUUID, Length } from 'class-validator';
import { ArgsType, Field } from '@nestjs/graphql';
import { BranchesService, BranchModel, toBranchModel } from '@app/branches';
import {
  Actor,
  AppConfig,
  Connection,
  CurrentActor,
  FIELD_COST,
  GraphqlContext,
  Public,
  PublicMutation,
  RequireRole,
} from '@app/core';
import {
  AttendeesArgs,
  BranchAttendanceArgs,
  BranchEventsArgs,
  CheckInArgs,
  CheckInByCodeArgs,
  WalkInArgs,
  CreateEventInput,
  EventsArgs,
  RsvpInput,
  UpdateEventInput,
} from './dto/event.input';
import { toAttendeeModel, toEventModel } from './event.mapper';
import {
  AttendanceModel,
  AttendeeModel,
  BranchAttendanceModel,
  CertificateModel,
  EventModel,
  RsvpResultModel,
} from './event.model';
import { EventsService } from './events.service';
import { AttendanceService } from './attendance.service';
import { RsvpService } from './rsvp.service';

export const EventConnection = Connection(EventModel, 'Event');
export const AttendeeConnection = Connection(AttendeeModel, 'Attendee');

@ArgsType()
class CancelEventArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ description: 'Sent to everyone going or waiting.' })
  @Length(1, 2000)
  message!: string;
}

@ArgsType()
class CheckInByEmailArgs {
  @Field(() => ID)
  @IsUUID()
  eventId!: string;

  @Field()
  @IsEmail()
  email!: string;
}

@Resolver(() => EventModel)
export class EventsResolver {
  constructor(
    private readonly events: EventsService,
    private readonly branches: BranchesService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Query(() => EventConnection, {
    name: 'events',
    description: 'Published events, soonest first (from now unless `from` is given).',
  })
  listEvents(@Args() args: EventsArgs) {
    return this.events.listPublic(args, (e) => toEventModel(e, this.config.publicUrl));
  }

  @RequireRole('ORGANISER')
  @Query(() => EventConnection, {
    description:
      "A branch's events of every status, for its organisers: those not over yet soonest first, or the past ones.",
  })
  branchEvents(@CurrentActor() actor: Actor, @Args() args: BranchEventsArgs) {
    return this.events.listForBranch(actor, args, (e) => toEventModel(e, this.config.publicUrl));
  }

  @Public()
  @Query(() => EventModel, { description: 'A published event; drafts only for their organisers.' })
  async event(
    @CurrentActor() actor: Actor | null,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<EventModel> {
    return toEventModel(await this.events.getVisible(actor, id), this.config.publicUrl);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => EventModel, { description: 'A draft until published.' })
  async createEvent(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateEventInput,
  ): Promise<EventModel> {
    return toEventModel(await this.events.create(actor, input), this.config.publicUrl);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => EventModel)
  async updateEvent(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateEventInput,
  ): Promise<EventModel> {
    return toEventModel(await this.events.update(actor, input), this.config.publicUrl);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => EventModel)
  async publishEvent(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<EventModel> {
    return toEventModel(await this.events.publish(actor, id), this.config.publicUrl);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => EventModel, { description: 'Emails everyone going or waiting.' })
  async cancelEvent(
    @CurrentActor() actor: Actor,
    @Args() { id, message }: CancelEventArgs,
  ): Promise<EventModel> {
    return toEventModel(await this.events.cancel(actor, id, message), this.config.publicUrl);
  }

  @ResolveField(() => BranchModel)
  async branch(@Parent() event: EventModel, @Context() ctx: GraphqlContext): Promise<BranchModel> {
    return toBranchModel((await this.branches.loader(ctx.loaders).load(event.branchId))!);
  }

  @ResolveField(() => Int, { nullable: true })
  async spacesLeft(@Parent() event: EventModel, @Context() ctx: GraphqlContext): Promise<number | null> {
    if (event.capacity === null) {
      return null;
    }
    return Math.max(0, event.capacity - (await this.events.spacesLeftLoader(ctx.loaders).load(event.id)));
  }
}

@Resolver()
export class RsvpResolver {
  constructor(
    private readonly rsvps: RsvpService,
    private readonly attendanceOf: AttendanceService,
  ) {}

  @PublicMutation(() => RsvpResultModel, { name: 'rsvp' })
  async rsvp(@Args('input') input: RsvpInput): Promise<RsvpResultModel> {
    return { status: await this.rsvps.rsvp(input) };
  }

  @PublicMutation(() => Boolean, {
    name: 'cancelRsvp',
    description: 'Frees the place behind an emailed cancel link.',
  })
  async cancelRsvp(@Args('token') token: string): Promise<boolean> {
    await this.rsvps.cancel(token);
    return true;
  }

  @RequireRole('ORGANISER')
  @Query(() => AttendeeConnection, { description: 'In the order people replied.' })
  eventAttendees(@CurrentActor() actor: Actor, @Args() args: AttendeesArgs) {
    return this.attendanceOf.attendees(actor, args, (rsvp) => toAttendeeModel(rsvp, actor));
  }

  @RequireRole('ORGANISER')
  @Query(() => AttendanceModel, { complexity: FIELD_COST.AGGREGATE })
  attendance(@CurrentActor() actor: Actor, @Args('eventId', { type: () => ID }) eventId: string) {
    return this.attendanceOf.attendance(actor, eventId);
  }

  @RequireRole('ORGANISER')
  @Query(() => BranchAttendanceModel, { complexity: FIELD_COST.AGGREGATE })
  branchAttendance(@CurrentActor() actor: Actor, @Args() args: BranchAttendanceArgs) {
    return this.attendanceOf.branchAttendance(actor, args);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => AttendeeModel, { description: 'At a training, also records a certificate.' })
  async checkIn(
    @CurrentActor() actor: Actor,
    @Args() { rsvpId, idempotencyKey }: CheckInArgs,
  ): Promise<AttendeeModel> {
    return toAttendeeModel(await this.rsvps.checkIn(actor, rsvpId, idempotencyKey), actor);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => AttendeeModel, {
    description:
      "With the code from the QR in the person's RSVP email, scanned at the door (organisers of the event's branch).",
  })
  async checkInByCode(
    @CurrentActor() actor: Actor,
    @Args() { eventId, code, idempotencyKey }: CheckInByCodeArgs,
  ): Promise<AttendeeModel> {
    return toAttendeeModel(await this.rsvps.checkInByCode(actor, eventId, code, idempotencyKey), actor);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => AttendeeModel)
  async checkInByEmail(
    @CurrentActor() actor: Actor,
    @Args() { eventId, email }: CheckInByEmailArgs,
  ): Promise<AttendeeModel> {
    return toAttendeeModel(await this.rsvps.checkInByEmail(actor, eventId, email), actor);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => AttendeeModel, { description: 'Someone at the door: RSVP and check-in at once.' })
  async registerWalkIn(
    @CurrentActor() actor: Actor,
    @Args() { input, idempotencyKey }: WalkInArgs,
  ): Promise<AttendeeModel> {
    return toAttendeeModel(await this.rsvps.walkIn(actor, input, idempotencyKey), actor);
  }

  @RequireRole('ORGANISER')
  @Query(() => [CertificateModel], {
    description: "A member's training certificates (members of your branches).",
  })
  async certificates(
    @CurrentActor() actor: Actor,
    @Args('memberId', { type: () => ID }) memberId: string,
  ): Promise<CertificateModel[]> {
    return (await this.attendanceOf.certificates(actor, memberId)).map((c) => ({
      id: c.id,
      trainingKind: c.trainingKind,
      issuedOn: c.issuedOn,
      validUntil: c.validUntil,
      eventId: c.eventId,
      eventTitle: c.event.title,
    }));
  }
}
