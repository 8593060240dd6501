import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Queries over the outbox as a whole (retention, figures); sending lives in MailDeliveryService. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Mail sent (or finally failed) more than `days` ago loses its recipient and content; the row
   * stays, with its kind, status and dates, for the figures.
   */
  async scrubFinished(days: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE outbox_message SET to_address = '', subject = '', text_body = NULL, html_body = NULL,
         attachments = NULL, headers = '{}', sender = NULL, reply_to = NULL, last_error = NULL
       WHERE status <> 'PENDING' AND to_address <> ''
         AND coalesce(sent_at, failed_at, created_at) < now() - make_interval(days => $1)`,
      [days],
    );
    return count;
  }

  /** Rows by status. */
  async countByStatus(): Promise<Array<{ status: string; count: number }>> {
    const rows = await this.dataSource.query<Array<{ status: string; count: string }>>(
      `SELECT status, count(*) AS count FROM outbox_message GROUP BY status`,
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
  }

  /** Seconds the oldest message still waiting has waited (0 when none waits). */
  async oldestPendingAgeSeconds(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ age: string | null }>>(
      `SELECT extract(epoch FROM now() - min(created_at)) AS age FROM outbox_message WHERE status = 'PENDING'`,
    );
    return Number(row?.age ?? 0);
  }

  /** Messages sent and failed, by kind (template), since the outbox began. */
  async finishedByKind(): Promise<Array<{ kind: string; status: string; count: number }>> {
    const rows = await this.dataSource.query<Array<{ template: string; status: string; count: string }>>(
      `SELECT template, status, count(*) AS count FROM outbox_message
       WHERE status IN ('SENT', 'FAILED') GROUP BY template, status`,
    );
    return rows.map((r) => ({ kind: r.template, status: r.status, count: Number(r.count) }));
  }
}
