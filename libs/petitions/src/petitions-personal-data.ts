import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@app/members';
import { SignatureRepository } from './signature.repository';
import { canonicalEmail } from './signer-rules';

/**
 * Signatures in a person's data download (found by address, member or not), and anonymised (still
 * counted) when they are erased.
 */
@Injectable()
export class PetitionsPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly signatures: SignatureRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('signatures', async (manager, person) => {
      const rows = await this.signatures.byAddress(manager, canonicalEmail(person.email));
      return rows.map((s) => ({
        petition: s.petition?.title,
        fullName: s.fullName,
        email: s.email,
        postcode: s.postcode,
        constituencyCode: s.constituencyCode,
        showName: s.showName,
        status: s.status,
        signedAt: s.createdAt,
        confirmedAt: s.confirmedAt,
      }));
    });
    this.registry.registerHolder('signatures', async (manager, email) => {
      const fullName = await this.signatures.lastNameGiven(manager, canonicalEmail(email));
      return fullName === undefined ? null : { fullName };
    });
    this.registry.registerEraser('signatures', async (manager, person) => {
      await this.signatures.eraseByAddress(manager, canonicalEmail(person.email));
    });
  }
}
