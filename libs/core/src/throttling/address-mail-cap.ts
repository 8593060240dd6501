import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RedisClient } from '../redis/redis.module';
import { AddressHasher } from '../security/address-hasher';

// Counts emails to addresses, each unless it is over either cap, atomically in one round trip (in
// order: a second email to one address sees the first counted). For each email e (from 0), KEYS
// from e*2n+1: its kind's counter under each of the n keys (current first), then the day's.
// ARGV: window ms, per-kind cap, day ms, per-day cap, n. Returns 1 (may go) or 0 for each email.
const COUNT_IF_UNDER = `
local n = tonumber(ARGV[5])
local answers = {}
for e = 0, #KEYS / (2 * n) - 1 do
  local base = e * 2 * n
  local kind, day = 0, 0
  for i = 1, n do
    kind = kind + tonumber(redis.call('GET', KEYS[base + i]) or '0')
    day = day + tonumber(redis.call('GET', KEYS[base + n + i]) or '0')
  end
  if kind >= tonumber(ARGV[2]) or day >= tonumber(ARGV[4]) then
    answers[e + 1] = 0
  else
    if redis.call('INCR', KEYS[base + 1]) == 1 then redis.call('PEXPIRE', KEYS[base + 1], ARGV[1]) end
    if redis.call('INCR', KEYS[base + n + 1]) == 1 then redis.call('PEXPIRE', KEYS[base + n + 1], ARGV[3]) end
    answers[e + 1] = 1
  end
end
return answers
`;

const DAY_MS = 86_400_000;
const RETRY_REDIS_AFTER_MS = 5_000;

/**
 * The same caps counted in this process's memory, for while Redis cannot be reached. Keyed by the
 * keyed hash (never the address). Bounded: with `maxKeys` counters live, a new one is refused
 * (conservative: nothing is mailed to an address it cannot count; what was submitted is kept).
 */
export class LocalMailCounters {
  private readonly counters = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly maxKeys = 100_000) {}

  /** Counts one email under both counters unless either is at its cap; true when it may go. */
  countIfUnder(
    kind: { key: string; cap: number; windowMs: number },
    day: { key: string; cap: number; windowMs: number },
    now = Date.now(),
  ): boolean {
    const current = (key: string) => {
      const counter = this.counters.get(key);
      return counter && counter.resetAt > now ? counter.count : 0;
    };
    if (current(kind.key) >= kind.cap || current(day.key) >= day.cap) {
      return false;
    }
    const fresh = [kind, day].filter((c) => !this.counters.has(c.key)).length;
    if (this.counters.size + fresh > this.maxKeys) {
      this.prune(now);
      if (this.counters.size + fresh > this.maxKeys) {
        return false;
      }
    }
    for (const { key, windowMs } of [kind, day]) {
      const counter = this.counters.get(key);
      if (counter && counter.resetAt > now) {
        counter.count += 1;
      } else {
        this.counters.set(key, { count: 1, resetAt: now + windowMs });
      }
    }
    return true;
  }

  clear(): void {
    this.counters.clear();
  }

  get size(): number {
    return this.counters.size;
  }

  private prune(now: number): void {
    for (const [key, counter] of this.counters) {
      if (counter.resetAt <= now) {
        this.counters.delete(key);
      }
    }
  }
}

/**
 * The ceiling on mail that public actions send to an address the caller names, so nobody can use
 * the campaign's domain to flood someone's inbox: at most MAIL_CAP_PER_KIND emails of each kind
 * (join, sign-in, petition…) per MAIL_CAP_WINDOW_SECONDS and MAIL_CAP_PER_DAY in all per day, to
 * one address, counted in Redis across every client address and api replica. Past it the caller
 * answers exactly as usual and sends nothing (the person's submission is still kept).
 *
 * Counters are keyed by a keyed hash of the address's canonical form (dots and +tags where the
 * provider ignores them), never the address. Call it where the email is added, once per email.
 * While Redis cannot be reached each process counts the same caps in memory (LocalMailCounters),
 * so an outage does not open the floodgates; with several replicas the ceiling is theirs together.
 */
@Injectable()
export class AddressMailCap {
  private readonly logger = new Logger(AddressMailCap.name);
  private readonly local = new LocalMailCounters();
  private countingLocally = false;
  /** After a failed command, Redis is left alone this long (so an outage does not slow every request). */
  private redisAgainAt = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly hasher: AddressHasher,
    private readonly config: AppConfig,
  ) {}

  /** Counts one email of `kind` to `address`; false when over a cap (send nothing, answer as usual). */
  async allows(kind: string, address: string): Promise<boolean> {
    const hashes = this.hasher.emailAddressCandidates(address, 'mail-cap');
    // Commands wait while the first connection is made; a lost one is not waited for.
    if (['reconnecting', 'close', 'end'].includes(this.redis.status) || Date.now() < this.redisAgainAt) {
      return this.locally(kind, hashes[0]);
    }
    try {
      const [allowed] = await this.countInRedis([{ kind, address }]);
      if (this.countingLocally) {
        this.countingLocally = false;
        this.local.clear();
        this.logger.log('Redis is back: the mail cap is shared again');
      }
      return allowed;
    } catch (error) {
      this.redisAgainAt = Date.now() + RETRY_REDIS_AFTER_MS;
      return this.locally(kind, hashes[0], error);
    }
  }

  /**
   * Counts many emails (in order) in one round trip, in Redis only; for each, whether it may go.
   * For the worker's relay, which cannot queue mail while Redis is away anyway: it throws then.
   */
  countMany(emails: Array<{ kind: string; address: string }>): Promise<boolean[]> {
    return emails.length === 0 ? Promise.resolve([]) : this.countInRedis(emails);
  }

  private async countInRedis(emails: Array<{ kind: string; address: string }>): Promise<boolean[]> {
    const { perKind, windowSeconds, perDay } = this.config.mailCap;
    let n = 0;
    const keys = emails.flatMap(({ kind, address }) => {
      const hashes = this.hasher.emailAddressCandidates(address, 'mail-cap');
      n = hashes.length; // the same for every address: how many hash keys are in use
      return [
        ...hashes.map((hash) => `mailcap:${kind}:${hash}`),
        ...hashes.map((hash) => `mailcap:all:${hash}`),
      ];
    });
    const answers = await this.redis.runScript<number[]>(
      'crmMailCapCountMany',
      COUNT_IF_UNDER,
      keys.length,
      ...keys,
      windowSeconds * 1000,
      perKind,
      DAY_MS,
      perDay,
      n,
    );
    return answers.map((answer) => Number(answer) === 1);
  }

  private locally(kind: string, hash: string, error?: unknown): boolean {
    if (!this.countingLocally) {
      this.countingLocally = true;
      const reason = error instanceof Error ? `: ${error.message}` : '';
      this.logger.warn(
        `Redis cannot be reached${reason}; the mail cap is counted in this process until it is back`,
      );
    }
    const { perKind, windowSeconds, perDay } = this.config.mailCap;
    return this.local.countIfUnder(
      { key: `${kind}:${hash}`, cap: perKind, windowMs: windowSeconds * 1000 },
      { key: `all:${hash}`, cap: perDay, windowMs: DAY_MS },
    );
  }
}
