import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuditService, BadUserInputError, NotFoundError } from '@app/core';
import { GeographyRepository, Target, TargetRepository } from '@app/targets';
import { LetterCampaignRepository } from './letter-campaign.repository';
import { LetterQuestionnaireRepository } from './letter-questionnaire.repository';
import type { Stance } from './letter-questionnaire.entity';
import { TargetStance } from './target-stance.entity';
import { TargetStanceRepository } from './target-stance.repository';
import { StanceScopeError } from './letters.errors';

/** One recipient's line on a campaign's public scorecard: counts and a stance, nothing about anyone. */
export interface ScorecardRow {
  target: Target;
  constituency: string | null;
  region: string | null;
  lettersSent: number;
  /** Questionnaire answers about letters to them. */
  answers: number;
  /** Answers that said they replied. */
  replies: number;
  /** replies / answers, or null before any answer. */
  replyRate: number | null;
  stance: Stance | null;
  /** True when an organiser recorded the stance; false when it is what supporters reported. */
  stanceVerified: boolean;
}

/** A stance as an organiser records it (`recordTargetStance`'s input). */
export interface StanceRecord {
  targetId: string;
  campaignId: string;
  stance: Stance;
  source: string;
  note?: string | null;
  statedAt: Date;
}

/** A stance given a few minutes ahead of the server's clock is not "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Where targets stand on a campaign: the stances organisers record (with source and date, history
 * kept, audited) and the public scorecard built from letters sent, questionnaire answers and stances.
 */
@Injectable()
export class TargetStancesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: LetterCampaignRepository,
    private readonly stances: TargetStanceRepository,
    private readonly questionnaires: LetterQuestionnaireRepository,
    private readonly targets: TargetRepository,
    private readonly geography: GeographyRepository,
    private readonly audit: AuditService,
  ) {}

  /** Organisers of the campaign's branch (admins for national campaigns) record a stance. */
  async record(actor: Actor, input: StanceRecord): Promise<TargetStance> {
    const campaign = await this.campaigns.findById(input.campaignId);
    if (!campaign || (campaign.status === 'DRAFT' && !actor.canManageBranch(campaign.branchId))) {
      throw new NotFoundError('Letter campaign');
    }
    if (!actor.canManageBranch(campaign.branchId)) {
      throw new StanceScopeError();
    }
    const target = await this.targets.findById(input.targetId);
    if (!target) {
      throw new NotFoundError('Target');
    }
    if (input.statedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new BadUserInputError('A stance cannot have been stated in the future.', [
        { field: 'statedAt', message: 'is in the future' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const stance = await this.stances.add(manager, {
        campaignId: campaign.id,
        targetId: target.id,
        stance: input.stance,
        source: input.source.trim(),
        note: input.note?.trim() ?? '',
        statedAt: input.statedAt,
        recordedById: actor.memberId,
      });
      await this.audit.record(
        {
          actorId: actor.memberId,
          branchId: campaign.branchId,
          action: 'letter-campaign.stance-recorded',
          subjectId: campaign.id,
          detail: { targetId: target.id, stance: input.stance, statedAt: input.statedAt.toISOString() },
        },
        manager,
      );
      return stance;
    });
  }

  /** A target's recorded stances on the campaign, latest first (for its organisers). */
  async history(
    actor: Actor | null,
    campaign: { id: string; branchId: string | null },
    targetId: string,
  ): Promise<TargetStance[]> {
    if (!actor?.canManageBranch(campaign.branchId)) {
      throw new StanceScopeError();
    }
    return this.stances.history(campaign.id, targetId);
  }

  /**
   * The public scorecard: every recipient with a letter sent or a stance recorded, with counts, the
   * reply rate from answered questionnaires and the latest stance (an organiser's if there is one,
   * else what most supporters reported, the latest report breaking a tie).
   */
  async scorecard(campaign: { id: string }): Promise<ScorecardRow[]> {
    const [tallies, reported, verified, codes, regionOf] = await Promise.all([
      this.questionnaires.tallies(campaign.id),
      this.questionnaires.reportedStances(campaign.id),
      this.stances.latest(campaign.id),
      this.geography.activeCodes(),
      this.geography.activeRegionsOfConstituencies(),
    ]);
    const ids = [...new Set([...tallies.map((t) => t.targetId), ...verified.map((v) => v.targetId)])];
    const targets = new Map((await this.targets.findByIds(ids)).map((t) => [t.id, t]));
    const byTarget = new Map(tallies.map((t) => [t.targetId, t]));
    const recorded = new Map(verified.map((v) => [v.targetId, v.stance]));
    const reportedBy = new Map<string, { stance: Stance; count: number; latest: Date }>();
    for (const r of reported) {
      const best = reportedBy.get(r.targetId);
      if (!best || r.count > best.count || (r.count === best.count && r.latest > best.latest)) {
        reportedBy.set(r.targetId, r);
      }
    }
    return ids
      .filter((id) => targets.has(id))
      .map((id) => {
        const target = targets.get(id)!;
        const tally = byTarget.get(id) ?? { lettersSent: 0, answers: 0, replies: 0 };
        const organiser = recorded.get(id);
        // A constituency MSP's region is the one their constituency lies in.
        const regionCode =
          target.regionCode ?? (target.constituencyCode ? regionOf.get(target.constituencyCode) : undefined);
        return {
          target,
          constituency: target.constituencyCode
            ? (codes?.constituencies.get(target.constituencyCode) ?? null)
            : null,
          region: regionCode ? (codes?.regions.get(regionCode) ?? null) : null,
          lettersSent: tally.lettersSent,
          answers: tally.answers,
          replies: tally.replies,
          replyRate: tally.answers > 0 ? tally.replies / tally.answers : null,
          stance: organiser ?? reportedBy.get(id)?.stance ?? null,
          stanceVerified: !!organiser,
        };
      });
  }
}
