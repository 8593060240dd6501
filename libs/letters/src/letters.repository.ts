import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Queries over letters as a whole (retention); one writing's rules live in LettersService. */
@Injectable()
export class LetterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Deletes letters never confirmed, written more than `days` ago. */
  async deleteUnconfirmed(days: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `DELETE FROM letter WHERE status = 'AWAITING_CONFIRMATION'
         AND created_at < now() - make_interval(days => $1)`,
      [days],
    );
    return count;
  }

  /**
   * Scrubs the text and the writer's details from letters sent (or finally failed) more than `days`
   * ago, and the writer's name and address from their outbox rows. The campaign, recipient, status,
   * dates and personalised share stay, so every count and statistic stays right.
   */
  async scrubDelivered(days: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [rows, count] = await manager.query<[Array<{ outbox_message_id: string | null }>, number]>(
      `UPDATE letter SET full_name = '', email = '', email_canonical = 'scrubbed:' || id::text,
         postcode = '', subject = '', body = '', confirm_token_hash = NULL, earlier_token_hashes = '{}',
         status_key_hash = NULL
       WHERE email <> '' AND (
         (status = 'SENT' AND sent_at < now() - make_interval(days => $1)) OR
         (status = 'FAILED' AND coalesce(queued_at, created_at) < now() - make_interval(days => $1)))
       RETURNING outbox_message_id`,
      [days],
    );
    const ids = rows.map((r) => r.outbox_message_id).filter((id): id is string => !!id);
    if (ids.length > 0) {
      await manager.query(
        `UPDATE outbox_message SET subject = '', text_body = NULL, html_body = NULL, sender = NULL,
           reply_to = NULL, headers = '{}'
         WHERE id = ANY($1::uuid[]) AND status <> 'PENDING'`,
        [ids],
      );
    }
    return count;
  }
}
