import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  ConflictError,
  ConnectionShape,
  ForbiddenError,
  LoaderRegistry,
  NotFoundError,
  paginate,
} from '@app/core';
import { CreatePetitionInput, PetitionsArgs, UpdatePetitionInput } from './dto/petition.input';
import { Petition, PetitionStatus } from './petition.entity';

export interface DayCount {
  key: string;
  count: number;
}

export interface PublicSigner {
  fullName: string;
  postcodeDistrict: string | null;
  confirmedAt: Date;
}

const MOVES: Record<string, { from: PetitionStatus; to: PetitionStatus }> = {
  open: { from: 'DRAFT', to: 'OPEN' },
  close: { from: 'OPEN', to: 'CLOSED' },
  deliver: { from: 'CLOSED', to: 'DELIVERED' },
};

/** Petitions for organisers (their branches; national ones for admins) and the public. */
@Injectable()
export class PetitionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(actor: Actor, input: CreatePetitionInput): Promise<Petition> {
    this.requireScope(actor, input.branchId ?? null);
    return this.dataSource.getRepository(Petition).save(
      this.dataSource.getRepository(Petition).create({
        ...input,
        branchId: input.branchId ?? null,
        closesAt: input.closesAt ?? null,
        status: 'DRAFT',
        createdById: actor.memberId,
      }),
    );
  }

  async update(actor: Actor, input: UpdatePetitionInput): Promise<Petition> {
    return this.dataSource.transaction(async (manager) => {
      const petition = await this.lockManaged(actor, manager, input.id);
      if (petition.status !== 'DRAFT' && petition.status !== 'OPEN') {
        throw new ConflictError('A closed or delivered petition cannot be changed.');
      }
      // Once people sign, the words they signed stay: an open petition may only run longer or aim higher.
      const wordingChange = (['title', 'summary', 'body', 'targetName'] as const).some(
        (key) => input[key] !== undefined,
      );
      if (
        petition.status === 'OPEN' &&
        (wordingChange || (input.goal !== undefined && input.goal < petition.goal))
      ) {
        throw new ConflictError(
          'An open petition keeps its wording; only its closing date and a higher goal can change.',
        );
      }
      for (const key of ['title', 'summary', 'body', 'targetName', 'goal'] as const) {
        if (input[key] !== undefined) {
          (petition as unknown as Record<string, unknown>)[key] = input[key];
        }
      }
      if (input.closesAt !== undefined) {
        petition.closesAt = input.closesAt;
      }
      return manager.save(petition);
    });
  }

  /** DRAFT → OPEN → CLOSED → DELIVERED, one step at a time. */
  async move(
    actor: Actor,
    id: string,
    step: keyof typeof MOVES,
    delivery?: { at: Date; note: string },
  ): Promise<Petition> {
    return this.dataSource.transaction(async (manager) => {
      const petition = await this.lockManaged(actor, manager, id);
      const { from, to } = MOVES[step];
      if (petition.status !== from) {
        throw new ConflictError(`Only a ${from} petition can become ${to}; this one is ${petition.status}.`);
      }
      petition.status = to;
      if (to === 'OPEN') {
        petition.openedAt = new Date();
      }
      if (delivery) {
        petition.deliveredAt = delivery.at;
        petition.deliveryNote = delivery.note;
      }
      return manager.save(petition);
    });
  }

  list<T>(args: PetitionsArgs, toNode: (petition: Petition) => T): Promise<ConnectionShape<T>> {
    const query = this.dataSource
      .getRepository(Petition)
      .createQueryBuilder('p')
      .where(`p.status <> 'DRAFT'`);
    if (args.status) {
      query.andWhere('p.status = :status', { status: args.status });
    }
    if (args.branchSlug) {
      query.andWhere('p.branch_id = (SELECT id FROM branch WHERE slug = :slug)', { slug: args.branchSlug });
    }
    return paginate(query, args, toNode);
  }

  /** Public unless a draft; a draft only for those who manage it. */
  async bySlug(actor: Actor | null, slug: string): Promise<Petition> {
    const petition = await this.dataSource.getRepository(Petition).findOneBy({ slug });
    if (!petition || (petition.status === 'DRAFT' && !actor?.canManageBranch(petition.branchId))) {
      throw new NotFoundError('Petition');
    }
    return petition;
  }

  async getManaged(actor: Actor, id: string): Promise<Petition> {
    const petition = await this.dataSource.getRepository(Petition).findOneBy({ id });
    if (!petition || !actor?.canManageBranch(petition.branchId)) {
      throw new NotFoundError('Petition');
    }
    return petition;
  }

  /** Confirmed signatures per petition: the sum of its count shards. */
  countLoader(loaders: LoaderRegistry): DataLoader<string, number> {
    return loaders.get('petitionCount', () =>
      this.grouped<number>(
        `SELECT petition_id AS id, sum(count)::int AS value FROM petition_count
         WHERE petition_id = ANY($1::uuid[]) GROUP BY petition_id`,
        0,
      ),
    );
  }

  byDayLoader(loaders: LoaderRegistry): DataLoader<string, DayCount[]> {
    return loaders.get('petitionByDay', () =>
      this.groupedRows(
        `SELECT petition_id AS id, to_char(confirmed_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS key, count(*)::int AS count
         FROM signature WHERE petition_id = ANY($1::uuid[]) AND status = 'CONFIRMED'
         GROUP BY petition_id, key ORDER BY key`,
      ),
    );
  }

  /**
   * Confirmed signatures per constituency of the active geography set, by name, most first; those
   * not placed in one of its constituencies under "unknown".
   */
  byConstituencyLoader(loaders: LoaderRegistry): DataLoader<string, DayCount[]> {
    return loaders.get('petitionByConstituency', () =>
      this.groupedRows(
        `SELECT s.petition_id AS id, coalesce(c.name, 'unknown') AS key, count(*)::int AS count
         FROM signature s
         LEFT JOIN constituency c
           ON c.code = s.constituency_code AND c.set_id = (SELECT id FROM geography_set WHERE active)
         WHERE s.petition_id = ANY($1::uuid[]) AND s.status = 'CONFIRMED'
         GROUP BY s.petition_id, key ORDER BY count DESC, key`,
      ),
    );
  }

  /** The 50 newest confirmed signers who chose to be shown, per petition. */
  recentLoader(loaders: LoaderRegistry): DataLoader<string, PublicSigner[]> {
    return loaders.get(
      'petitionRecent',
      () =>
        new DataLoader<string, PublicSigner[]>(async (ids) => {
          const rows = await this.dataSource.query<Array<PublicSigner & { id: string }>>(
            `SELECT s.id AS sid, s.petition_id AS id, s.full_name AS "fullName", s.postcode_district AS "postcodeDistrict",
                  s.confirmed_at AS "confirmedAt"
           FROM unnest($1::uuid[]) AS p(id)
           CROSS JOIN LATERAL (
             SELECT * FROM signature WHERE petition_id = p.id AND status = 'CONFIRMED' AND show_name
             ORDER BY confirmed_at DESC LIMIT 50
           ) s`,
            [ids],
          );
          return ids.map((id) => rows.filter((r) => r.id === id));
        }),
    );
  }

  private grouped<T>(sql: string, missing: T): DataLoader<string, T> {
    return new DataLoader<string, T>(async (ids) => {
      const rows = await this.dataSource.query<Array<{ id: string; value: T }>>(sql, [ids]);
      const values = new Map(rows.map((r) => [r.id, r.value]));
      return ids.map((id) => values.get(id) ?? missing);
    });
  }

  private groupedRows(sql: string): DataLoader<string, DayCount[]> {
    return new DataLoader<string, DayCount[]>(async (ids) => {
      const rows = await this.dataSource.query<Array<{ id: string; key: string; count: number }>>(sql, [ids]);
      return ids.map((id) => rows.filter((r) => r.id === id).map(({ key, count }) => ({ key, count })));
    });
  }

  private async lockManaged(actor: Actor, manager: EntityManager, id: string): Promise<Petition> {
    const petition = await manager.findOne(Petition, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!petition || !actor?.canManageBranch(petition.branchId)) {
      throw new NotFoundError('Petition');
    }
    return petition;
  }

  private requireScope(actor: Actor, branchId: string | null): void {
    if (!actor?.canManageBranch(branchId)) {
      throw new ForbiddenError(
        branchId
          ? 'You can start petitions only for branches you organise.'
          : 'National petitions are for admins.',
      );
    }
  }
}
