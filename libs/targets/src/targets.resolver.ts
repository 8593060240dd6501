import { Args, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@app/core';
import { TargetModel, toTargetModel } from './target.model';
import { TargetsService } from './targets.service';

@Resolver()
export class TargetsResolver {
  constructor(private readonly targets: TargetsService) {}

  @Public()
  @Query(() => [TargetModel], {
    description:
      'The constituency MSP and the seven regional MSPs for a Scottish postcode (BAD_USER_INPUT otherwise).',
  })
  async representatives(@Args('postcode') postcode: string): Promise<TargetModel[]> {
    return (await this.targets.representatives(postcode)).targets.map(toTargetModel);
  }
}
