import { Module } from '@nestjs/common';
import { ClientAddressRetention } from './client-address-retention';
import { PetitionRetention } from './petition-retention';
import { SignatureRepository } from './signature.repository';

/** What the worker's schedule and the CLI's retention command use from petitions (no HTTP, no GraphQL). */
@Module({
  providers: [SignatureRepository, ClientAddressRetention, PetitionRetention],
  exports: [ClientAddressRetention, PetitionRetention],
})
export class PetitionSchedulesModule {}
