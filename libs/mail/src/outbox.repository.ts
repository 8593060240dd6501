import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';

/** A new outbox row: what `Mailbag.add` writes. */
export type NewOutboxMessage = Pick<
  OutboxMessage,
  | 'template'
  | 'toAddress'
  | 'subject'
  | 'textBody'
  | 'htmlBody'
  | 'headers'
  | 'attachments'
  | 'sender'
  | 'replyTo'
  | 'paceKey'
  | 'paceMs'
  | 'expiresAt'
>;

/** A row waiting to be queued again by the sweep. */
export type SweepRow = Pick<OutboxMessage, 'id' | 'createdAt' | 'retryAt'>;

/** Every statement about the `outbox_message` table. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Writes one email as a PENDING row in the caller's transaction; returns its id. */
  async insert(manager: EntityManager, values: NewOutboxMessage): Promise<string> {
    const row = await manager.getRepository(OutboxMessage).save(values);
    return row.id;
  }

  findById(id: string): Promise<OutboxMessage | null> {
    return this.dataSource.getRepository(OutboxMessage).findOneBy({ id });
  }

  /**
   * One page of the rows still PENDING after `graceMs`, oldest first, after the keyset `after`
   * (for the sweep).
   */
  pendingPage(graceMs: number, limit: number, after?: { createdAt: Date; id: string }): Promise<SweepRow[]> {
    const query = this.dataSource
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .select(['m.id', 'm.createdAt', 'm.retryAt'])
      .where(`m.status = 'PENDING'`)
      .andWhere(`m.created_at < now() - make_interval(secs => :grace)`, { grace: graceMs / 1000 })
      .orderBy('m.created_at')
      .addOrderBy('m.id')
      .limit(limit);
    if (after) {
      query.andWhere('(m.created_at, m.id) > (:createdAt, :id)', after);
    }
    return query.getMany();
  }

  /**
   * Changes a row only while it is still PENDING (another worker may have settled it); false if it
   * was not.
   */
  async updatePending(
    id: string,
    changes: Partial<OutboxMessage>,
    manager?: EntityManager,
  ): Promise<boolean> {
    const updated = await this.manager(manager).update(OutboxMessage, { id, status: 'PENDING' }, changes);
    return !!updated.affected;
  }

  /** The mail written to an address (case as stored), oldest first: for the person's data download. */
  toAddress(manager: EntityManager, address: string): Promise<OutboxMessage[]> {
    return manager.find(OutboxMessage, { where: { toAddress: address }, order: { createdAt: 'ASC' } });
  }

  /**
   * Erasure: every message to the address (in any case) keeps only its status and times, addressed
   * to `placeholder` from now on; any still waiting is given up, so nothing is sent to it.
   */
  async eraseAddress(manager: EntityManager, address: string, placeholder: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({
        toAddress: placeholder,
        subject: '(erased)',
        textBody: null,
        htmlBody: null,
        attachments: null,
        headers: {},
        lastError: null,
      })
      .where('lower(to_address) = lower(:email)', { email: address })
      .execute();
    await manager
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ status: 'FAILED', failedAt: () => 'now()', lastError: "erased at the recipient's request" })
      .where(`to_address = :placeholder AND status = 'PENDING'`, { placeholder })
      .execute();
  }
}
