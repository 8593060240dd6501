import { KeptCounts } from './kept-counts';

type Row = { id: string; n: number };

/** A loader whose calls are counted and whose answers are released by hand. */
function loader() {
  const calls: string[][] = [];
  const pending: Array<{ ids: string[]; resolve: (rows: Row[]) => void }> = [];
  const load = (ids: string[]) =>
    new Promise<Row[]>((resolve) => {
      calls.push(ids);
      pending.push({ ids, resolve });
    });
  const answer = (n: number) => {
    for (const { ids, resolve } of pending.splice(0)) {
      resolve(ids.map((id) => ({ id, n })));
    }
  };
  return { load, calls, answer };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('KeptCounts', () => {
  it('counts a key once however many readers ask while it is first counted', async () => {
    const { load, calls, answer } = loader();
    const counts = new KeptCounts(load, 5_000, 100);
    const readers = Array.from({ length: 50 }, () => counts.get(['a']));
    await settle();
    answer(1);
    expect(await Promise.all(readers)).toEqual(Array.from({ length: 50 }, () => [[{ id: 'a', n: 1 }]]));
    expect(calls).toEqual([['a']]);
    // Kept: no count at all for the next reader.
    expect(await counts.get(['a'])).toEqual([[{ id: 'a', n: 1 }]]);
    expect(calls).toHaveLength(1);
  });

  it('serves the kept counts once they are old while one recount runs behind them', async () => {
    const { load, calls, answer } = loader();
    const counts = new KeptCounts(load, 0, 100);
    const first = counts.get(['a']);
    await settle();
    answer(1);
    await first;
    // Old at once (keepMs 0): every reader gets the kept rows without waiting; one recount starts.
    const readers = await Promise.all(Array.from({ length: 20 }, () => counts.get(['a'])));
    expect(readers).toEqual(Array.from({ length: 20 }, () => [[{ id: 'a', n: 1 }]]));
    expect(calls).toHaveLength(2);
    answer(2);
    await settle();
    expect(await counts.get(['a'])).toEqual([[{ id: 'a', n: 2 }]]);
  });

  it('forgets a key at once: the next reader waits for a fresh count, not one started before', async () => {
    const { load, calls, answer } = loader();
    const counts = new KeptCounts(load, 5_000, 100);
    const before = counts.get(['a']);
    await settle();
    counts.forget('a');
    const after = counts.get(['a']);
    await settle();
    expect(calls).toHaveLength(2);
    answer(7);
    expect(await before).toEqual([[{ id: 'a', n: 7 }]]);
    expect(await after).toEqual([[{ id: 'a', n: 7 }]]);
  });

  it('loads several missing keys in one call and answers each with its own rows', async () => {
    const { load, calls, answer } = loader();
    const counts = new KeptCounts(load, 5_000, 100);
    const both = counts.get(['a', 'b', 'a']);
    await settle();
    answer(3);
    expect(await both).toEqual([[{ id: 'a', n: 3 }], [{ id: 'b', n: 3 }], [{ id: 'a', n: 3 }]]);
    expect(calls).toEqual([['a', 'b']]);
  });
});
