import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import {
  Actor,
  Connection,
  CurrentActor,
  FIELD_COST,
  GraphqlContext,
  Public,
  PublicMutation,
  RequireRole,
} from '@app/core';
import { Commitment } from './commitment.entity';
import {
  ChangeCommitmentsInput,
  CommitmentInput,
  DecisionArgs,
  PledgedVenuesArgs,
  PledgesArgs,
  RegisterVenuePledgeInput,
  UpdateVenueInput,
} from './dto/pledge.input';
import { Pledge } from './pledge.entity';
import {
  CommitmentModel,
  PledgedVenueModel,
  PledgeModel,
  PledgeStatsModel,
  RegisterPledgeResultModel,
} from './pledge.model';
import { CommitmentsService } from './commitments.service';
import { PledgeDirectoryService } from './pledge-directory.service';
import { PledgeVerificationService } from './pledge-verification.service';
import { PledgesService } from './pledges.service';

export const PledgeConnection = Connection(PledgeModel, 'Pledge');
export const PledgedVenueConnection = Connection(PledgedVenueModel, 'PledgedVenue');

const toCommitment = (c: Commitment): CommitmentModel => ({
  code: c.code,
  title: c.title,
  description: c.description,
  retired: c.retiredAt !== null,
  sortOrder: c.sortOrder,
});

@Resolver()
export class PledgesResolver {
  constructor(
    private readonly pledges: PledgesService,
    private readonly commitments: CommitmentsService,
    private readonly verification: PledgeVerificationService,
    private readonly directory: PledgeDirectoryService,
  ) {}

  @Public()
  @Query(() => [CommitmentModel], {
    description: 'The commitments a venue can pledge (retired ones only if asked).',
  })
  async pledgeCommitments(@Args('includeRetired', { defaultValue: false }) includeRetired: boolean) {
    return (await this.commitments.list(includeRetired)).map(toCommitment);
  }

  @RequireRole('ADMIN')
  @Mutation(() => CommitmentModel, { description: 'Admins: add a commitment or change its wording.' })
  async savePledgeCommitment(@Args('input') input: CommitmentInput) {
    return toCommitment(await this.commitments.save(input));
  }

  @RequireRole('ADMIN')
  @Mutation(() => CommitmentModel, {
    description: 'Admins: no new pledges can choose it; existing ones keep it.',
  })
  async retirePledgeCommitment(@Args('code') code: string) {
    return toCommitment(await this.commitments.retire(code));
  }

  @PublicMutation(() => RegisterPledgeResultModel, { name: 'registerVenuePledge' })
  async registerVenuePledge(
    @Args('input') input: RegisterVenuePledgeInput,
  ): Promise<RegisterPledgeResultModel> {
    await this.pledges.register(input);
    return { status: 'CONFIRMATION_SENT' };
  }

  @PublicMutation(() => PledgeModel, { name: 'confirmVenuePledge' })
  async confirmVenuePledge(
    @Args('token') token: string,
    @Context() ctx: GraphqlContext,
  ): Promise<PledgeModel> {
    return this.toModel(await this.pledges.confirm(token), ctx);
  }

  @Query(() => [PledgeModel], { description: 'The venues you registered, with their pledges.' })
  async myVenues(@CurrentActor() actor: Actor, @Context() ctx: GraphqlContext): Promise<PledgeModel[]> {
    return Promise.all((await this.pledges.myVenues(actor)).map((p) => this.toModel(p, ctx)));
  }

  @Mutation(() => PledgeModel, { description: 'Venue owners: change the venue’s details.' })
  async updateVenue(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateVenueInput,
    @Context() ctx: GraphqlContext,
  ) {
    return this.toModel(await this.pledges.updateVenue(actor, input), ctx);
  }

  @Mutation(() => PledgeModel, {
    description: 'Venue owners: a change goes back to the branch for verification.',
  })
  async changePledgeCommitments(
    @CurrentActor() actor: Actor,
    @Args('input') input: ChangeCommitmentsInput,
    @Context() ctx: GraphqlContext,
  ) {
    return this.toModel(await this.pledges.changeCommitments(actor, input), ctx);
  }

  @Mutation(() => PledgeModel, {
    description: 'Venue owners: another year for a verified pledge; a lapsed one goes back for verification.',
  })
  async renewPledge(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GraphqlContext,
  ) {
    return this.toModel(await this.pledges.renew(actor, id), ctx);
  }

  @RequireRole('ORGANISER')
  @Query(() => PledgeConnection, {
    name: 'pledges',
    description: 'Pledges in branches you organise (admins: all).',
  })
  listPledges(@CurrentActor() actor: Actor, @Args() args: PledgesArgs, @Context() ctx: GraphqlContext) {
    return this.verification.list(actor, args, (p) => this.toModel(p, ctx));
  }

  @RequireRole('ORGANISER')
  @Mutation(() => PledgeModel)
  async verifyPledge(
    @CurrentActor() actor: Actor,
    @Args() { id, note }: DecisionArgs,
    @Context() ctx: GraphqlContext,
  ) {
    return this.toModel(await this.verification.decide(actor, id, 'VERIFIED', note), ctx);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => PledgeModel, { description: 'The note (required) is the reason, sent to the venue.' })
  async rejectPledge(
    @CurrentActor() actor: Actor,
    @Args() { id, note }: DecisionArgs,
    @Context() ctx: GraphqlContext,
  ) {
    return this.toModel(await this.verification.decide(actor, id, 'REJECTED', note), ctx);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => PledgeModel, { description: 'The note (required) says what to change; sent to the venue.' })
  async requestPledgeChanges(
    @CurrentActor() actor: Actor,
    @Args() { id, note }: DecisionArgs,
    @Context() ctx: GraphqlContext,
  ) {
    return this.toModel(await this.verification.decide(actor, id, 'CHANGES_REQUESTED', note), ctx);
  }

  @Public()
  @Query(() => PledgedVenueConnection, {
    description: 'Venues with a verified, current pledge. No personal data.',
  })
  async pledgedVenues(@Args() args: PledgedVenuesArgs) {
    const catalogue = new Map((await this.commitments.list(true)).map((c) => [c.code, toCommitment(c)]));
    return this.directory.directory(args, (p): PledgedVenueModel => ({
      id: p.id,
      createdAt: p.createdAt,
      name: p.venue!.name,
      kind: p.venue!.kind,
      area: p.venue!.postcodeDistrict,
      commitments: p.commitments.map((code) => catalogue.get(code)).filter((c): c is CommitmentModel => !!c),
      verifiedSince: p.verifiedAt!,
    }));
  }

  @Public()
  @Query(() => PledgeStatsModel, { complexity: FIELD_COST.AGGREGATE })
  pledgeStats() {
    return this.directory.stats();
  }

  private async toModel(pledge: Pledge, ctx: GraphqlContext): Promise<PledgeModel> {
    const history = await ctx.loaders
      .get(
        'pledgeHistory',
        () =>
          new DataLoader(async (ids: readonly string[]) => {
            const rows = await this.verification.history(ids);
            return ids.map((id) => rows.filter((r) => r.pledgeId === id));
          }),
      )
      .load(pledge.id);
    const venue = pledge.venue!;
    return {
      id: pledge.id,
      status: pledge.status,
      commitments: pledge.commitments,
      notes: pledge.notes,
      verifiedAt: pledge.verifiedAt,
      expiresAt: pledge.expiresAt,
      venue: {
        id: venue.id,
        name: venue.name,
        kind: venue.kind,
        address: venue.address,
        postcode: venue.postcode,
        website: venue.website,
        licenceNumber: venue.licenceNumber,
        publicEmail: venue.publicEmail,
        branchId: venue.branchId,
      },
      history: history.map((h) => ({ action: h.action, actorId: h.actorId, note: h.note, at: h.createdAt })),
    };
  }
}
