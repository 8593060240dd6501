import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RedisModule } from '../redis/redis.module';
import { AddressMailCap } from '../throttling/address-mail-cap';
import { AddressHasher } from './address-hasher';
import { useRequestHashKey } from './request-hash';

/**
 * Keyed address hashes, the per-address mail cap, and the key of the repeat guard's request hashes,
 * for every app (api, worker, CLI).
 */
@Global()
@Module({
  imports: [RedisModule],
  providers: [AddressHasher, AddressMailCap],
  exports: [AddressHasher, AddressMailCap],
})
export class SecurityModule {
  constructor(config: AppConfig) {
    useRequestHashKey(config.addressHashKeys.current);
  }
}
