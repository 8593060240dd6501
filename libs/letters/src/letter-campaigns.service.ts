import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  Actor,
  BadUserInputError,
  ConflictError,
  ConnectionArgs,
  ConnectionShape,
  ForbiddenError,
  groupedBy,
  LoaderRegistry,
  NotFoundError,
  paginate,
} from '@app/core';
import { Target } from '@app/targets';
import { CreateLetterCampaignInput, UpdateLetterCampaignInput } from './dto/letter-campaign.input';
import {
  LetterCampaign,
  LetterCampaignStatus,
  LetterCampaignTarget,
  Targeting,
} from './letter-campaign.entity';
import { LetterTemplateError, parseLetterTemplate } from './letter-template';

const MOVES = {
  open: { from: 'DRAFT', to: 'OPEN' },
  close: { from: 'OPEN', to: 'CLOSED' },
} as const satisfies Record<string, { from: LetterCampaignStatus; to: LetterCampaignStatus }>;

const DEMO_LETTER = `Dear {{target.name}},

I live in {{constituency.name}} ({{supporter.postcode}}) and I am writing to ask you to support
drug checking services in every community in Scotland.

Drug checking lets people who use drugs find out what is really in what they have bought, and talk
to a harm-reduction worker while they do. It saves lives and it costs little.

Please tell me what you will do to make it happen.

Yours sincerely,
{{supporter.fullName}}`;

export interface CampaignStats {
  written: number;
  confirmed: number;
  sent: number;
  failed: number;
  personalisedShare: number;
  byTarget: Array<{ target: Target; confirmed: number; sent: number; failed: number }>;
}

/** Checks a campaign's templates when it is saved: unknown placeholders and broken ones are refused. */
export function checkTemplates(templates: { subjectTemplate?: string; bodyTemplate?: string }): void {
  const problems: Array<{ field: string; message: string }> = [];
  for (const field of ['subjectTemplate', 'bodyTemplate'] as const) {
    const source = templates[field];
    if (source === undefined) {
      continue;
    }
    try {
      parseLetterTemplate(source);
    } catch (error) {
      if (!(error instanceof LetterTemplateError)) {
        throw error;
      }
      problems.push({ field, message: error.message });
    }
  }
  if (problems.length > 0) {
    throw new BadUserInputError(`The template ${problems[0].message}.`, problems);
  }
}

/** Letter campaigns for organisers (their branches; national ones for admins) and the public. */
@Injectable()
export class LetterCampaignsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(actor: Actor, input: CreateLetterCampaignInput): Promise<LetterCampaign> {
    this.requireScope(actor, input.branchId ?? null);
    checkTemplates(input);
    return this.dataSource.transaction(async (manager) => {
      const targetIds = await this.checkTargets(manager, input.targeting, input.targetIds ?? []);
      const campaign = await manager.save(
        manager.create(LetterCampaign, {
          title: input.title,
          slug: input.slug,
          branchId: input.branchId ?? null,
          targeting: input.targeting,
          subjectTemplate: input.subjectTemplate,
          bodyTemplate: input.bodyTemplate,
          requirePersonalisation: input.requirePersonalisation,
          status: 'DRAFT',
          createdById: actor.memberId,
        }),
      );
      await this.setTargets(manager, campaign.id, targetIds);
      return campaign;
    });
  }

  /**
   * Drafts and open campaigns can change; letters already written keep the words their writers
   * confirmed. A closed campaign stays as it was.
   */
  async update(actor: Actor, input: UpdateLetterCampaignInput): Promise<LetterCampaign> {
    checkTemplates(input);
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.lockManaged(actor, manager, input.id);
      if (campaign.status === 'CLOSED') {
        throw new ConflictError('A closed letter campaign cannot be changed.');
      }
      const targeting = input.targeting ?? campaign.targeting;
      if (input.targeting !== undefined || input.targetIds !== undefined) {
        const current = await manager.findBy(LetterCampaignTarget, { campaignId: campaign.id });
        const targetIds = await this.checkTargets(
          manager,
          targeting,
          input.targetIds ?? current.map((t) => t.targetId),
        );
        await manager.delete(LetterCampaignTarget, { campaignId: campaign.id });
        await this.setTargets(manager, campaign.id, targetIds);
      }
      for (const key of ['title', 'subjectTemplate', 'bodyTemplate', 'requirePersonalisation'] as const) {
        if (input[key] !== undefined) {
          (campaign as unknown as Record<string, unknown>)[key] = input[key];
        }
      }
      campaign.targeting = targeting;
      return manager.save(campaign);
    });
  }

  /** DRAFT → OPEN → CLOSED. */
  async move(actor: Actor, id: string, step: keyof typeof MOVES): Promise<LetterCampaign> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.lockManaged(actor, manager, id);
      const { from, to } = MOVES[step];
      if (campaign.status !== from) {
        throw new ConflictError(
          `Only a ${from} letter campaign can become ${to}; this one is ${campaign.status}.`,
        );
      }
      campaign.status = to;
      if (to === 'OPEN') {
        campaign.openedAt = new Date();
      } else {
        campaign.closedAt = new Date();
      }
      return manager.save(campaign);
    });
  }

  /** The demo's open campaign for a branch, if there are no campaigns yet; its slug, or null. */
  async seedDemo(branchSlug: string): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('seed-demo-letters'))`);
      const [branch] = await manager.query<Array<{ id: string }>>('SELECT id FROM branch WHERE slug = $1', [
        branchSlug,
      ]);
      if (!branch || (await manager.count(LetterCampaign)) > 0) {
        return null;
      }
      const campaign = await manager.save(
        manager.create(LetterCampaign, {
          slug: 'drug-checking-now',
          title: 'Ask your MSPs to back drug checking',
          branchId: branch.id,
          targeting: 'MY_MSPS',
          subjectTemplate: 'Drug checking services in {{constituency.name}}',
          bodyTemplate: DEMO_LETTER,
          requirePersonalisation: true,
          status: 'OPEN',
          openedAt: new Date(),
        }),
      );
      return campaign.slug;
    });
  }

  /** Open and closed campaigns, newest first; drafts are seen only through `letterCampaign`. */
  list<T>(args: ConnectionArgs, toNode: (campaign: LetterCampaign) => T): Promise<ConnectionShape<T>> {
    const query = this.dataSource
      .getRepository(LetterCampaign)
      .createQueryBuilder('c')
      .where(`c.status <> 'DRAFT'`);
    return paginate(query, args, toNode);
  }

  /** Public unless a draft; a draft only for those who manage it. */
  async bySlug(actor: Actor | null, slug: string): Promise<LetterCampaign> {
    const campaign = await this.dataSource.getRepository(LetterCampaign).findOneBy({ slug });
    if (!campaign || (campaign.status === 'DRAFT' && !actor?.canManageBranch(campaign.branchId))) {
      throw new NotFoundError('Letter campaign');
    }
    return campaign;
  }

  /** The fixed recipients of SELECTED_TARGETS campaigns, per campaign. */
  targetsLoader(loaders: LoaderRegistry): DataLoader<string, LetterCampaignTarget[]> {
    return loaders.get('letterCampaignTargets', () =>
      groupedBy(
        (ids) =>
          this.dataSource
            .getRepository(LetterCampaignTarget)
            .find({ where: { campaignId: In([...ids]) }, relations: { target: true } }),
        (row) => row.campaignId,
      ),
    );
  }

  async targetsOf(manager: EntityManager, campaignId: string): Promise<Target[]> {
    const rows = await manager.find(LetterCampaignTarget, {
      where: { campaignId },
      relations: { target: true },
    });
    return rows.map((r) => r.target!).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** For those who manage the campaign only. */
  async stats(
    actor: Actor | null,
    campaign: { id: string; branchId: string | null },
  ): Promise<CampaignStats> {
    if (!actor?.canManageBranch(campaign.branchId)) {
      throw new ForbiddenError('Letter campaign figures are for its organisers.');
    }
    const [totals] = await this.dataSource.query<Array<Omit<CampaignStats, 'byTarget'>>>(
      `SELECT count(*)::int AS written,
              count(*) FILTER (WHERE status <> 'AWAITING_CONFIRMATION')::int AS confirmed,
              count(*) FILTER (WHERE status = 'SENT')::int AS sent,
              count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
              coalesce(round(avg(personalised_share) FILTER (WHERE status <> 'AWAITING_CONFIRMATION')::numeric, 3), 0)::float8
                AS "personalisedShare"
       FROM letter WHERE campaign_id = $1`,
      [campaign.id],
    );
    const rows = await this.dataSource.query<
      Array<{ target_id: string; confirmed: number; sent: number; failed: number }>
    >(
      `SELECT target_id,
              count(*) FILTER (WHERE status <> 'AWAITING_CONFIRMATION')::int AS confirmed,
              count(*) FILTER (WHERE status = 'SENT')::int AS sent,
              count(*) FILTER (WHERE status = 'FAILED')::int AS failed
       FROM letter WHERE campaign_id = $1 GROUP BY target_id
       HAVING count(*) FILTER (WHERE status <> 'AWAITING_CONFIRMATION') > 0
       ORDER BY confirmed DESC, target_id`,
      [campaign.id],
    );
    const targets = new Map(
      (await this.dataSource.getRepository(Target).findBy({ id: In(rows.map((r) => r.target_id)) })).map(
        (t) => [t.id, t],
      ),
    );
    return {
      ...totals,
      byTarget: rows.map((r) => ({
        target: targets.get(r.target_id)!,
        confirmed: r.confirmed,
        sent: r.sent,
        failed: r.failed,
      })),
    };
  }

  /** SELECTED_TARGETS needs active targets; the supporter's MSPs are found from their postcode. */
  private async checkTargets(
    manager: EntityManager,
    targeting: Targeting,
    targetIds: string[],
  ): Promise<string[]> {
    const ids = [...new Set(targetIds)];
    if (targeting !== 'SELECTED_TARGETS') {
      if (ids.length > 0) {
        throw new BadUserInputError('Only a SELECTED_TARGETS campaign has a fixed list of targets.', [
          { field: 'targetIds', message: `must be empty for ${targeting}` },
        ]);
      }
      return [];
    }
    if (ids.length === 0) {
      throw new BadUserInputError('Choose at least one target.', [
        { field: 'targetIds', message: 'must name at least one target' },
      ]);
    }
    const found = await manager.findBy(Target, { id: In(ids), active: true });
    if (found.length !== ids.length) {
      throw new BadUserInputError('Some of those targets do not exist or are no longer active.', [
        { field: 'targetIds', message: 'must be active targets' },
      ]);
    }
    return ids;
  }

  private async setTargets(manager: EntityManager, campaignId: string, targetIds: string[]): Promise<void> {
    if (targetIds.length > 0) {
      await manager.insert(
        LetterCampaignTarget,
        targetIds.map((targetId) => ({ campaignId, targetId })),
      );
    }
  }

  private async lockManaged(actor: Actor, manager: EntityManager, id: string): Promise<LetterCampaign> {
    const campaign = await manager.findOne(LetterCampaign, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!campaign || !actor?.canManageBranch(campaign.branchId)) {
      throw new NotFoundError('Letter campaign');
    }
    return campaign;
  }

  private requireScope(actor: Actor, branchId: string | null): void {
    if (!actor?.canManageBranch(branchId)) {
      throw new ForbiddenError(
        branchId
          ? 'You can start letter campaigns only for branches you organise.'
          : 'National letter campaigns are for admins.',
      );
    }
  }
}
