import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@app/members';
import { canonicalEmail } from './signer-rules';
import { Signature } from './signature.entity';

/**
 * Signatures in a person's data download (found by address, member or not), and anonymised (still
 * counted) when they are erased.
 */
@Injectable()
export class PetitionsPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register('signatures', async (manager, person) => {
      const rows = await manager.find(Signature, {
        where: { emailCanonical: canonicalEmail(person.email) },
        relations: { petition: true },
        order: { createdAt: 'ASC' },
      });
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
      const [row] = await manager.query<Array<{ full_name: string }>>(
        'SELECT full_name FROM signature WHERE email_canonical = $1 ORDER BY created_at DESC LIMIT 1',
        [canonicalEmail(email)],
      );
      return row ? { fullName: row.full_name } : null;
    });
    this.registry.registerEraser('signatures', async (manager, person) => {
      // The postcode district and constituency stay: not personal once the rest is gone, and the
      // public counts by constituency must not move.
      await manager.query(
        `UPDATE signature SET full_name = 'Erased', email = '', email_canonical = 'erased:' || id::text,
           postcode = NULL, show_name = false, ip_hash = NULL, confirm_token_hash = NULL,
           earlier_token_hashes = '{}'
         WHERE email_canonical = $1`,
        [canonicalEmail(person.email)],
      );
    });
  }
}
