import { Args, Query, Mutation, Resolver } from '@nestjs/graphql';
import { Public, RequireRole } from '@app/core';
import { BranchModel } from './branch.model';
import { toBranchModel } from './branch.mapper';
import { BranchesService } from './branches.service';
import { CreateBranchInput, UpdateBranchInput } from './dto/branch.input';

@Resolver(() => BranchModel)
export class BranchesResolver {
  constructor(private readonly branches: BranchesService) {}

  @Public()
  @Query(() => [BranchModel], { name: 'branches', description: 'Every branch, by name.' })
  async listBranches(): Promise<BranchModel[]> {
    return (await this.branches.list()).map(toBranchModel);
  }

  @Public()
  @Query(() => BranchModel, { description: 'One branch by its slug; NOT_FOUND if there is none.' })
  async branch(@Args('slug') slug: string): Promise<BranchModel> {
    return toBranchModel(await this.branches.bySlug(slug));
  }

  @RequireRole('ADMIN')
  @Mutation(() => BranchModel)
  async createBranch(@Args('input') input: CreateBranchInput): Promise<BranchModel> {
    return toBranchModel(await this.branches.create(input));
  }

  @RequireRole('ADMIN')
  @Mutation(() => BranchModel)
  async updateBranch(@Args('input') input: UpdateBranchInput): Promise<BranchModel> {
    return toBranchModel(await this.branches.update(input));
  }
}
