import { digestCutoff, digestParts } from './letter-digest';

describe('digestCutoff', () => {
  it('is today at the time once it has passed, else yesterday (Europe/London, summer and winter)', () => {
    // Winter: London is UTC.
    expect(digestCutoff(new Date('2026-01-10T16:30:00Z'), '16:00').toISOString()).toBe(
      '2026-01-10T16:00:00.000Z',
    );
    expect(digestCutoff(new Date('2026-01-10T15:59:00Z'), '16:00').toISOString()).toBe(
      '2026-01-09T16:00:00.000Z',
    );
    // Summer: 16:00 in London is 15:00 UTC.
    expect(digestCutoff(new Date('2026-07-10T15:00:00Z'), '16:00').toISOString()).toBe(
      '2026-07-10T15:00:00.000Z',
    );
    expect(digestCutoff(new Date('2026-07-10T14:59:59Z'), '16:00').toISOString()).toBe(
      '2026-07-09T15:00:00.000Z',
    );
  });
});

describe('digestParts', () => {
  it('shows the shared lines once and each letter’s own lines', () => {
    const shared = 'Dear Ann Smith,\nPlease back drug checking.';
    const { shared: text, own } = digestParts([
      `${shared}\nMy friend is alive because of naloxone.\nSam`,
      `${shared}\nRobin`,
      `${shared}\nAlex`,
    ]);
    expect(text).toBe(shared);
    expect(own).toEqual(['My friend is alive because of naloxone.\nSam', 'Robin', 'Alex']);
  });
});
