import {
  CapacityBelowGoingError,
  EventCancelledError,
  EventFullError,
  EventNotPublishedError,
  EventScopeError,
  EventStateError,
  RsvpCancelledError,
  RsvpClosedError,
} from './events.errors';

describe('events errors', () => {
  it.each([
    [new RsvpClosedError(), 'BAD_USER_INPUT', 'RSVP_CLOSED'],
    [new EventCancelledError('A cancelled event cannot be changed.'), 'CONFLICT', 'EVENT_CANCELLED'],
    [new EventNotPublishedError(), 'CONFLICT', 'EVENT_NOT_PUBLISHED'],
    [new RsvpCancelledError(), 'CONFLICT', 'RSVP_CANCELLED'],
    [new EventFullError(), 'CONFLICT', 'EVENT_FULL'],
    [new CapacityBelowGoingError(3), 'BAD_USER_INPUT', 'CAPACITY_BELOW_GOING'],
    [new EventScopeError(), 'FORBIDDEN', 'NOT_YOUR_BRANCH'],
  ])('%s has a stable code and reason', (error, code, reason) => {
    expect(error).toMatchObject({ code, reason });
  });

  it('keeps every state error an EventStateError', () => {
    expect(new EventCancelledError('x')).toBeInstanceOf(EventStateError);
    expect(new EventNotPublishedError()).toBeInstanceOf(EventStateError);
    expect(new RsvpCancelledError()).toBeInstanceOf(EventStateError);
  });
});
