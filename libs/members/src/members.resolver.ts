import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { BranchesService, BranchModel, toBranchModel } from '@app/branches';
import { Actor, Connection, CurrentActor, GraphqlContext, RequireRole } from '@app/core';
import { CreateMemberInput, MembersArgs, TagMembersInput, UpdateMemberInput } from './dto/member-admin.input';
import { RoleInput } from './dto/role.input';
import { MemberDirectoryService } from './member-directory.service';
import { toMemberModel, toRoleAssignmentModel } from './member.mapper';
import { ConsentChangeModel, MemberModel, RoleAssignmentModel } from './member.model';
import { MembersService } from './members.service';

/** A branch by id through the request's loader: one query however many members or roles ask. */
async function branchModel(
  branches: BranchesService,
  branchId: string | null,
  ctx: GraphqlContext,
): Promise<BranchModel | null> {
  const branch = branchId ? await branches.loader(ctx.loaders).load(branchId) : null;
  return branch ? toBranchModel(branch) : null;
}

export const MemberConnection = Connection(MemberModel, 'Member');

@Resolver(() => MemberModel)
export class MembersResolver {
  constructor(
    private readonly members: MembersService,
    private readonly directory: MemberDirectoryService,
    private readonly branches: BranchesService,
  ) {}

  @RequireRole('ORGANISER')
  @Query(() => MemberConnection, {
    name: 'members',
    description: 'Members of a branch you organise, newest first.',
  })
  listMembers(@CurrentActor() actor: Actor, @Args() args: MembersArgs) {
    return this.directory.list(actor, args, toMemberModel);
  }

  @RequireRole('ORGANISER')
  @Query(() => MemberModel, { description: 'NOT_FOUND unless the member is in a branch you organise.' })
  async member(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<MemberModel> {
    return toMemberModel(await this.directory.get(actor, id));
  }

  @RequireRole('ORGANISER')
  @Query(() => [ConsentChangeModel], {
    description: "A member's consent history, newest first (members of your branches; NOT_FOUND otherwise).",
  })
  async memberConsentHistory(
    @CurrentActor() actor: Actor,
    @Args('memberId', { type: () => ID }) memberId: string,
  ): Promise<ConsentChangeModel[]> {
    return (await this.directory.consentHistory(actor, memberId)).map((c) => ({
      id: c.id,
      emailOptIn: c.emailOptIn,
      wording: c.wording,
      wordingVersion: c.wordingVersion,
      source: c.source,
      byOrganiser: c.recordedById !== null,
      at: c.createdAt,
    }));
  }

  @RequireRole('ORGANISER')
  @Mutation(() => MemberModel, {
    description:
      'An address already in the branch is CONFLICT. Any other is added and answered the same way, whether or not the campaign knows it elsewhere (then the person is asked by email to confirm).',
  })
  async createMember(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateMemberInput,
  ): Promise<MemberModel> {
    return toMemberModel(await this.directory.create(actor, input));
  }

  @RequireRole('ORGANISER')
  @Mutation(() => MemberModel)
  async updateMember(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateMemberInput,
  ): Promise<MemberModel> {
    return toMemberModel(await this.directory.update(actor, input));
  }

  @RequireRole('ORGANISER')
  @Mutation(() => [MemberModel])
  async tagMembers(
    @CurrentActor() actor: Actor,
    @Args('input') input: TagMembersInput,
  ): Promise<MemberModel[]> {
    return (await this.directory.tag(actor, input, true)).map(toMemberModel);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => [MemberModel])
  async untagMembers(
    @CurrentActor() actor: Actor,
    @Args('input') input: TagMembersInput,
  ): Promise<MemberModel[]> {
    return (await this.directory.tag(actor, input, false)).map(toMemberModel);
  }

  @RequireRole('ORGANISER')
  @Mutation(() => MemberModel)
  async archiveMember(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<MemberModel> {
    return toMemberModel(await this.directory.archive(actor, id));
  }

  @RequireRole('ADMIN')
  @Mutation(() => MemberModel, { description: 'Admins only.' })
  async grantRole(@CurrentActor() actor: Actor, @Args('input') input: RoleInput): Promise<MemberModel> {
    return toMemberModel(await this.members.grantRole(actor, input));
  }

  @RequireRole('ADMIN')
  @Mutation(() => MemberModel, { description: 'Admins only. The last admin cannot be removed.' })
  async revokeRole(@CurrentActor() actor: Actor, @Args('input') input: RoleInput): Promise<MemberModel> {
    return toMemberModel(await this.members.revokeRole(actor, input));
  }

  @ResolveField(() => BranchModel, { nullable: true })
  async branch(@Parent() member: MemberModel, @Context() ctx: GraphqlContext): Promise<BranchModel | null> {
    return branchModel(this.branches, member.branchId, ctx);
  }

  @ResolveField(() => [RoleAssignmentModel])
  async roles(@Parent() member: MemberModel, @Context() ctx: GraphqlContext): Promise<RoleAssignmentModel[]> {
    return (await this.members.rolesLoader(ctx.loaders).load(member.id)).map(toRoleAssignmentModel);
  }
}

@Resolver(() => RoleAssignmentModel)
export class RoleAssignmentResolver {
  constructor(private readonly branches: BranchesService) {}

  @ResolveField(() => BranchModel, { nullable: true })
  async branch(
    @Parent() role: RoleAssignmentModel,
    @Context() ctx: GraphqlContext,
  ): Promise<BranchModel | null> {
    return branchModel(this.branches, role.branchId, ctx);
  }
}
