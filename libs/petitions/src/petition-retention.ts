import { Injectable } from '@nestjs/common';
import { AppConfig, RetentionReport, RetentionTask } from '@app/core';
import { SignatureRepository } from './signature.repository';

/**
 * Signatures are kept only as long as they are of use: unconfirmed ones for
 * UNCONFIRMED_RETENTION_DAYS, suspect ones until their petition closes, and confirmed ones with the
 * signer's details until PETITION_RETENTION_DAYS after the petition's delivery (then anonymised).
 */
@Injectable()
export class PetitionRetention implements RetentionTask {
  constructor(
    private readonly signatures: SignatureRepository,
    private readonly config: AppConfig,
  ) {}

  async run(): Promise<RetentionReport> {
    const { unconfirmedDays, petitionDays } = this.config.retention;
    return {
      unconfirmedSignaturesDeleted: await this.signatures.deleteUnconfirmed(unconfirmedDays),
      suspectSignaturesDeleted: await this.signatures.deleteSuspectOfClosedPetitions(),
      signaturesAnonymised: await this.signatures.anonymiseDelivered(petitionDays),
    };
  }
}
