import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@app/members';

/**
 * Mailings a person was sent, in their data download; on erasure their unsubscribe links stop
 * working, mail not yet sent to them is cancelled, and the outbox forgets their address (the
 * recipient rows stay, so figures stay right).
 */
@Injectable()
export class MailingsPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(
      'mailings',
      // Mailings go to member records only: an address without one was never mailed.
      async (manager, person) =>
        person.memberId
          ? manager.query(
              `SELECT m.subject, r.status, r.sent_at AS "sentAt", r.unsubscribed_at AS "unsubscribedAt"
               FROM mailing_recipient r JOIN mailing m ON m.id = r.mailing_id
               WHERE r.member_id = $1 ORDER BY r.created_at`,
              [person.memberId],
            )
          : [],
      { perRecord: true },
    );
    this.registry.registerEraser('mailings', async (manager, person) => {
      if (!person.memberId) {
        return;
      }
      // Mail written but not yet sent is withdrawn, and the outbox keeps no address or name of theirs.
      await manager.query(
        `UPDATE outbox_message SET
           status = CASE WHEN status = 'PENDING' THEN 'FAILED' ELSE status END,
           to_address = 'erased', subject = '', text_body = NULL, html_body = NULL, last_error = NULL
         WHERE id IN (SELECT outbox_message_id FROM mailing_recipient WHERE member_id = $1)`,
        [person.memberId],
      );
      await manager.query(
        `UPDATE mailing_recipient SET unsubscribe_token_hash = NULL,
           status = CASE WHEN status IN ('PENDING', 'QUEUED') THEN 'CANCELLED' ELSE status END
         WHERE member_id = $1`,
        [person.memberId],
      );
    });
  }
}
