import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, FIELD_COST, RequireRole } from '@app/core';
import { toTargetModel } from '@app/targets';
import { toPetitionModel } from './petition.mapper';
import { PetitionBriefingModel, PetitionBriefingSentModel } from './petition-briefing.model';
import { PetitionBriefingsService } from './petition-briefings.service';

@Resolver()
export class PetitionBriefingsResolver {
  constructor(private readonly briefings: PetitionBriefingsService) {}

  @RequireRole('ORGANISER')
  @Query(() => PetitionBriefingModel, {
    complexity: FIELD_COST.AGGREGATE,
    description:
      'For each MSP, the confirmed signers in their constituency (constituency MSPs) or region (regional MSPs), and the total. Organisers of the petition’s branch; admins.',
  })
  async petitionBriefing(
    @CurrentActor() actor: Actor,
    @Args('petitionId', { type: () => ID }) petitionId: string,
  ): Promise<PetitionBriefingModel> {
    const view = await this.briefings.briefing(actor, petitionId);
    return {
      petition: toPetitionModel(view.petition),
      total: view.total,
      rows: view.rows.map((row) => ({
        target: toTargetModel(row.target),
        area: row.area,
        signers: row.signers,
        lastSentAt: row.lastSentAt,
      })),
    };
  }

  @RequireRole('ORGANISER')
  @Mutation(() => PetitionBriefingSentModel, {
    description:
      'Emails each MSP their own figures with the message, through the paced outbox. Once per petition and MSP unless `resend`. Audited.',
  })
  sendPetitionBriefing(
    @CurrentActor() actor: Actor,
    @Args('petitionId', { type: () => ID }) petitionId: string,
    @Args('message') message: string,
    @Args('resend', { defaultValue: false }) resend: boolean,
  ): Promise<PetitionBriefingSentModel> {
    return this.briefings.send(actor, petitionId, message, resend);
  }
}
