import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisOptionsFromUrl } from './redis-options';

/** A shared Redis connection for rate-limit counters and health checks (not for BullMQ). */
@Injectable()
export class RedisClient extends Redis implements OnApplicationShutdown {
  constructor(@Inject(AppConfig) config: AppConfig) {
    super({
      ...redisOptionsFromUrl(config.redisUrl),
      keyPrefix: `${config.redisPrefix}:`,
      // Commands wait while connecting, but fail after one reconnection attempt when Redis is away,
      // and after REDIS_COMMAND_TIMEOUT_MS when it does not answer (a silent network partition).
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: config.redisCommandTimeoutMs,
    });
    // Connection errors surface through health checks and failing requests; do not crash the process.
    this.on('error', () => undefined);
  }

  private readonly scripts = new Set<string>();

  /**
   * Runs a Lua script by its SHA1 (EVALSHA; ioredis's `defineCommand` sends the body only when
   * Redis does not have it yet), so a script on every public request is not sent and hashed each
   * time. `name` must be unique per script. Keys are prefixed as for any command.
   */
  runScript<T>(name: string, lua: string, numberOfKeys: number, ...args: Array<string | number>): Promise<T> {
    if (!this.scripts.has(name)) {
      this.defineCommand(name, { lua });
      this.scripts.add(name);
    }
    return (this as unknown as Record<string, (...a: Array<string | number>) => Promise<T>>)[name](
      numberOfKeys,
      ...args,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.disconnect();
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
