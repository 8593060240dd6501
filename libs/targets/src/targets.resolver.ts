import { Args, ArgsType, Field, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsIn, IsOptional } from 'class-validator';
import { Actor, Connection, ConnectionArgs, CurrentActor, FIELD_COST, Public, RequireRole } from '@app/core';
import { DeliveryStatus, TARGET_KINDS, TargetKind } from './target.entity';
import { DeliveryStatusEnum, TargetKindEnum, TargetModel, toTargetModel } from './target.model';
import { TargetsService } from './targets.service';

export const TargetConnection = Connection(TargetModel, 'Target');

@ArgsType()
class TargetsArgs extends ConnectionArgs {
  @Field(() => TargetKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(TARGET_KINDS)
  kind?: TargetKind | null;
}

@Resolver()
export class TargetsResolver {
  constructor(private readonly targets: TargetsService) {}

  @Public()
  @Query(() => [TargetModel], {
    complexity: FIELD_COST.POSTCODE_LOOKUP,
    description:
      'The constituency MSP and the seven regional MSPs for a Scottish postcode (BAD_USER_INPUT otherwise).',
  })
  async representatives(@Args('postcode') postcode: string): Promise<TargetModel[]> {
    return (await this.targets.representatives(postcode)).targets.map(toTargetModel);
  }

  @RequireRole('ADMIN')
  @Query(() => TargetConnection, {
    name: 'targets',
    description: 'Admins: the active targets, newest first.',
  })
  listTargets(@CurrentActor() actor: Actor, @Args() args: TargetsArgs) {
    return this.targets.list(actor, args, toTargetModel);
  }

  @RequireRole('ADMIN')
  @Mutation(() => TargetModel, {
    description:
      'Sets an address as OK again once it is fixed (or BLOCKED to stop letters to it); applies to every target with that address.',
  })
  async setTargetDeliveryStatus(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('status', { type: () => DeliveryStatusEnum }) status: DeliveryStatus,
  ): Promise<TargetModel> {
    return toTargetModel(await this.targets.setDeliveryStatus(actor, id, status));
  }
}
