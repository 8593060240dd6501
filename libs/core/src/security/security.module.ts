import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RedisModule } from '../redis/redis.module';
import { AddressMailCap } from '../throttling/address-mail-cap';
import { AddressHasher } from './address-hasher';
import { RecentRequestRepository } from './recent-request.repository';
import { RepeatGuard } from './repeat-guard';
import { useRequestHashKey } from './request-hash';

/**
 * Keyed address hashes, the per-address mail cap, and the repeat guard (its requests' hash key and
 * upkeep), for every app (api, worker, CLI).
 */
@Global()
@Module({
  imports: [RedisModule],
  providers: [AddressHasher, AddressMailCap, RecentRequestRepository, RepeatGuard],
  exports: [AddressHasher, AddressMailCap, RepeatGuard],
})
export class SecurityModule {
  constructor(config: AppConfig) {
    useRequestHashKey(config.addressHashKeys.current);
  }
}
