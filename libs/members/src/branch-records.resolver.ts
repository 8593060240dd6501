import { Args, Resolver } from '@nestjs/graphql';
import { PublicMutation } from '@app/core';
import { BranchRecordsService } from './branch-records.service';

@Resolver()
export class BranchRecordsResolver {
  constructor(private readonly records: BranchRecordsService) {}

  @PublicMutation(() => Boolean, {
    name: 'confirmMembershipLink',
    description:
      "The emailed link sent when a branch recorded an address the campaign already knew (an organiser added it, or it replied to an event): keeps that with the person's own membership.",
  })
  async confirmMembershipLink(@Args('token') token: string): Promise<boolean> {
    await this.records.confirmLink(token);
    return true;
  }
}
