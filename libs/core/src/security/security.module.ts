import { Global, Module } from '@nestjs/common';
import { RedisModule } from '../redis/redis.module';
import { AddressMailCap } from '../throttling/address-mail-cap';
import { AddressHasher } from './address-hasher';

/** Keyed address hashes and the per-address mail cap, for every app (api, worker, CLI). */
@Global()
@Module({
  imports: [RedisModule],
  providers: [AddressHasher, AddressMailCap],
  exports: [AddressHasher, AddressMailCap],
})
export class SecurityModule {}
