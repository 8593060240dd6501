import { plusMonths } from './pledge-dates';

describe('plusMonths', () => {
  it('moves by calendar months, keeping the time of day', () => {
    expect(plusMonths(new Date('2026-03-15T10:30:00Z'), 12).toISOString()).toBe('2027-03-15T10:30:00.000Z');
    expect(plusMonths(new Date('2026-11-30T00:00:00Z'), 3).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });

  it('falls back to the last day of a shorter month', () => {
    expect(plusMonths(new Date('2028-02-29T12:00:00Z'), 12).toISOString()).toBe('2029-02-28T12:00:00.000Z');
    expect(plusMonths(new Date('2026-01-31T08:00:00Z'), 1).toISOString()).toBe('2026-02-28T08:00:00.000Z');
  });
});
