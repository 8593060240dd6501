import { Args, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@app/core';
import { Target } from './target.entity';
import { TargetModel } from './target.model';
import { TargetsService } from './targets.service';

const toTargetModel = (t: Target): TargetModel => ({
  id: t.id,
  kind: t.kind,
  name: t.name,
  title: t.title,
  organisation: t.organisation,
  party: t.party,
  constituencyCode: t.constituencyCode,
  regionCode: t.regionCode,
});

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
