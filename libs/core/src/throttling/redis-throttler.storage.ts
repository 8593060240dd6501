import { Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { RedisClient } from '../redis/redis.module';
import { LocalThrottleCounters, ThrottlerStorageRecord } from './local-throttle-counters';

// Fixed window counter plus an optional block, atomically in one round trip.
// KEYS[1] = hits key, KEYS[2] = block key; ARGV = ttl ms, limit, block ms.
const INCREMENT = `
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl > 0 then
  return { tonumber(redis.call('GET', KEYS[1]) or ARGV[2]) + 1, redis.call('PTTL', KEYS[1]), blockTtl }
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) and tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockTtl = tonumber(ARGV[3])
else
  blockTtl = 0
end
return { hits, ttl, blockTtl }
`;

const RETRY_REDIS_AFTER_MS = 5_000;

/**
 * Rate-limit counters shared by every api replica, in Redis. While Redis cannot be reached, each
 * process counts on its own, in memory, allowing `fallbackPercent` of each limit: public actions
 * keep working (their mail waits safely in the outbox), still held to a conservative limit.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly local = new LocalThrottleCounters();
  private countingLocally = false;
  /** After a failed command, Redis is left alone this long (so a partition does not slow every request). */
  private redisAgainAt = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly fallbackPercent = 50,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    // Not connected, or just failed: do not wait on Redis for every request.
    if (this.redis.status === 'ready' && Date.now() >= this.redisAgainAt) {
      try {
        const record = await this.inRedis(key, ttl, limit, blockDuration, throttlerName);
        if (this.countingLocally) {
          this.countingLocally = false;
          this.local.clear();
          this.logger.log('Redis is back: rate limits are shared again');
        }
        return record;
      } catch (error) {
        this.redisAgainAt = Date.now() + RETRY_REDIS_AFTER_MS;
        this.fallBack(error);
      }
    } else {
      this.fallBack();
    }
    const localLimit = Math.max(1, Math.floor((limit * this.fallbackPercent) / 100));
    return this.local.increment(`${throttlerName}:${key}`, ttl, localLimit, blockDuration);
  }

  private async inRedis(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `throttle:${throttlerName}:${key}`;
    const [hits, ttlMs, blockMs] = await this.redis.runScript<[number, number, number]>(
      'crmThrottleIncrement',
      INCREMENT,
      2,
      `${base}:hits`,
      `${base}:block`,
      ttl,
      limit,
      blockDuration,
    );
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
      isBlocked: blockMs > 0 || hits > limit,
      timeToBlockExpire: Math.max(0, Math.ceil((blockMs > 0 ? blockMs : ttlMs) / 1000)),
    };
  }

  private fallBack(error?: unknown): void {
    if (!this.countingLocally) {
      this.countingLocally = true;
      const reason = error instanceof Error ? `: ${error.message}` : '';
      this.logger.warn(
        `Redis cannot be reached${reason}; rate limits are counted in this process (${this.fallbackPercent}% of each) until it is back`,
      );
    }
  }
}
