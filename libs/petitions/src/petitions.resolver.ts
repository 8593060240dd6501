import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { BranchesService, BranchModel, toBranchModel } from '@app/branches';
import {
  Actor,
  Connection,
  CurrentActor,
  GraphqlContext,
  Public,
  PublicMutation,
  RequireRole,
} from '@app/core';
import {
  ActivityArgs,
  BranchPetitionsArgs,
  CreatePetitionInput,
  DeliveredArgs,
  PetitionsArgs,
  SignPetitionInput,
  UpdatePetitionInput,
} from './dto/petition.input';
import { toPetitionModel } from './petition.mapper';
import {
  PetitionModel,
  PublicSignatureModel,
  SignatureCountModel,
  SignResultModel,
  SignStatus,
} from './petition.model';
import { PetitionsService } from './petitions.service';
import { firstName } from './signer-rules';
import { SignaturesService } from './signatures.service';

export const PetitionConnection = Connection(PetitionModel, 'Petition');

@Resolver(() => PetitionModel)
export class PetitionsResolver {
  constructor(
    private readonly petitions: PetitionsService,
    private readonly signatures: SignaturesService,
    private readonly branches: BranchesService,
  ) {}

  @Public()
  @Query(() => PetitionConnection, {
    name: 'petitions',
    description: 'Open, closed and delivered petitions, newest first.',
  })
  listPetitions(@Args() args: PetitionsArgs) {
    return this.petitions.list(args, toPetitionModel);
  }

  @Public()
  @Query(() => PetitionModel, { description: 'Drafts only for those who manage them.' })
  async petition(@CurrentActor() actor: Actor | null, @Args('slug') slug: string): Promise<PetitionModel> {
    return toPetitionModel(await this.petitions.bySlug(actor, slug));
  }

  @RequireRole('ORGANISER')
  @Query(() => PetitionConnection, {
    description: 'A branch’s petitions, drafts included, newest first (its organisers; admins).',
  })
  branchPetitions(@CurrentActor() actor: Actor, @Args() args: BranchPetitionsArgs) {
    return this.petitions.listForBranch(actor, args, toPetitionModel);
  }

  @RequireRole('ORGANISER')
  @Query(() => PetitionModel, {
    description: 'One petition by id, drafts included, for those who manage it (NOT_FOUND otherwise).',
  })
  async managedPetition(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<PetitionModel> {
    return toPetitionModel(await this.petitions.getManaged(actor, id));
  }

  @RequireRole('ORGANISER')
  @Query(() => [SignatureCountModel], {
    description:
      'Confirmed signatures per day (Europe/London) across a branch’s petitions; days without any are left out.',
  })
  branchSignaturesByDay(
    @CurrentActor() actor: Actor,
    @Args() args: ActivityArgs,
  ): Promise<SignatureCountModel[]> {
    return this.petitions.branchByDay(actor, args.branchId, args.days);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => PetitionModel, {
    description: 'A draft until opened. Without a branch: national, admins only.',
  })
  async createPetition(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreatePetitionInput,
  ): Promise<PetitionModel> {
    return toPetitionModel(await this.petitions.create(actor, input));
  }

  @RequireRole('ORGANISER')
  @Mutation(() => PetitionModel)
  async updatePetition(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdatePetitionInput,
  ): Promise<PetitionModel> {
    return toPetitionModel(await this.petitions.update(actor, input));
  }

  @RequireRole('ORGANISER')
  @Mutation(() => PetitionModel)
  async openPetition(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<PetitionModel> {
    return toPetitionModel(await this.petitions.move(actor, id, 'open'));
  }

  @RequireRole('ORGANISER')
  @Mutation(() => PetitionModel)
  async closePetition(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<PetitionModel> {
    return toPetitionModel(await this.petitions.move(actor, id, 'close'));
  }

  @RequireRole('ORGANISER')
  @Mutation(() => PetitionModel)
  async markPetitionDelivered(
    @CurrentActor() actor: Actor,
    @Args() args: DeliveredArgs,
  ): Promise<PetitionModel> {
    return toPetitionModel(
      await this.petitions.move(actor, args.id, 'deliver', { at: args.deliveredAt, note: args.note }),
    );
  }

  @PublicMutation(() => SignResultModel, { name: 'signPetition' })
  async signPetition(
    @Args('input') input: SignPetitionInput,
    @Context() ctx: GraphqlContext,
  ): Promise<SignResultModel> {
    await this.signatures.sign(input, ctx.req.ip ?? 'unknown');
    return { status: SignStatus.CONFIRMATION_SENT };
  }

  @PublicMutation(() => PetitionModel, {
    name: 'confirmSignature',
    description: 'Counts the signature behind the emailed link.',
  })
  async confirmSignature(@Args('token') token: string): Promise<PetitionModel> {
    return toPetitionModel(await this.signatures.confirm(token));
  }

  @ResolveField(() => BranchModel, { nullable: true })
  async branch(
    @Parent() petition: PetitionModel,
    @Context() ctx: GraphqlContext,
  ): Promise<BranchModel | null> {
    const branch = petition.branchId ? await this.branches.loader(ctx.loaders).load(petition.branchId) : null;
    return branch ? toBranchModel(branch) : null;
  }

  @ResolveField(() => Int)
  signatureCount(@Parent() petition: PetitionModel, @Context() ctx: GraphqlContext): Promise<number> {
    return this.petitions.countLoader(ctx.loaders).load(petition.id);
  }

  @ResolveField(() => [PublicSignatureModel])
  async recentSignatures(
    @Parent() petition: PetitionModel,
    @Context() ctx: GraphqlContext,
    @Args('first', { type: () => Int, defaultValue: 10, description: 'At most 50.' }) first: number,
  ): Promise<PublicSignatureModel[]> {
    const signers = await this.petitions.recentLoader(ctx.loaders).load(petition.id);
    return signers.slice(0, Math.max(0, Math.min(first, 50))).map((s) => ({
      firstName: firstName(s.fullName),
      postcodeDistrict: s.postcodeDistrict,
      signedAt: s.confirmedAt,
    }));
  }

  @ResolveField(() => [SignatureCountModel])
  signaturesByDay(
    @Parent() petition: PetitionModel,
    @Context() ctx: GraphqlContext,
  ): Promise<SignatureCountModel[]> {
    return this.petitions.byDayLoader(ctx.loaders).load(petition.id);
  }

  @ResolveField(() => [SignatureCountModel])
  signaturesByConstituency(
    @Parent() petition: PetitionModel,
    @Context() ctx: GraphqlContext,
  ): Promise<SignatureCountModel[]> {
    return this.petitions.byConstituencyLoader(ctx.loaders).load(petition.id);
  }
}
