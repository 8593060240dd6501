import { ISO_DURATION_PATTERN, parseIsoDuration } from './iso-duration';

describe('parseIsoDuration', () => {
  it.each([
    ['P14D', 14 * 86_400_000],
    ['P7D', 7 * 86_400_000],
    ['P1W', 7 * 86_400_000],
    ['PT20S', 20_000],
    ['PT2S', 2_000],
    ['PT0.5S', 500],
    ['PT1H30M', 5_400_000],
    ['P1DT12H', 36 * 3_600_000],
    ['p2d', 2 * 86_400_000],
  ])('reads %s', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
    expect(ISO_DURATION_PATTERN.test(text)).toBe(true);
  });

  it.each(['', 'P', 'PT', 'P1DT', '14', 'P1Y', 'P2M', '14 days', 'PT-5S', 'P1.5D', 'PT5S junk'])(
    'refuses %j',
    (text) => {
      expect(parseIsoDuration(text)).toBeNull();
      expect(ISO_DURATION_PATTERN.test(text)).toBe(false);
    },
  );
});
