/** What a rate-limit storage answers for one hit (the shape @nestjs/throttler expects). */
export interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

interface Window {
  hits: number;
  resetAt: number;
  blockedUntil: number;
}

/**
 * Fixed-window rate-limit counters in this process's memory: what limits count on while Redis
 * cannot be reached. Bounded: when `maxKeys` clients are being counted at once, a new one is refused
 * (conservative: an outage is no time to let an unbounded number of clients through).
 */
export class LocalThrottleCounters {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly maxKeys = 100_000) {}

  increment(
    key: string,
    ttlMs: number,
    limit: number,
    blockMs: number,
    now = Date.now(),
  ): ThrottlerStorageRecord {
    let window = this.windows.get(key);
    if (!window) {
      if (this.windows.size >= this.maxKeys) {
        this.prune(now);
      }
      if (this.windows.size >= this.maxKeys) {
        return {
          totalHits: limit + 1,
          timeToExpire: Math.ceil(ttlMs / 1000),
          isBlocked: true,
          timeToBlockExpire: Math.ceil(ttlMs / 1000),
        };
      }
      window = { hits: 0, resetAt: now + ttlMs, blockedUntil: 0 };
      this.windows.set(key, window);
    }
    if (window.blockedUntil > now) {
      return {
        totalHits: window.hits + 1,
        timeToExpire: Math.max(0, Math.ceil((window.resetAt - now) / 1000)),
        isBlocked: true,
        timeToBlockExpire: Math.ceil((window.blockedUntil - now) / 1000),
      };
    }
    if (window.resetAt <= now) {
      window.hits = 0;
      window.resetAt = now + ttlMs;
    }
    window.hits += 1;
    if (window.hits > limit && blockMs > 0) {
      window.blockedUntil = now + blockMs;
    }
    const timeToExpire = Math.max(0, Math.ceil((window.resetAt - now) / 1000));
    return {
      totalHits: window.hits,
      timeToExpire,
      isBlocked: window.hits > limit,
      timeToBlockExpire:
        window.blockedUntil > now ? Math.ceil((window.blockedUntil - now) / 1000) : timeToExpire,
    };
  }

  /** Forgets every count (once Redis is back: it counts again from there). */
  clear(): void {
    this.windows.clear();
  }

  get size(): number {
    return this.windows.size;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now && window.blockedUntil <= now) {
        this.windows.delete(key);
      }
    }
  }
}
