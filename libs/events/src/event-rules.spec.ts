import { BadUserInputError } from '@app/core';
import type { CampaignEvent } from './event.entity';
import { applyEventChanges, certificateFor, checkEvent } from './event-rules';

function event(overrides: Partial<CampaignEvent> = {}): CampaignEvent {
  return {
    id: 'e1',
    title: 'Canvass',
    description: 'Door to door',
    startsAt: new Date('2027-05-01T09:00:00Z'),
    endsAt: new Date('2027-05-01T12:00:00Z'),
    locationName: 'Town hall',
    locationAddress: null,
    locationPostcode: null,
    onlineUrl: null,
    capacity: 10,
    rsvpClosesAt: null,
    isTraining: false,
    trainingKind: null,
    certificateValidMonths: null,
    ...overrides,
  } as CampaignEvent;
}

describe('checkEvent', () => {
  it('accepts a sound event', () => {
    expect(() => checkEvent(event())).not.toThrow();
  });

  it('names every field that breaks a rule', () => {
    let thrown: unknown;
    try {
      checkEvent(
        event({
          endsAt: new Date('2027-05-01T08:00:00Z'),
          locationName: null,
          rsvpClosesAt: new Date('2027-05-02T00:00:00Z'),
          isTraining: true,
        }),
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadUserInputError);
    expect((thrown as BadUserInputError).fields?.map((f) => f.field)).toEqual([
      'endsAt',
      'location',
      'rsvpClosesAt',
      'certificateValidMonths',
    ]);
  });
});

describe('applyEventChanges', () => {
  it('changes only what is given, and says when the start moved', () => {
    const changed = event();
    expect(applyEventChanges(changed, { title: 'Street stall', capacity: null })).toEqual({
      startsAtMoved: false,
    });
    expect(changed.title).toBe('Street stall');
    expect(changed.capacity).toBeNull();
    expect(changed.description).toBe('Door to door');

    expect(applyEventChanges(changed, { startsAt: new Date('2027-05-01T09:00:00Z') })).toEqual({
      startsAtMoved: false,
    });
    expect(applyEventChanges(changed, { startsAt: new Date('2027-05-01T10:00:00Z') })).toEqual({
      startsAtMoved: true,
    });
  });

  it('clears the whole location when it is set to null', () => {
    const changed = event({ locationAddress: '1 High St', locationPostcode: 'KY16 9AJ' });
    applyEventChanges(changed, { location: null, onlineUrl: 'https://meet.example.org/x' });
    expect([changed.locationName, changed.locationAddress, changed.locationPostcode]).toEqual([
      null,
      null,
      null,
    ]);
    expect(changed.onlineUrl).toBe('https://meet.example.org/x');
  });
});

describe('certificateFor', () => {
  it('is null for an event that is not a training', () => {
    expect(certificateFor(event(), 'm1')).toBeNull();
  });

  it('is dated the London day the training started, valid for its months', () => {
    const training = event({
      isTraining: true,
      trainingKind: 'canvassing',
      certificateValidMonths: 12,
      startsAt: new Date('2027-06-30T23:30:00Z'),
    });
    expect(certificateFor(training, 'm1')).toEqual({
      memberId: 'm1',
      eventId: 'e1',
      trainingKind: 'canvassing',
      issuedOn: '2027-07-01',
      validUntil: '2028-07-01',
    });
  });
});
