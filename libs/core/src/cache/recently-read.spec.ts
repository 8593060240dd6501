import { RecentlyRead } from './recently-read';

describe('RecentlyRead', () => {
  afterEach(() => jest.useRealTimers());

  it('reads once while fresh, again once stale or forgotten, and keeps nothing that failed', async () => {
    jest.useFakeTimers({ now: 0 });
    const kept = new RecentlyRead<string | null>(() => 2_000);
    const read = jest.fn(async () => 'value');
    expect(await kept.get('a', read)).toBe('value');
    expect(await kept.get('a', read)).toBe('value');
    expect(read).toHaveBeenCalledTimes(1);
    jest.setSystemTime(2_001);
    await kept.get('a', read);
    expect(read).toHaveBeenCalledTimes(2);
    kept.forget('a');
    await kept.get('a', read);
    expect(read).toHaveBeenCalledTimes(3);

    // A null is kept like any value; a read that throws keeps nothing.
    expect(await kept.get('none', async () => null)).toBeNull();
    expect(kept.fresh('none')).toEqual({ value: null });
    await expect(kept.get('b', () => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    expect(kept.fresh('b')).toBeUndefined();
  });

  it('keeps no more than it is allowed', async () => {
    const kept = new RecentlyRead<number>(() => 60_000, 3);
    for (const key of ['a', 'b', 'c']) {
      kept.set(key, 1);
    }
    kept.set('c', 2);
    expect(kept.fresh('a')).toEqual({ value: 1 });
    kept.set('d', 3);
    expect(kept.fresh('a')).toBeUndefined();
    expect(kept.fresh('d')).toEqual({ value: 3 });
  });
});
