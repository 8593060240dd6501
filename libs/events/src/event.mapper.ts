import { Actor } from '@app/core';
import { Attendance } from './attendance';
import { CampaignEvent } from './event.entity';
import { AttendeeModel, EventModel } from './event.model';
import { londonTime } from './london-time';
import { Rsvp } from './rsvp.entity';

export function toEventModel(event: CampaignEvent, publicUrl: string): EventModel {
  return {
    id: event.id,
    title: event.title,
    description: event.description,
    kind: event.kind,
    trainingKind: event.trainingKind,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    startsAtLocal: londonTime(event.startsAt),
    location: event.locationName
      ? { name: event.locationName, address: event.locationAddress, postcode: event.locationPostcode }
      : null,
    onlineUrl: event.onlineUrl,
    capacity: event.capacity,
    rsvpClosesAt: event.rsvpClosesAt,
    isTraining: event.isTraining,
    certificateValidMonths: event.certificateValidMonths,
    status: event.status,
    cancelMessage: event.cancelMessage,
    calendarUrl: `${publicUrl}/events/${event.id}.ics`,
    branchId: event.branchId,
  };
}

/**
 * What the event's organisers see of a reply: what was given with it, never the member record's
 * own details, and the member id only of a record in a branch the viewer manages (a reply the person
 * chose to keep with their membership elsewhere, once they confirmed, shows none).
 */
export function toAttendeeModel(rsvp: Rsvp, viewer: Actor): AttendeeModel {
  return {
    id: rsvp.id,
    status: rsvp.status,
    memberId: rsvp.member && viewer.canManageBranch(rsvp.member.branchId) ? rsvp.memberId : null,
    fullName: rsvp.fullName,
    email: rsvp.email,
    walkIn: rsvp.walkIn,
    checkedInAt: rsvp.checkedInAt,
    repliedAt: rsvp.queuedAt,
  };
}

export type { Attendance };
