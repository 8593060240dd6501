import { Module } from '@nestjs/common';
import { ClientAddressRetention } from './client-address-retention';
import { SignatureRepository } from './signature.repository';

/** What the worker's schedule uses from petitions (no HTTP, no GraphQL). */
@Module({
  providers: [SignatureRepository, ClientAddressRetention],
  exports: [ClientAddressRetention],
})
export class PetitionSchedulesModule {}
