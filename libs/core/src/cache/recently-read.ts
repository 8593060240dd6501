/**
 * What public actions read and may use for a short while (PUBLIC_READ_CACHE_MS): the petition, event,
 * branch or letter campaign a crowd acting at once would otherwise read once each. Only what is
 * shown or used to build an action is kept; what decides (open or not, places, limits) is read again
 * in the action's own statement. Bounded: past `most` keys, everything kept is dropped at once.
 */
export class RecentlyRead<V> {
  private readonly kept = new Map<string, { value: V; until: number }>();

  constructor(
    /** How long a value is kept, in ms (read when it is kept, so a config value may be passed). */
    private readonly keepMs: () => number,
    private readonly most = 1_000,
  ) {}

  /** The value kept for `key`, or what `read` gives (kept, unless it throws). */
  async get(key: string, read: () => Promise<V>): Promise<V> {
    const kept = this.fresh(key);
    if (kept !== undefined) {
      return kept.value;
    }
    const value = await read();
    this.set(key, value);
    return value;
  }

  /** The value kept for `key` if it is still fresh (wrapped, so a kept `undefined` is told apart). */
  fresh(key: string): { value: V } | undefined {
    const kept = this.kept.get(key);
    return kept && kept.until > Date.now() ? { value: kept.value } : undefined;
  }

  set(key: string, value: V): void {
    if (this.kept.size >= this.most && !this.kept.has(key)) {
      this.kept.clear();
    }
    this.kept.set(key, { value, until: Date.now() + this.keepMs() });
  }

  forget(key: string): void {
    this.kept.delete(key);
  }
}
