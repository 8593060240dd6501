import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Certificate } from './certificate.entity';
import { CampaignEvent } from './event.entity';

/** Every statement about the `certificate` table. */
@Injectable()
export class CertificateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Issues a certificate unless the member already has one for the event. */
  async issueOnce(
    manager: EntityManager,
    values: Pick<Certificate, 'memberId' | 'eventId' | 'trainingKind' | 'issuedOn' | 'validUntil'>,
  ): Promise<void> {
    await manager.createQueryBuilder().insert().into(Certificate).values(values).orIgnore().execute();
  }

  /** A member's certificates with their events, newest first. */
  async withEvents(memberId: string): Promise<Array<Certificate & { event: CampaignEvent }>> {
    return (await this.dataSource.getRepository(Certificate).find({
      where: { memberId },
      relations: { event: true },
      order: { issuedOn: 'DESC' },
    })) as Array<Certificate & { event: CampaignEvent }>;
  }

  /** A member record's certificates, oldest first (for the person's data download). */
  byMember(manager: EntityManager, memberId: string): Promise<Certificate[]> {
    return manager.find(Certificate, { where: { memberId }, order: { issuedOn: 'ASC' } });
  }

  /**
   * Certificates running out within 30 days whose holder has not been told nor trained again since
   * (at most 500), locked; rows another worker holds are skipped.
   */
  dueRefreshers(manager: EntityManager): Promise<Certificate[]> {
    return (
      manager
        .getRepository(Certificate)
        .createQueryBuilder('c')
        .where('c.refresher_sent_at IS NULL')
        .andWhere(`c.valid_until >= current_date AND c.valid_until <= current_date + 30`)
        // Not for people who have trained again since.
        .andWhere(
          `NOT EXISTS (SELECT 1 FROM certificate later WHERE later.member_id = c.member_id
             AND later.training_kind = c.training_kind AND later.valid_until > c.valid_until)`,
        )
        .orderBy('c.id')
        .limit(500)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany()
    );
  }

  async markRefresherSent(manager: EntityManager, id: string): Promise<void> {
    await manager.update(Certificate, id, { refresherSentAt: new Date() });
  }

  /**
   * Moves a provisional record's certificates to the person's own record; where both have one for
   * the same event, the own record's stands.
   */
  async moveToRecord(manager: EntityManager, from: string, into: string): Promise<void> {
    await manager.query(
      `DELETE FROM certificate c USING certificate own
       WHERE c.member_id = $1 AND own.member_id = $2 AND own.event_id = c.event_id`,
      [from, into],
    );
    await manager.query(`UPDATE certificate SET member_id = $2 WHERE member_id = $1`, [from, into]);
  }
}
