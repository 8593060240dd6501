import { addMonths, londonClock, londonDate, londonTime } from './london-time';

describe('Europe/London times', () => {
  it('shows instants in GMT and in BST', () => {
    expect(londonTime(new Date('2027-01-15T18:30:00Z'))).toBe('Friday, 15 January 2027 at 18:30');
    // The last Sunday of March: clocks go forward at 01:00 UTC.
    expect(londonTime(new Date('2027-03-28T00:30:00Z'))).toBe('Sunday, 28 March 2027 at 00:30');
    expect(londonTime(new Date('2027-03-28T09:30:00Z'))).toBe('Sunday, 28 March 2027 at 10:30');
  });

  it('shows the time of day in London', () => {
    expect(londonClock(new Date('2027-01-15T18:30:00Z'))).toBe('18:30');
    expect(londonClock(new Date('2027-07-15T18:30:00Z'))).toBe('19:30');
  });

  it('dates an instant by the London calendar', () => {
    expect(londonDate(new Date('2027-06-30T23:30:00Z'))).toBe('2027-07-01');
    expect(londonDate(new Date('2027-12-31T23:30:00Z'))).toBe('2027-12-31');
  });

  it('adds months to a date', () => {
    expect(addMonths('2027-03-28', 12)).toBe('2028-03-28');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
  });
});
