import { Injectable } from '@nestjs/common';
import { SignatureRepository } from './signature.repository';

/** How long a signature keeps the hash of the client address it came from (for the fraud limits). */
export const CLIENT_ADDRESS_DAYS = 7;

/** Client addresses are used only for fraud limits, and kept briefly (DESIGN.md §5). */
@Injectable()
export class ClientAddressRetention {
  constructor(private readonly signatures: SignatureRepository) {}

  /** Forgets client-address hashes older than a week; returns how many. */
  forgetOld(): Promise<number> {
    return this.signatures.forgetClientAddresses(CLIENT_ADDRESS_DAYS);
  }
}
