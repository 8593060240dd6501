import { Injectable, OnModuleInit } from '@nestjs/common';
import { MemberRepository, PersonalDataRegistry } from '@app/members';
import { SignatureRepository } from './signature.repository';
import { canonicalEmail } from './signer-rules';

/** Signatures in a person's data download, and anonymised (still counted) when they are erased. */
@Injectable()
export class PetitionsPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly members: MemberRepository,
    private readonly signatures: SignatureRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('signatures', async (manager, memberId) => {
      const member = await this.members.getById(memberId, manager);
      const rows = await this.signatures.byAddress(manager, canonicalEmail(member.email));
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
    this.registry.registerEraser('signatures', async (manager, person) => {
      await this.signatures.eraseByAddress(manager, canonicalEmail(person.email));
    });
  }
}
