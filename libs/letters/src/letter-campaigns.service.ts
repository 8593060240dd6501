import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  BadUserInputError,
  ConnectionArgs,
  ConnectionShape,
  groupedBy,
  LoaderRegistry,
  NotFoundError,
  paginate,
} from '@app/core';
import { Target, TargetRepository } from '@app/targets';
import { CreateLetterCampaignInput, UpdateLetterCampaignInput } from './dto/letter-campaign.input';
import {
  LetterCampaign,
  LetterCampaignStatus,
  LetterCampaignTarget,
  Targeting,
} from './letter-campaign.entity';
import { LetterCampaignRepository } from './letter-campaign.repository';
import { checkTemplates } from './letter-template';
import { LetterRepository } from './letter.repository';
import {
  LetterCampaignClosedError,
  LetterCampaignFiguresError,
  LetterCampaignScopeError,
  LetterCampaignStepError,
} from './letters.errors';

export { checkTemplates } from './letter-template';

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
  byTarget: Array<{ target: Target; written: number; confirmed: number; sent: number; failed: number }>;
}

/** Letter campaigns for organisers (their branches; national ones for admins) and the public. */
@Injectable()
export class LetterCampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: LetterCampaignRepository,
    private readonly letters: LetterRepository,
    private readonly targets: TargetRepository,
  ) {}

  async create(actor: Actor, input: CreateLetterCampaignInput): Promise<LetterCampaign> {
    this.requireScope(actor, input.branchId ?? null);
    checkTemplates(input);
    return this.dataSource.transaction(async (manager) => {
      const targetIds = await this.checkTargets(manager, input.targeting, input.targetIds ?? []);
      const campaign = await this.campaigns.create(manager, {
        title: input.title,
        slug: input.slug,
        branchId: input.branchId ?? null,
        targeting: input.targeting,
        subjectTemplate: input.subjectTemplate,
        bodyTemplate: input.bodyTemplate,
        requirePersonalisation: input.requirePersonalisation,
        nearCopies: input.nearCopies ?? 'DELIVER',
        nearCopyThreshold: input.nearCopyThreshold ?? 0.8,
        status: 'DRAFT',
        createdById: actor.memberId,
      });
      await this.campaigns.setTargets(manager, campaign.id, targetIds);
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
        throw new LetterCampaignClosedError();
      }
      const targeting = input.targeting ?? campaign.targeting;
      if (input.targeting !== undefined || input.targetIds !== undefined) {
        const targetIds = await this.checkTargets(
          manager,
          targeting,
          input.targetIds ?? (await this.campaigns.targetIdsOf(manager, campaign.id)),
        );
        await this.campaigns.setTargets(manager, campaign.id, targetIds, true);
      }
      for (const key of [
        'title',
        'subjectTemplate',
        'bodyTemplate',
        'requirePersonalisation',
        'nearCopies',
        'nearCopyThreshold',
      ] as const) {
        if (input[key] !== undefined) {
          (campaign as unknown as Record<string, unknown>)[key] = input[key];
        }
      }
      campaign.targeting = targeting;
      return this.campaigns.save(manager, campaign);
    });
  }

  /** DRAFT → OPEN → CLOSED. */
  async move(actor: Actor, id: string, step: keyof typeof MOVES): Promise<LetterCampaign> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.lockManaged(actor, manager, id);
      const { from, to } = MOVES[step];
      if (campaign.status !== from) {
        throw new LetterCampaignStepError(from, to, campaign.status);
      }
      campaign.status = to;
      if (to === 'OPEN') {
        campaign.openedAt = new Date();
      } else {
        campaign.closedAt = new Date();
      }
      return this.campaigns.save(manager, campaign);
    });
  }

  /** The demo's open campaign for a branch, if there are no campaigns yet; its slug, or null. */
  async seedDemo(branchSlug: string): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      await this.campaigns.lockDemoSeed(manager);
      const branchId = await this.campaigns.branchIdBySlug(manager, branchSlug);
      if (!branchId || (await this.campaigns.count(manager)) > 0) {
        return null;
      }
      const campaign = await this.campaigns.create(manager, {
        slug: 'drug-checking-now',
        title: 'Ask your MSPs to back drug checking',
        branchId,
        targeting: 'MY_MSPS',
        subjectTemplate: 'Drug checking services in {{constituency.name}}',
        bodyTemplate: DEMO_LETTER,
        requirePersonalisation: true,
        status: 'OPEN',
        openedAt: new Date(),
      });
      return campaign.slug;
    });
  }

  /** Open and closed campaigns, newest first; drafts are seen only through `letterCampaign`. */
  list<T>(args: ConnectionArgs, toNode: (campaign: LetterCampaign) => T): Promise<ConnectionShape<T>> {
    return paginate(this.campaigns.listQuery(), args, toNode);
  }

  /** A branch's campaigns, drafts included, for those who organise it. */
  listForBranch<T>(
    actor: Actor,
    branchId: string,
    args: ConnectionArgs,
    toNode: (campaign: LetterCampaign) => T,
  ): Promise<ConnectionShape<T>> {
    if (!actor?.canManageBranch(branchId)) {
      throw new NotFoundError('Branch');
    }
    return paginate(this.campaigns.branchListQuery(branchId), args, toNode);
  }

  /** One campaign by id, drafts included, for those who manage it. */
  async getManaged(actor: Actor, id: string): Promise<LetterCampaign> {
    const campaign = await this.campaigns.findById(id);
    if (!campaign || !actor?.canManageBranch(campaign.branchId)) {
      throw new NotFoundError('Letter campaign');
    }
    return campaign;
  }

  /** Letters written per day under a branch's campaigns over the last `days` days. */
  async branchByDay(
    actor: Actor,
    branchId: string,
    days: number,
  ): Promise<Array<{ key: string; count: number }>> {
    if (!actor?.canManageBranch(branchId)) {
      throw new NotFoundError('Branch');
    }
    // From the start of the first day (UTC midnight: near enough for a chart of whole days).
    const now = new Date();
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
    return this.letters.branchByDay(branchId, since);
  }

  /** Public unless a draft; a draft only for those who manage it. */
  async bySlug(actor: Actor | null, slug: string): Promise<LetterCampaign> {
    const campaign = await this.campaigns.findBySlug(slug);
    if (!campaign || (campaign.status === 'DRAFT' && !actor?.canManageBranch(campaign.branchId))) {
      throw new NotFoundError('Letter campaign');
    }
    return campaign;
  }

  /** The fixed recipients of SELECTED_TARGETS campaigns, per campaign. */
  targetsLoader(loaders: LoaderRegistry): DataLoader<string, LetterCampaignTarget[]> {
    return loaders.get('letterCampaignTargets', () =>
      groupedBy(
        (ids) => this.campaigns.targetRows(ids),
        (row) => row.campaignId,
      ),
    );
  }

  /** The fixed recipients of a SELECTED_TARGETS campaign, by name. */
  async targetsOf(campaignId: string): Promise<Target[]> {
    const targets = await this.campaigns.targetsOf(campaignId);
    return targets.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** For those who manage the campaign only. */
  async stats(
    actor: Actor | null,
    campaign: { id: string; branchId: string | null },
  ): Promise<CampaignStats> {
    if (!actor?.canManageBranch(campaign.branchId)) {
      throw new LetterCampaignFiguresError();
    }
    const totals = await this.letters.totals(campaign.id);
    const rows = await this.letters.byTarget(campaign.id);
    const targets = new Map(
      (await this.targets.findByIds(rows.map((r) => r.target_id))).map((t) => [t.id, t]),
    );
    return {
      ...totals,
      byTarget: rows.map((r) => ({
        target: targets.get(r.target_id)!,
        written: r.written,
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
    const found = await this.targets.activeByIds(ids, manager);
    if (found.length !== ids.length) {
      throw new BadUserInputError('Some of those targets do not exist or are no longer active.', [
        { field: 'targetIds', message: 'must be active targets' },
      ]);
    }
    return ids;
  }

  private async lockManaged(actor: Actor, manager: EntityManager, id: string): Promise<LetterCampaign> {
    const campaign = await this.campaigns.lock(manager, id);
    if (!campaign || !actor?.canManageBranch(campaign.branchId)) {
      throw new NotFoundError('Letter campaign');
    }
    return campaign;
  }

  private requireScope(actor: Actor, branchId: string | null): void {
    if (!actor?.canManageBranch(branchId)) {
      throw new LetterCampaignScopeError(!branchId);
    }
  }
}
