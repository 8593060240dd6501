import { BadUserInputError } from '@app/core';
import type { Certificate } from './certificate.entity';
import type { UpdateEventInput } from './dto/event.input';
import type { CampaignEvent } from './event.entity';
import { addMonths, londonDate } from './london-time';

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

/**
 * Copies the fields the input gives onto the event (undefined: unchanged; null clears what may be
 * cleared). Says whether the start moved, which calls for new reminders.
 */
export function applyEventChanges(
  event: CampaignEvent,
  input: Omit<UpdateEventInput, 'id'>,
): { startsAtMoved: boolean } {
  let startsAtMoved = false;
  if (input.title !== undefined) {
    event.title = input.title;
  }
  if (input.description !== undefined) {
    event.description = input.description;
  }
  if (input.startsAt !== undefined && input.startsAt.getTime() !== event.startsAt.getTime()) {
    event.startsAt = input.startsAt;
    startsAtMoved = true;
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
    event.capacity = input.capacity;
  }
  if (input.rsvpClosesAt !== undefined) {
    event.rsvpClosesAt = input.rsvpClosesAt;
  }
  return { startsAtMoved };
}

/** The certificate a check-in at a training earns (dated the day it started), or null. */
export function certificateFor(
  event: Pick<CampaignEvent, 'id' | 'isTraining' | 'trainingKind' | 'certificateValidMonths' | 'startsAt'>,
  memberId: string,
): Pick<Certificate, 'memberId' | 'eventId' | 'trainingKind' | 'issuedOn' | 'validUntil'> | null {
  if (!event.isTraining || !event.trainingKind || !event.certificateValidMonths) {
    return null;
  }
  const issuedOn = londonDate(event.startsAt);
  return {
    memberId,
    eventId: event.id,
    trainingKind: event.trainingKind,
    issuedOn,
    validUntil: addMonths(issuedOn, event.certificateValidMonths),
  };
}
