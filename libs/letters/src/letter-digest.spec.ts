import { digestCutoff, digestParts, withDistrictOnly } from './letter-digest';

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

describe('withDistrictOnly', () => {
  it('replaces the writer’s full postcode, in any case or spacing, with its district', () => {
    expect(withDistrictOnly('I live in Aberdeen (AB2 1DD).', 'AB2 1DD')).toBe('I live in Aberdeen (AB2).');
    expect(withDistrictOnly('ab21dd and Ab2  1dd', 'AB2 1DD')).toBe('AB2 and AB2');
    // Not inside a longer code, and other text is left as it was.
    expect(withDistrictOnly('XAB2 1DD AB2 1DDX AB2', 'AB2 1DD')).toBe('XAB2 1DD AB2 1DDX AB2');
  });

  it('makes the lines that carried different postcodes in one district shared in a digest', () => {
    const bodies = [
      ['Dear Ann,\nI live in Aberdeen (AB2 1DD).\nPlease back it.', 'AB2 1DD'],
      ['Dear Ann,\nI live in Aberdeen (AB2 3QQ).\nPlease back it.', 'AB2 3QQ'],
    ].map(([body, postcode]) => withDistrictOnly(body, postcode));
    const parts = digestParts(bodies);
    expect(parts.shared).toContain('I live in Aberdeen (AB2).');
    expect(parts.own).toEqual(['', '']);
    expect(JSON.stringify(parts)).not.toMatch(/1DD|3QQ/);
  });
});
