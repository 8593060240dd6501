import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, ConnectionShape, LoaderRegistry, NotFoundError, paginate } from '@app/core';
import {
  BranchPetitionsArgs,
  CreatePetitionInput,
  PetitionsArgs,
  UpdatePetitionInput,
} from './dto/petition.input';
import { Petition, PetitionStatus } from './petition.entity';
import { KeptCounts } from './kept-counts';
import { DayCount, PetitionRepository, PublicSigner } from './petition.repository';
import {
  PetitionLockedError,
  PetitionScopeError,
  PetitionStepError,
  PetitionWordingFixedError,
} from './petitions.errors';

export type { DayCount, PublicSigner } from './petition.repository';

const MOVES: Record<string, { from: PetitionStatus; to: PetitionStatus }> = {
  open: { from: 'DRAFT', to: 'OPEN' },
  close: { from: 'OPEN', to: 'CLOSED' },
  deliver: { from: 'CLOSED', to: 'DELIVERED' },
};

/** Petitions for organisers (their branches; national ones for admins) and the public. */
/** How long a petition's counts by constituency are kept (see `byConstituencyLoader`). */
const BY_CONSTITUENCY_CACHE_MS = 5_000;
const BY_CONSTITUENCY_CACHE_SIZE = 1_000;

@Injectable()
export class PetitionsService {
  private readonly constituencyCounts: KeptCounts<DayCount & { id: string }>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly petitions: PetitionRepository,
  ) {
    this.constituencyCounts = new KeptCounts(
      (ids) => this.petitions.byConstituency(ids),
      BY_CONSTITUENCY_CACHE_MS,
      BY_CONSTITUENCY_CACHE_SIZE,
    );
  }

  async create(actor: Actor, input: CreatePetitionInput): Promise<Petition> {
    this.requireScope(actor, input.branchId ?? null);
    return this.petitions.create({
      ...input,
      branchId: input.branchId ?? null,
      closesAt: input.closesAt ?? null,
      status: 'DRAFT',
      createdById: actor.memberId,
    });
  }

  async update(actor: Actor, input: UpdatePetitionInput): Promise<Petition> {
    return this.dataSource.transaction(async (manager) => {
      const petition = await this.lockManaged(actor, manager, input.id);
      if (petition.status !== 'DRAFT' && petition.status !== 'OPEN') {
        throw new PetitionLockedError();
      }
      // Once people sign, the words they signed stay: an open petition may only run longer or aim higher.
      const wordingChange = (['title', 'summary', 'body', 'targetName'] as const).some(
        (key) => input[key] !== undefined,
      );
      if (
        petition.status === 'OPEN' &&
        (wordingChange || (input.goal !== undefined && input.goal < petition.goal))
      ) {
        throw new PetitionWordingFixedError();
      }
      for (const key of ['title', 'summary', 'body', 'targetName', 'goal'] as const) {
        if (input[key] !== undefined) {
          (petition as unknown as Record<string, unknown>)[key] = input[key];
        }
      }
      if (input.closesAt !== undefined) {
        petition.closesAt = input.closesAt;
      }
      return this.petitions.save(petition, manager);
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
        throw new PetitionStepError(from, to, petition.status);
      }
      petition.status = to;
      if (to === 'OPEN') {
        petition.openedAt = new Date();
      }
      if (delivery) {
        petition.deliveredAt = delivery.at;
        petition.deliveryNote = delivery.note;
      }
      return this.petitions.save(petition, manager);
    });
  }

  list<T>(args: PetitionsArgs, toNode: (petition: Petition) => T): Promise<ConnectionShape<T>> {
    return paginate(this.petitions.listQuery(args), args, toNode);
  }

  /** A branch's petitions, drafts included, for those who organise it. */
  listForBranch<T>(
    actor: Actor,
    args: BranchPetitionsArgs,
    toNode: (petition: Petition) => T,
  ): Promise<ConnectionShape<T>> {
    if (!actor?.canManageBranch(args.branchId)) {
      throw new NotFoundError('Branch');
    }
    return paginate(this.petitions.branchListQuery(args.branchId, args.status), args, toNode);
  }

  /** Confirmed signatures per day across a branch's petitions over the last `days` days. */
  async branchByDay(actor: Actor, branchId: string, days: number): Promise<DayCount[]> {
    if (!actor?.canManageBranch(branchId)) {
      throw new NotFoundError('Branch');
    }
    return this.petitions.branchByDay(branchId, daysAgo(days));
  }

  /** Public unless a draft; a draft only for those who manage it. */
  async bySlug(actor: Actor | null, slug: string): Promise<Petition> {
    const petition = await this.petitions.findBySlug(slug);
    if (!petition || (petition.status === 'DRAFT' && !actor?.canManageBranch(petition.branchId))) {
      throw new NotFoundError('Petition');
    }
    return petition;
  }

  async getManaged(actor: Actor, id: string): Promise<Petition> {
    const petition = await this.petitions.findById(id);
    if (!petition || !actor?.canManageBranch(petition.branchId)) {
      throw new NotFoundError('Petition');
    }
    return petition;
  }

  /** Confirmed signatures per petition: the sum of its count shards. */
  countLoader(loaders: LoaderRegistry): DataLoader<string, number> {
    return loaders.get(
      'petitionCount',
      () =>
        new DataLoader<string, number>(async (ids) => {
          const counts = await this.petitions.counts(ids);
          return ids.map((id) => counts.get(id) ?? 0);
        }),
    );
  }

  byDayLoader(loaders: LoaderRegistry): DataLoader<string, DayCount[]> {
    return loaders.get('petitionByDay', () => grouped((ids) => this.petitions.byDay(ids)));
  }

  /**
   * A petition's confirmed signatures by constituency (the petition page). Counting a big petition
   * takes a while, so each petition's counts are kept BY_CONSTITUENCY_CACHE_MS and then refreshed
   * behind the page: readers get the kept counts while one count runs, and readers arriving while a
   * petition is first counted wait for that count rather than starting their own (a crowd on the
   * page never runs the count once each). A confirmation in this process forgets the kept counts.
   */
  byConstituencyLoader(loaders: LoaderRegistry): DataLoader<string, DayCount[]> {
    return loaders.get('petitionByConstituency', () =>
      grouped(async (ids) => (await this.constituencyCounts.get(ids)).flat()),
    );
  }

  /** A signature was confirmed (or its place changed): the petition's counts are read afresh. */
  forgetCounts(petitionId: string): void {
    this.constituencyCounts.forget(petitionId);
  }

  /** The 50 newest confirmed signers who chose to be shown, per petition. */
  recentLoader(loaders: LoaderRegistry): DataLoader<string, PublicSigner[]> {
    return loaders.get(
      'petitionRecent',
      () =>
        new DataLoader<string, PublicSigner[]>(async (ids) => {
          const rows = await this.petitions.recentSigners(ids);
          return ids.map((id) => rows.filter((r) => r.id === id));
        }),
    );
  }

  private async lockManaged(actor: Actor, manager: EntityManager, id: string): Promise<Petition> {
    const petition = await this.petitions.lock(manager, id);
    if (!petition || !actor?.canManageBranch(petition.branchId)) {
      throw new NotFoundError('Petition');
    }
    return petition;
  }

  private requireScope(actor: Actor, branchId: string | null): void {
    if (!actor?.canManageBranch(branchId)) {
      throw new PetitionScopeError(!branchId);
    }
  }
}

/** A loader of rows keyed by petition id, each petition's rows in the order the query gave them. */
function grouped(
  load: (ids: readonly string[]) => Promise<Array<DayCount & { id: string }>>,
): DataLoader<string, DayCount[]> {
  return new DataLoader<string, DayCount[]>(async (ids) => {
    const rows = await load(ids);
    return ids.map((id) => rows.filter((r) => r.id === id).map(({ key, count }) => ({ key, count })));
  });
}

/** The start of the day (Europe/London, near enough: UTC midnight) `days - 1` days before today. */
export function daysAgo(days: number, now = new Date()): Date {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  start.setUTCDate(start.getUTCDate() - (days - 1));
  return start;
}
