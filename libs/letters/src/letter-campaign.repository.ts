import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { returnedEntity } from '@app/core';
import { Target } from '@app/targets';
import { LetterCampaign, LetterCampaignTarget } from './letter-campaign.entity';

/** Every statement about the `letter_campaign` and `letter_campaign_target` tables. */
@Injectable()
export class LetterCampaignRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  create(manager: EntityManager, values: Partial<LetterCampaign>): Promise<LetterCampaign> {
    return manager.save(manager.create(LetterCampaign, values));
  }

  save(manager: EntityManager, campaign: LetterCampaign): Promise<LetterCampaign> {
    return manager.save(campaign);
  }

  /** The campaign, locked for the rest of `manager`'s transaction. */
  lock(manager: EntityManager, id: string): Promise<LetterCampaign | null> {
    return manager.findOne(LetterCampaign, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<LetterCampaign | null> {
    return manager.findOneBy(LetterCampaign, { id });
  }

  async findBySlug(slug: string): Promise<LetterCampaign | null> {
    // Raw: on every public letter's path, where the entity find's query building showed.
    const [row] = await this.dataSource.query<Array<Record<string, unknown>>>(
      'SELECT * FROM letter_campaign WHERE slug = $1 LIMIT 1',
      [slug],
    );
    return row ? returnedEntity(this.dataSource.manager, LetterCampaign, row) : null;
  }

  /** Open and closed campaigns (never drafts), for the keyset paginator. */
  listQuery(): SelectQueryBuilder<LetterCampaign> {
    return this.dataSource.getRepository(LetterCampaign).createQueryBuilder('c').where(`c.status <> 'DRAFT'`);
  }

  /** A branch's campaigns, drafts included, for the keyset paginator. */
  branchListQuery(branchId: string): SelectQueryBuilder<LetterCampaign> {
    return this.dataSource
      .getRepository(LetterCampaign)
      .createQueryBuilder('c')
      .where('c.branch_id = :branchId', { branchId });
  }

  count(manager: EntityManager): Promise<number> {
    return manager.count(LetterCampaign);
  }

  /** One demo seeding at a time, for the rest of the transaction. */
  async lockDemoSeed(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('seed-demo-letters'))`);
  }

  /** The id of the branch with that slug, or null. */
  async branchIdBySlug(manager: EntityManager, slug: string): Promise<string | null> {
    const [branch] = await manager.query<Array<{ id: string }>>('SELECT id FROM branch WHERE slug = $1', [
      slug,
    ]);
    return branch?.id ?? null;
  }

  /** The fixed recipients of these campaigns, with their targets. */
  targetRows(campaignIds: readonly string[]): Promise<LetterCampaignTarget[]> {
    return this.dataSource
      .getRepository(LetterCampaignTarget)
      .find({ where: { campaignId: In([...campaignIds]) }, relations: { target: true } });
  }

  /** The fixed recipients of a campaign. */
  async targetsOf(campaignId: string, manager?: EntityManager): Promise<Target[]> {
    const rows = await this.manager(manager).find(LetterCampaignTarget, {
      where: { campaignId },
      relations: { target: true },
    });
    return rows.map((r) => r.target!);
  }

  async targetIdsOf(manager: EntityManager, campaignId: string): Promise<string[]> {
    return (await manager.findBy(LetterCampaignTarget, { campaignId })).map((t) => t.targetId);
  }

  /** The campaign's fixed recipients become `targetIds` (none: no fixed list). */
  async setTargets(
    manager: EntityManager,
    campaignId: string,
    targetIds: string[],
    replace = false,
  ): Promise<void> {
    if (replace) {
      await manager.delete(LetterCampaignTarget, { campaignId });
    }
    if (targetIds.length > 0) {
      await manager.insert(
        LetterCampaignTarget,
        targetIds.map((targetId) => ({ campaignId, targetId })),
      );
    }
  }
}
