import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RedisClient } from '../redis/redis.module';
import { InstallationIdentity, shortInstallationId } from './installation.service';

/** A hash under the Redis prefix: installation id → when it was last seen (ms since the epoch). */
const KEY = 'installations';
const BEAT_EVERY_MS = 10_000;
/** Another installation seen this recently is still there. */
const PRESENT_WITHIN_MS = 30_000;
const FORGET_AFTER_MS = 24 * 3600_000;
const WARN_EVERY_MS = 60_000;

/**
 * Notices two installations (two databases) sharing one Redis and key prefix, a mistake that would
 * let the worker of one take the other's jobs. Each api and worker process says every few seconds
 * that its installation is here; any other installation seen lately is a mix-up, reported loudly
 * in the log and by /health. (Nothing is lost meanwhile: workers leave jobs that are not theirs.)
 */
@Injectable()
export class InstallationRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InstallationRegistry.name);
  private timer?: NodeJS.Timeout;
  private reported = '';
  private readonly warnedAt = new Map<string, number>();

  constructor(
    private readonly identity: InstallationIdentity,
    private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: starting must not wait on Redis.
    void this.beat().catch(() => undefined);
    this.timer = setInterval(() => void this.beat().catch(() => undefined), BEAT_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Records this installation as present, and returns the other installations present. */
  async beat(): Promise<string[]> {
    const me = await this.identity.id();
    const now = Date.now();
    await this.redis.hset(KEY, me, now);
    const seen = await this.redis.hgetall(KEY);
    const others: string[] = [];
    const gone: string[] = [];
    for (const [id, at] of Object.entries(seen)) {
      if (id === me) {
        continue;
      }
      if (Number(at) > now - PRESENT_WITHIN_MS) {
        others.push(id);
      } else if (Number(at) < now - FORGET_AFTER_MS) {
        gone.push(id);
      }
    }
    if (gone.length > 0) {
      await this.redis.hdel(KEY, ...gone);
    }
    const report = others.sort().join(',');
    if (report !== this.reported) {
      this.reported = report;
      if (others.length > 0) {
        this.logger.error(this.problem(me, others));
      } else {
        this.logger.log('No other installation uses this Redis key prefix any more');
      }
    }
    return others;
  }

  /**
   * A worker met a job queued by another installation (which may be too old to say it is here):
   * it is recorded as present, and the mix-up logged (at most once a minute for each).
   */
  async noteForeignJob(install: string, jobId: string | undefined): Promise<void> {
    const me = await this.identity.id();
    await this.redis.hset(KEY, install, Date.now()).catch(() => undefined);
    const last = this.warnedAt.get(install) ?? 0;
    if (Date.now() - last >= WARN_EVERY_MS) {
      this.warnedAt.set(install, Date.now());
      this.logger.error(
        `Left job ${jobId ?? '?'} for the worker of installation ${shortInstallationId(install)}. ${this.problem(me, [install])}`,
      );
    }
  }

  /** This installation's id. */
  me(): Promise<string> {
    return this.identity.id();
  }

  /** What is wrong and what to do, for the log and /health. */
  problem(me: string, others: string[]): string {
    return (
      `Another installation (${others.map(shortInstallationId).join(', ')}; this one is ` +
      `${shortInstallationId(me)}) uses this Redis with the same REDIS_PREFIX "${this.config.redisPrefix}": ` +
      `each worker leaves the other's jobs, so mail is delayed. Give each installation its own REDIS_PREFIX.`
    );
  }
}
