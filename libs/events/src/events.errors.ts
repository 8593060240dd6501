import { BadUserInputError, ConflictError, ForbiddenError } from '@app/core';

/** Replying to a cancelled event, or after replies closed (at `rsvpClosesAt`, else at the start). */
export class RsvpClosedError extends BadUserInputError {
  constructor() {
    super(
      'Replies for this event have closed.',
      [{ field: 'eventId', message: 'is not taking replies' }],
      'RSVP_CLOSED',
    );
  }
}

/** The event (or the reply) is not in a state that allows this. */
export class EventStateError extends ConflictError {
  constructor(message: string, reason: string) {
    super(message, reason);
  }
}

/** A cancelled event stays as it was cancelled. */
export class EventCancelledError extends EventStateError {
  constructor(message: string) {
    super(message, 'EVENT_CANCELLED');
  }
}

/** Check-ins are for a published event that is going ahead. */
export class EventNotPublishedError extends EventStateError {
  constructor() {
    super('Only a published event that is going ahead takes check-ins.', 'EVENT_NOT_PUBLISHED');
  }
}

/** A cancelled reply is not checked in (the person replies again, or walks in). */
export class RsvpCancelledError extends EventStateError {
  constructor() {
    super('This RSVP was cancelled.', 'RSVP_CANCELLED');
  }
}

/** No place left: capacity holds at the door too. */
export class EventFullError extends ConflictError {
  constructor() {
    super('The event is full.', 'EVENT_FULL');
  }
}

/** Places already given are kept: the capacity cannot go below them. */
export class CapacityBelowGoingError extends BadUserInputError {
  constructor(going: number) {
    super(
      `${going} people already have a place; the capacity cannot go below that.`,
      [{ field: 'capacity', message: `must be at least ${going}` }],
      'CAPACITY_BELOW_GOING',
    );
  }
}

export class EventScopeError extends ForbiddenError {
  constructor() {
    super('You can create events only for branches you organise.', 'NOT_YOUR_BRANCH');
  }
}

/** An idempotency key already used for a check-in at another event. */
export class CheckInKeyReusedError extends ConflictError {
  constructor() {
    super('This idempotency key was already used for another check-in.', 'IDEMPOTENCY_KEY_REUSED');
  }
}
