import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TargetStance } from './target-stance.entity';

/** Every statement about the stances organisers record. */
@Injectable()
export class TargetStanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  add(manager: EntityManager, stance: Omit<TargetStance, 'id' | 'createdAt'>): Promise<TargetStance> {
    return manager.save(manager.create(TargetStance, stance));
  }

  /** A target's recorded stances on a campaign, latest first. */
  history(campaignId: string, targetId: string): Promise<TargetStance[]> {
    return this.dataSource.getRepository(TargetStance).find({
      where: { campaignId, targetId },
      order: { statedAt: 'DESC', createdAt: 'DESC' },
    });
  }

  /** The latest recorded stance of each target on a campaign. */
  latest(campaignId: string): Promise<TargetStance[]> {
    return this.dataSource
      .getRepository(TargetStance)
      .createQueryBuilder('s')
      .distinctOn(['s.target_id'])
      .where('s.campaign_id = :campaignId', { campaignId })
      .orderBy('s.target_id')
      .addOrderBy('s.stated_at', 'DESC')
      .addOrderBy('s.created_at', 'DESC')
      .getMany();
  }
}
