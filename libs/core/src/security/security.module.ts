import { Global, Module } from '@nestjs/common';
import { RedisModule } from '../redis/redis.module';
import { AddressHasher } from './address-hasher';

/** Keyed address hashes, for every app (api, worker, CLI). */
@Global()
@Module({
  imports: [RedisModule],
  providers: [AddressHasher],
  exports: [AddressHasher],
})
export class SecurityModule {}
