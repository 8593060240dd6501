import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, FIELD_COST, PublicMutation, RequireRole } from '@app/core';
import {
  LetterQuestionnaireAnsweredModel,
  ScorecardRowModel,
  TargetStanceModel,
  toScorecardRowModel,
  toTargetStanceModel,
} from './advocacy.model';
import { LetterQuestionnaireAnswerInput, RecordTargetStanceInput, validAnswers } from './dto/advocacy.input';
import { LetterCampaignModel, toLetterCampaignModel } from './letter-campaign.model';
import { LetterQuestionnairesService } from './letter-questionnaires.service';
import { TargetStancesService } from './target-stances.service';

/** Replies and stances: the questionnaire's answers, organisers' stances, the public scorecard. */
@Resolver(() => LetterCampaignModel)
export class AdvocacyResolver {
  constructor(
    private readonly questionnaires: LetterQuestionnairesService,
    private readonly stances: TargetStancesService,
  ) {}

  @PublicMutation(() => LetterQuestionnaireAnsweredModel, {
    name: 'answerLetterQuestionnaire',
    description:
      'The supporter’s answers to "did you get a reply?" behind the emailed link. The link stays good ' +
      'for 90 days and a later answer replaces an earlier one (a reply may come after "not yet").',
  })
  async answerLetterQuestionnaire(
    @Args('token') token: string,
    @Args('answers', { type: () => [LetterQuestionnaireAnswerInput] }) answers: unknown[],
  ): Promise<LetterQuestionnaireAnsweredModel> {
    const { campaign, answered } = await this.questionnaires.answer(token, validAnswers(answers));
    return { campaign: toLetterCampaignModel(campaign), answered };
  }

  @RequireRole('ORGANISER')
  @Mutation(() => TargetStanceModel, {
    description:
      'Records where a target stands on a campaign, with its source and date (organisers of the campaign’s branch; admins). History is kept.',
  })
  async recordTargetStance(
    @CurrentActor() actor: Actor,
    @Args('input') input: RecordTargetStanceInput,
  ): Promise<TargetStanceModel> {
    return toTargetStanceModel(await this.stances.record(actor, input));
  }

  @ResolveField(() => [ScorecardRowModel], {
    complexity: FIELD_COST.AGGREGATE,
    description:
      'Each recipient’s letters sent, reply rate from answered questionnaires and latest stance. Counts and stances only.',
  })
  async scorecard(@Parent() campaign: LetterCampaignModel): Promise<ScorecardRowModel[]> {
    return (await this.stances.scorecard(campaign)).map(toScorecardRowModel);
  }

  @ResolveField(() => [TargetStanceModel], {
    description: 'A target’s recorded stances on the campaign, latest first (its organisers only).',
  })
  async stanceHistory(
    @Parent() campaign: LetterCampaignModel,
    @CurrentActor() actor: Actor | null,
    @Args('targetId', { type: () => ID }) targetId: string,
  ): Promise<TargetStanceModel[]> {
    return (await this.stances.history(actor, campaign, targetId)).map(toTargetStanceModel);
  }
}
