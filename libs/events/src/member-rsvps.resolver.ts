import { Args, Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, RequireRole } from '@app/core';
import { AttendanceService } from './attendance.service';
import { EventStatusEnum, RsvpStatusEnum } from './event.model';
import { EventStatus } from './event.entity';
import { RsvpStatus } from './rsvp.entity';

@ObjectType('MemberRsvp', { description: "One of a member's replies, with its event." })
export class MemberRsvpModel {
  @Field(() => ID, { description: 'The RSVP id.' })
  id!: string;

  @Field(() => ID)
  eventId!: string;

  @Field()
  eventTitle!: string;

  @Field(() => EventStatusEnum)
  eventStatus!: EventStatus;

  @Field()
  startsAt!: Date;

  @Field(() => RsvpStatusEnum)
  status!: RsvpStatus;

  @Field(() => Date, { nullable: true })
  checkedInAt!: Date | null;

  @Field()
  walkIn!: boolean;
}

/** The member page's list of replies. */
@Resolver()
export class MemberRsvpsResolver {
  constructor(private readonly attendance: AttendanceService) {}

  @RequireRole('ORGANISER')
  @Query(() => [MemberRsvpModel], {
    description:
      "A member's replies to events you manage, newest event first (members of your branches; NOT_FOUND otherwise).",
  })
  async memberRsvps(
    @CurrentActor() actor: Actor,
    @Args('memberId', { type: () => ID }) memberId: string,
  ): Promise<MemberRsvpModel[]> {
    return (await this.attendance.rsvpsOfMember(actor, memberId)).map((r) => ({
      id: r.id,
      eventId: r.eventId,
      eventTitle: r.event.title,
      eventStatus: r.event.status,
      startsAt: r.event.startsAt,
      status: r.status,
      checkedInAt: r.checkedInAt,
      walkIn: r.walkIn,
    }));
  }
}
