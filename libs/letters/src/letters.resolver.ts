import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Actor,
  Connection,
  ConnectionArgs,
  CurrentActor,
  FIELD_COST,
  GraphqlContext,
  Public,
  PublicMutation,
  RequireRole,
} from '@app/core';
import { TargetModel, toTargetModel } from '@app/targets';
import {
  BranchLetterCampaignsArgs,
  CreateLetterCampaignInput,
  LetterActivityArgs,
  TemplateCheckArgs,
  UpdateLetterCampaignInput,
  WriteLettersInput,
} from './dto/letter-campaign.input';
import {
  LetterCampaignModel,
  LetterCampaignStatsModel,
  LetterPreviewModel,
  LetterDayCountModel,
  LettersConfirmedModel,
  TemplateCheckModel,
  toLetterCampaignModel,
  WriteLettersResultModel,
  WriteLettersStatus,
} from './letter-campaign.model';
import { LetterCampaignsService } from './letter-campaigns.service';
import { LETTER_PLACEHOLDERS, templateProblems } from './letter-template';
import { LettersService } from './letters.service';

export const LetterCampaignConnection = Connection(LetterCampaignModel, 'LetterCampaign');

@Resolver(() => LetterCampaignModel)
export class LettersResolver {
  constructor(
    private readonly campaigns: LetterCampaignsService,
    private readonly letters: LettersService,
  ) {}

  @Public()
  @Query(() => LetterCampaignConnection, {
    name: 'letterCampaigns',
    description: 'Open and closed letter campaigns, newest first.',
  })
  listLetterCampaigns(@Args() args: ConnectionArgs) {
    return this.campaigns.list(args, toLetterCampaignModel);
  }

  @Public()
  @Query(() => LetterCampaignModel, { description: 'Drafts only for those who manage them.' })
  async letterCampaign(
    @CurrentActor() actor: Actor | null,
    @Args('slug') slug: string,
  ): Promise<LetterCampaignModel> {
    return toLetterCampaignModel(await this.campaigns.bySlug(actor, slug));
  }

  @RequireRole('ORGANISER')
  @Query(() => LetterCampaignConnection, {
    description: 'A branch’s letter campaigns, drafts included, newest first (its organisers; admins).',
  })
  branchLetterCampaigns(@CurrentActor() actor: Actor, @Args() args: BranchLetterCampaignsArgs) {
    return this.campaigns.listForBranch(actor, args.branchId, args, toLetterCampaignModel);
  }

  @RequireRole('ORGANISER')
  @Query(() => LetterCampaignModel, {
    description: 'One letter campaign by id, drafts included, for those who manage it (NOT_FOUND otherwise).',
  })
  async managedLetterCampaign(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<LetterCampaignModel> {
    return toLetterCampaignModel(await this.campaigns.getManaged(actor, id));
  }

  @RequireRole('ORGANISER')
  @Query(() => TemplateCheckModel, {
    description:
      'The placeholders, and what a save would refuse in these templates (the same rules; nothing is stored).',
  })
  checkLetterTemplates(@Args() args: TemplateCheckArgs): TemplateCheckModel {
    return { placeholders: [...LETTER_PLACEHOLDERS], problems: templateProblems(args) };
  }

  @RequireRole('ORGANISER')
  @Query(() => [LetterDayCountModel], {
    description:
      'Letters written per day (Europe/London) under a branch’s campaigns; days without any are left out.',
  })
  branchLettersByDay(
    @CurrentActor() actor: Actor,
    @Args() args: LetterActivityArgs,
  ): Promise<LetterDayCountModel[]> {
    return this.campaigns.branchByDay(actor, args.branchId, args.days);
  }

  @Public()
  @Query(() => [LetterPreviewModel], {
    complexity: FIELD_COST.LETTER_PREVIEW,
    description:
      'Who a supporter at this postcode would write to, and each one’s letter from the campaign’s templates.',
  })
  async previewLetters(
    @CurrentActor() actor: Actor | null,
    @Args('campaignSlug') campaignSlug: string,
    @Args('postcode') postcode: string,
    @Args('fullName') fullName: string,
  ): Promise<LetterPreviewModel[]> {
    const letters = await this.letters.preview(actor, campaignSlug, postcode, fullName.trim().slice(0, 200));
    return letters.map((l) => ({ target: toTargetModel(l.target), subject: l.subject, body: l.body }));
  }

  @RequireRole('ORGANISER')
  @Mutation(() => LetterCampaignModel, {
    description: 'A draft until opened. Without a branch: national, admins only.',
  })
  async createLetterCampaign(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateLetterCampaignInput,
  ): Promise<LetterCampaignModel> {
    return toLetterCampaignModel(await this.campaigns.create(actor, input));
  }

  @RequireRole('ORGANISER')
  @Mutation(() => LetterCampaignModel)
  async updateLetterCampaign(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateLetterCampaignInput,
  ): Promise<LetterCampaignModel> {
    return toLetterCampaignModel(await this.campaigns.update(actor, input));
  }

  @RequireRole('ORGANISER')
  @Mutation(() => LetterCampaignModel)
  async openLetterCampaign(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<LetterCampaignModel> {
    return toLetterCampaignModel(await this.campaigns.move(actor, id, 'open'));
  }

  @RequireRole('ORGANISER')
  @Mutation(() => LetterCampaignModel)
  async closeLetterCampaign(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<LetterCampaignModel> {
    return toLetterCampaignModel(await this.campaigns.move(actor, id, 'close'));
  }

  @PublicMutation(() => WriteLettersResultModel, {
    name: 'writeLetters',
    description: 'One letter per recipient, sent once the supporter confirms by email.',
  })
  async writeLetters(@Args('input') input: WriteLettersInput): Promise<WriteLettersResultModel> {
    await this.letters.write(input);
    return { status: WriteLettersStatus.CONFIRMATION_SENT };
  }

  @PublicMutation(() => LettersConfirmedModel, {
    name: 'confirmLetters',
    description: 'Queues the letters behind the emailed link (once).',
  })
  async confirmLetters(@Args('token') token: string): Promise<LettersConfirmedModel> {
    const { campaign, queued } = await this.letters.confirm(token);
    return { campaign: toLetterCampaignModel(campaign), queued };
  }

  @ResolveField(() => [TargetModel], {
    description: 'The fixed recipients of a SELECTED_TARGETS campaign (empty otherwise).',
  })
  async targets(
    @Parent() campaign: LetterCampaignModel,
    @Context() ctx: GraphqlContext,
  ): Promise<TargetModel[]> {
    const rows = await this.campaigns.targetsLoader(ctx.loaders).load(campaign.id);
    return rows.map((r) => toTargetModel(r.target!));
  }

  @ResolveField(() => LetterCampaignStatsModel, {
    complexity: FIELD_COST.AGGREGATE,
    description: 'For the campaign’s organisers (FORBIDDEN otherwise).',
  })
  async stats(
    @Parent() campaign: LetterCampaignModel,
    @CurrentActor() actor: Actor | null,
  ): Promise<LetterCampaignStatsModel> {
    const stats = await this.campaigns.stats(actor, campaign);
    return {
      ...stats,
      byTarget: stats.byTarget.map((t) => ({ ...t, target: toTargetModel(t.target) })),
    };
  }
}
