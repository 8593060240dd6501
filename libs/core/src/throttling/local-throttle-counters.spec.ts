import { LocalThrottleCounters } from './local-throttle-counters';

describe('LocalThrottleCounters', () => {
  it('allows the limit in a window, refuses beyond it, and starts again in the next window', () => {
    const counters = new LocalThrottleCounters();
    const hits = (now: number) => counters.increment('public:1.2.3.4', 60_000, 3, 0, now);
    expect([hits(0), hits(1), hits(2), hits(3)].map((r) => r.isBlocked)).toEqual([false, false, false, true]);
    expect(hits(59_999).isBlocked).toBe(true);
    expect(hits(60_000)).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 60 });
  });

  it('counts each key apart', () => {
    const counters = new LocalThrottleCounters();
    expect(counters.increment('a', 1000, 1, 0, 0).isBlocked).toBe(false);
    expect(counters.increment('b', 1000, 1, 0, 0).isBlocked).toBe(false);
    expect(counters.increment('a', 1000, 1, 0, 0).isBlocked).toBe(true);
  });

  it('keeps a client blocked for the block duration once over the limit', () => {
    const counters = new LocalThrottleCounters();
    counters.increment('a', 1000, 1, 5000, 0);
    expect(counters.increment('a', 1000, 1, 5000, 10)).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 5,
    });
    expect(counters.increment('a', 1000, 1, 5000, 4000).isBlocked).toBe(true);
    expect(counters.increment('a', 1000, 1, 5000, 5010).isBlocked).toBe(false);
  });

  it('holds at most maxKeys clients: expired ones are forgotten, and a new one is refused while full', () => {
    const counters = new LocalThrottleCounters(2);
    counters.increment('a', 1000, 10, 0, 0);
    counters.increment('b', 1000, 10, 0, 500);
    expect(counters.increment('c', 1000, 10, 0, 600).isBlocked).toBe(true);
    expect(counters.increment('c', 1000, 10, 0, 1000).isBlocked).toBe(false);
    expect(counters.size).toBe(2);
  });
});
