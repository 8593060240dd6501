import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@app/members';

/**
 * Mailings a person was sent, in their data download; on erasure their unsubscribe links stop
 * working and mail not yet written to them is cancelled (the rows stay, so figures stay right).
 */
@Injectable()
export class MailingsPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(
      'mailings',
      (manager, memberId) =>
        manager.query(
          `SELECT m.subject, r.status, r.sent_at AS "sentAt", r.unsubscribed_at AS "unsubscribedAt"
           FROM mailing_recipient r JOIN mailing m ON m.id = r.mailing_id
           WHERE r.member_id = $1 ORDER BY r.created_at`,
          [memberId],
        ),
      { perRecord: true },
    );
    this.registry.registerEraser('mailings', async (manager, person) => {
      await manager.query(
        `UPDATE mailing_recipient SET unsubscribe_token_hash = NULL,
           status = CASE WHEN status = 'PENDING' THEN 'CANCELLED' ELSE status END
         WHERE member_id = $1`,
        [person.memberId],
      );
    });
  }
}
