import { BadUserInputError, ConflictError } from '@app/core';

export class RsvpClosedError extends BadUserInputError {
  constructor() {
    super('Replies for this event have closed.', [{ field: 'eventId', message: 'is not taking replies' }]);
  }
}

export class EventStateError extends ConflictError {
  constructor(message: string) {
    super(message);
  }
}

export class EventFullError extends ConflictError {
  constructor() {
    super('The event is full.');
  }
}
