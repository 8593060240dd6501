import { Injectable, OnModuleInit } from '@nestjs/common';
import { canonicalEmail } from '@app/core';
import { PersonalDataRegistry } from '@app/members';
import { Letter } from './letter.entity';

/**
 * Letters in a person's data download; on erasure their letters are anonymised (still counted) and
 * anything not yet sent is cancelled, with their name and address gone from the outbox too.
 */
@Injectable()
export class LettersPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register('letters', async (manager, person) => {
      const rows = await manager.find(Letter, {
        where: { emailCanonical: canonicalEmail(person.email) },
        relations: { campaign: true, target: true },
        order: { createdAt: 'ASC' },
      });
      return rows.map((l) => ({
        campaign: l.campaign?.title,
        to: l.target?.name,
        fullName: l.fullName,
        email: l.email,
        postcode: l.postcode,
        subject: l.subject,
        body: l.body,
        status: l.status,
        writtenAt: l.createdAt,
        sentAt: l.sentAt,
      }));
    });
    this.registry.registerHolder('letters', async (manager, email) => {
      const [row] = await manager.query<Array<{ full_name: string }>>(
        'SELECT full_name FROM letter WHERE email_canonical = $1 ORDER BY created_at DESC LIMIT 1',
        [canonicalEmail(email)],
      );
      return row ? { fullName: row.full_name } : null;
    });
    this.registry.registerEraser('letters', async (manager, person) => {
      // The addresses as they typed them (another form of the same canonical address included): the
      // confirmation and the copy went there.
      const addresses = await manager.query<Array<{ email: string }>>(
        'SELECT DISTINCT lower(email) AS email FROM letter WHERE email_canonical = $1',
        [canonicalEmail(person.email)],
      );
      if (addresses.length > 0) {
        await manager.query(
          `UPDATE outbox_message SET
             status = CASE WHEN status = 'PENDING' THEN 'FAILED' ELSE status END,
             to_address = 'erased', subject = '', text_body = NULL, html_body = NULL, last_error = NULL
           WHERE lower(to_address) = ANY($1::text[])`,
          [addresses.map((a) => a.email)],
        );
      }
      const [letters] = await manager.query<[Array<{ outbox_message_id: string | null }>, number]>(
        `UPDATE letter SET full_name = 'Erased', email = '', email_canonical = 'erased:' || id::text,
           postcode = '', subject = '', body = '', confirm_token_hash = NULL, earlier_token_hashes = '{}',
           status_key_hash = NULL,
           status = CASE WHEN status IN ('AWAITING_CONFIRMATION', 'QUEUED') THEN 'FAILED' ELSE status END,
           failure_reason = CASE WHEN status IN ('AWAITING_CONFIRMATION', 'QUEUED') THEN 'Withdrawn: the writer asked for their data to be erased.' ELSE failure_reason END
         WHERE email_canonical = $1
         RETURNING outbox_message_id`,
        [canonicalEmail(person.email)],
      );
      const ids = letters.map((l) => l.outbox_message_id).filter(Boolean);
      if (ids.length > 0) {
        await manager.query(
          `UPDATE outbox_message SET
             status = CASE WHEN status = 'PENDING' THEN 'FAILED' ELSE status END,
             subject = '', text_body = NULL, html_body = NULL, sender = NULL, reply_to = NULL,
             last_error = NULL
           WHERE id = ANY($1::uuid[])`,
          [ids],
        );
      }
    });
  }
}
