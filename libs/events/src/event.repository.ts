import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { repeatClaimCte, returnedEntity } from '@app/core';
import { CampaignEvent, EventKind } from './event.entity';

/** Every statement about the `event` table. */
@Injectable()
export class EventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** A new event object, not yet stored (its rules are checked before it is). */
  build(values: Partial<CampaignEvent>): CampaignEvent {
    return this.dataSource.getRepository(CampaignEvent).create(values);
  }

  save(event: CampaignEvent, manager?: EntityManager): Promise<CampaignEvent> {
    return this.manager(manager).save(event);
  }

  /** Serialises demo seeding (seed-demo run twice at once) for the rest of the transaction. */
  async lockDemoSeed(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('seed-demo-events'))`);
  }

  /** Events of every status. */
  countAll(manager: EntityManager): Promise<number> {
    return manager.count(CampaignEvent);
  }

  findById(id: string, manager?: EntityManager): Promise<CampaignEvent | null> {
    return this.manager(manager).findOneBy(CampaignEvent, { id });
  }

  /** The event, which must exist (a foreign key says so). */
  getById(manager: EntityManager, id: string): Promise<CampaignEvent> {
    return manager.findOneByOrFail(CampaignEvent, { id });
  }

  /**
   * The event, locked for the rest of `manager`'s transaction: every change to who is going
   * happens under this lock, so capacity holds whatever the concurrency.
   */
  lock(manager: EntityManager, id: string): Promise<CampaignEvent | null> {
    return manager.findOne(CampaignEvent, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * `lock`, with the repeat guard's claim of `repeat.key` in the same statement (see
   * `repeatClaimCte`): the locked event and whether the request is the first of its kind lately, or
   * null if there is no such event (the claim is made either way, as a claim of its own would be).
   */
  async lockClaiming(
    manager: EntityManager,
    id: string,
    repeat: { key: string; windowMs: number },
  ): Promise<{ event: CampaignEvent; first: boolean } | null> {
    // Raw: the claim and the lock in one round trip (a public reply's path).
    const [row] = await manager.query<Array<Record<string, unknown> & { repeat_first: boolean }>>(
      `WITH ${repeatClaimCte('$2', '$3')}
       SELECT e.*, EXISTS (SELECT 1 FROM claim) AS repeat_first FROM event e WHERE e.id = $1 FOR UPDATE OF e`,
      [id, repeat.key, repeat.windowMs / 1000],
    );
    return row ? { event: returnedEntity(manager, CampaignEvent, row), first: row.repeat_first } : null;
  }

  /**
   * The public list's query: published and cancelled events (so people see the news) starting from
   * `from`, for the keyset paginator.
   */
  publicQuery(filter: {
    from: Date;
    to?: Date | null;
    kind?: EventKind | null;
    branchSlug?: string | null;
  }): SelectQueryBuilder<CampaignEvent> {
    const query = this.dataSource
      .getRepository(CampaignEvent)
      .createQueryBuilder('e')
      .where(`e.status IN ('PUBLISHED', 'CANCELLED')`)
      .andWhere('e.starts_at >= :from', { from: filter.from });
    if (filter.to) {
      query.andWhere('e.starts_at < :to', { to: filter.to });
    }
    if (filter.kind) {
      query.andWhere('e.kind = :kind', { kind: filter.kind });
    }
    if (filter.branchSlug) {
      query.andWhere('e.branch_id = (SELECT id FROM branch WHERE slug = :slug)', { slug: filter.branchSlug });
    }
    return query;
  }

  /**
   * A branch's events of every status for its organisers, for the keyset paginator: those not yet
   * over (soonest first), or with `past` those that are (most recent first).
   */
  branchQuery(branchId: string, past: boolean): SelectQueryBuilder<CampaignEvent> {
    return this.dataSource
      .getRepository(CampaignEvent)
      .createQueryBuilder('e')
      .where('e.branch_id = :branchId', { branchId })
      .andWhere(past ? 'e.ends_at <= now()' : 'e.ends_at > now()');
  }

  /** A branch's public events that ended at most 30 days ago or are still to come (at most 500). */
  forCalendar(branchId: string): Promise<CampaignEvent[]> {
    return this.dataSource
      .getRepository(CampaignEvent)
      .createQueryBuilder('e')
      .where(`e.branch_id = :branchId AND e.status IN ('PUBLISHED', 'CANCELLED')`, { branchId })
      .andWhere(`e.ends_at > now() - interval '30 days'`)
      .orderBy('e.starts_at')
      .limit(500)
      .getMany();
  }

  /** The branch's next published training of this kind, or null. */
  nextTraining(manager: EntityManager, branchId: string, kind: string): Promise<CampaignEvent | null> {
    return manager
      .getRepository(CampaignEvent)
      .createQueryBuilder('e')
      .where(`e.branch_id = :branchId AND e.status = 'PUBLISHED' AND e.is_training`, { branchId })
      .andWhere('e.training_kind = :kind AND e.starts_at > now()', { kind })
      .orderBy('e.starts_at')
      .getOne();
  }
}
