import { ExecutionContext, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { IS_PUBLIC_MUTATION } from '../auth/decorators';
import { AppConfig } from '../config/app-config';
import { TooManyRequestsError } from '../errors/domain.errors';
import { requestOf, responseOf } from '../http/request-of';
import { RedisClient } from '../redis/redis.module';
import { AddressHasher } from '../security/address-hasher';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * Works for GraphQL resolvers as well as controllers, and counts every limit at once: the library's
 * guard awaits one limit's Redis script before it starts the next (two round trips in turn per
 * request); here each limit is checked by a view of this guard holding that limit alone, all views
 * together, so their scripts go out in one write and come back in one round trip. A request over
 * any limit is refused as before: the domain TooManyRequestsError (TOO_MANY_REQUESTS, reason
 * RATE_LIMITED), in GraphQL as over plain HTTP, instead of the library's own exception.
 */
@Injectable()
export class CrmThrottlerGuard extends ThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.throttlers.length < 2) {
      return super.canActivate(context);
    }
    const views = this.throttlers.map(
      (throttler) => Object.create(this, { throttlers: { value: [throttler] } }) as ThrottlerGuard,
    );
    const continues = await Promise.all(
      views.map((view) => ThrottlerGuard.prototype.canActivate.call(view, context)),
    );
    return continues.every(Boolean);
  }

  protected override throwThrottlingException(): Promise<void> {
    throw new TooManyRequestsError();
  }

  protected override getRequestResponse(context: ExecutionContext): {
    req: Record<string, unknown>;
    res: Record<string, unknown>;
  } {
    return {
      req: requestOf(context) as unknown as Record<string, unknown>,
      res: responseOf(context) as unknown as Record<string, unknown>,
    };
  }
}

const isPublicMutation = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(IS_PUBLIC_MUTATION, context.getHandler()) === true;

/**
 * Two limits per client address, counted in Redis: "default" on every operation (generous), and
 * "public" on public mutations (strict). Exceeding either is TOO_MANY_REQUESTS (HTTP 429). The
 * counters' keys are keyed hashes (ADDRESS_HASH_KEY) of the operation and the client's address
 * (IPv6 by its /64), never the address or a plain hash of it. While Redis is away each process
 * counts on its own, allowing RATE_LIMIT_FALLBACK_PERCENT of each.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisClient, AddressHasher],
      useFactory: (config: AppConfig, redis: RedisClient, hasher: AddressHasher) => ({
        storage: new RedisThrottlerStorage(redis, config.rateLimit.fallbackPercent),
        generateKey: (context: ExecutionContext, tracker: string, name: string) =>
          hasher.clientAddress(
            tracker,
            `throttle:${context.getClass().name}-${context.getHandler().name}-${name}`,
          ),
        throttlers: [
          {
            name: 'default',
            ttl: config.rateLimit.ttlSeconds * 1000,
            limit: config.rateLimit.defaultLimit,
          },
          {
            name: 'public',
            ttl: config.rateLimit.ttlSeconds * 1000,
            limit: config.rateLimit.publicLimit,
            skipIf: (context) => !isPublicMutation(context),
          },
        ],
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: CrmThrottlerGuard }],
})
export class ThrottlingModule {}
