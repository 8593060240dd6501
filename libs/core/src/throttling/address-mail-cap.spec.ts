import { LocalMailCounters } from './address-mail-cap';

const kind = (key: string, cap = 2, windowMs = 1000) => ({ key, cap, windowMs });
const day = (key: string, cap = 3) => ({ key, cap, windowMs: 86_400_000 });

describe('LocalMailCounters (the mail cap while Redis is away)', () => {
  it('allows the cap per kind in a window, and again in the next window', () => {
    const counters = new LocalMailCounters();
    const send = (now: number) => counters.countIfUnder(kind('join:h'), day('all:h', 10), now);
    expect([send(0), send(1), send(2)]).toEqual([true, true, false]);
    expect(send(1000)).toBe(true);
  });

  it('counts all kinds together per day, and counts nothing for an email it refuses', () => {
    const counters = new LocalMailCounters();
    const send = (k: string, now = 0) => counters.countIfUnder(kind(`${k}:h`), day('all:h'), now);
    expect([send('join'), send('join'), send('data'), send('data'), send('erasure')]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    // Another address is counted apart.
    expect(counters.countIfUnder(kind('data:other'), day('all:other'))).toBe(true);
  });

  it('holds at most maxKeys counters: expired ones are forgotten, and a new address is refused while full', () => {
    const counters = new LocalMailCounters(4);
    expect(counters.countIfUnder(kind('a:1'), day('all:1'), 0)).toBe(true);
    expect(counters.countIfUnder(kind('a:2'), day('all:2'), 0)).toBe(true);
    expect(counters.countIfUnder(kind('a:3'), day('all:3'), 10)).toBe(false);
    expect(counters.size).toBe(4);
    // Once the kind counters have expired they are forgotten, which makes room.
    expect(counters.countIfUnder(kind('a:3'), day('all:3'), 5000)).toBe(true);
    expect(counters.size).toBe(4);
    // Full again with live counters (the day's of two addresses and both of the third).
    expect(counters.countIfUnder(kind('a:4'), day('all:4'), 5000)).toBe(false);
  });
});
