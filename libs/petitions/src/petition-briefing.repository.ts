import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Every statement about petition briefings, and the signature counts they are made of. */
@Injectable()
export class PetitionBriefingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A petition's confirmed signatures per constituency code (null: outside Scotland or not placed). */
  async confirmedByConstituency(petitionId: string): Promise<Array<{ code: string | null; count: number }>> {
    return this.dataSource.query<Array<{ code: string | null; count: number }>>(
      `SELECT constituency_code AS code, count(*)::int AS count FROM signature
       WHERE petition_id = $1 AND status = 'CONFIRMED' GROUP BY constituency_code`,
      [petitionId],
    );
  }

  /**
   * Claims the right to send the petition's briefing to these MSPs: a new row for each not yet sent
   * (or, with `resend`, every one, counting the sending). Parallel calls race on the primary key and
   * only one claims each MSP. The ids claimed.
   */
  async claim(
    manager: EntityManager,
    petitionId: string,
    rows: Array<{ targetId: string; signers: number }>,
    sentById: string,
    resend: boolean,
  ): Promise<string[]> {
    if (rows.length === 0) {
      return [];
    }
    // Raw SQL: a multi-row upsert whose conflict action depends on `resend`.
    const claimed = await manager.query<Array<{ target_id: string }>>(
      `INSERT INTO petition_briefing (petition_id, target_id, signers, sent_by_id, last_sent_at)
       SELECT $1, t.target_id, t.signers, $4, now()
       FROM unnest($2::uuid[], $3::int[]) AS t(target_id, signers)
       ON CONFLICT (petition_id, target_id) DO ${
         resend
           ? `UPDATE SET signers = EXCLUDED.signers, sent_by_id = EXCLUDED.sent_by_id,
                last_sent_at = now(), sendings = petition_briefing.sendings + 1`
           : 'NOTHING'
       }
       RETURNING target_id`,
      [petitionId, rows.map((r) => r.targetId), rows.map((r) => r.signers), sentById],
    );
    return claimed.map((c) => c.target_id);
  }

  async setMessage(
    manager: EntityManager,
    petitionId: string,
    targetId: string,
    outboxMessageId: string,
  ): Promise<void> {
    // Raw, as the claim above that writes these rows: one UPDATE by the composite key, no entity load.
    await manager.query(
      'UPDATE petition_briefing SET outbox_message_id = $3 WHERE petition_id = $1 AND target_id = $2',
      [petitionId, targetId, outboxMessageId],
    );
  }

  /** When each MSP's briefing on the petition was last sent, and how often. */
  async sent(petitionId: string): Promise<Map<string, { lastSentAt: Date; sendings: number }>> {
    const rows = await this.dataSource.query<
      Array<{ target_id: string; last_sent_at: Date; sendings: number }>
    >('SELECT target_id, last_sent_at, sendings FROM petition_briefing WHERE petition_id = $1', [petitionId]);
    return new Map(rows.map((r) => [r.target_id, { lastSentAt: r.last_sent_at, sendings: r.sendings }]));
  }
}
