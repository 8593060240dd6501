import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { BranchesService, BranchModel, toBranchModel } from '@app/branches';
import { Actor, CurrentActor, GraphqlContext, RequireRole } from '@app/core';
import { RoleInput } from './dto/role.input';
import { toMemberModel, toRoleAssignmentModel } from './member.mapper';
import { MemberModel, RoleAssignmentModel } from './member.model';
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

@Resolver(() => MemberModel)
export class MembersResolver {
  constructor(
    private readonly members: MembersService,
    private readonly branches: BranchesService,
  ) {}

  @RequireRole('ADMIN')
  @Mutation(() => MemberModel, { description: 'Admins only.' })
  async grantRole(@CurrentActor() actor: Actor, @Args('input') input: RoleInput): Promise<MemberModel> {
    return toMemberModel(await this.members.grantRole(actor, input));
  }

  @RequireRole('ADMIN')
  @Mutation(() => MemberModel, { description: 'Admins only. The last admin cannot be removed.' })
  async revokeRole(@Args('input') input: RoleInput): Promise<MemberModel> {
    return toMemberModel(await this.members.revokeRole(input));
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
