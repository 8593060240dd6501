import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PetitionRetention } from './petition-retention';
import { SignatureRepository } from './signatures.repository';

/** How long a signature keeps the hash of the client address it came from (for the fraud limits). */
export const CLIENT_ADDRESS_DAYS = 7;

/** Client addresses are used only for fraud limits, and kept briefly (DESIGN.md §5). */
@Injectable()
export class ClientAddressRetention {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Forgets client-address hashes older than a week; returns how many. */
  async forgetOld(): Promise<number> {
    const result = await this.dataSource.query<[unknown[], number]>(
      `UPDATE signature SET ip_hash = NULL
       WHERE ip_hash IS NOT NULL AND created_at < now() - make_interval(days => $1)`,
      [CLIENT_ADDRESS_DAYS],
    );
    return result[1];
  }
}

/** For the worker's schedule and the CLI's retention command. */
@Module({
  providers: [ClientAddressRetention, SignatureRepository, PetitionRetention],
  exports: [ClientAddressRetention, PetitionRetention],
})
export class PetitionSchedulesModule {}
