import {
  Args,
  ArgsType,
  Field,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Actor, Connection, ConnectionArgs, CurrentActor, FIELD_COST, RequireRole } from '@app/core';
import { CreateMailingInput, UpdateMailingInput } from './dto/mailing.input';
import { MAILING_STATUSES, MailingStatus } from './mailing.entity';
import {
  MailingModel,
  MailingPreviewModel,
  MailingStatsModel,
  MailingStatusEnum,
  toMailingModel,
} from './mailing.model';
import { MailingsService } from './mailings.service';

export const MailingConnection = Connection(MailingModel, 'Mailing');

@ArgsType()
export class MailingsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'One branch’s; without it, every one you may see.' })
  @IsOptional()
  @IsUUID()
  branchId?: string | null;

  @Field(() => MailingStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(MAILING_STATUSES)
  status?: MailingStatus | null;
}

@RequireRole('ORGANISER')
@Resolver(() => MailingModel)
export class MailingsResolver {
  constructor(private readonly service: MailingsService) {}

  @Query(() => MailingConnection, { description: 'Newest first; organisers see their branches’ only.' })
  mailings(@CurrentActor() actor: Actor, @Args() args: MailingsArgs) {
    return this.service.list(actor, { branchId: args.branchId, status: args.status }, args, toMailingModel);
  }

  @Query(() => MailingModel)
  async mailing(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<MailingModel> {
    return toMailingModel(await this.service.get(actor, id));
  }

  @Query(() => MailingPreviewModel, {
    description: 'Subject and body rendered for one member of the branch.',
  })
  previewMailing(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('memberId', { type: () => ID }) memberId: string,
  ): Promise<MailingPreviewModel> {
    return this.service.preview(actor, id, memberId);
  }

  @Query(() => Int, { complexity: FIELD_COST.AGGREGATE, description: 'How many people it would go to now.' })
  mailingAudienceCount(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<number> {
    return this.service.audienceCount(actor, id);
  }

  @Mutation(() => MailingModel, {
    description: 'A draft. Without a branch: national, to everyone (admins only).',
  })
  async createMailing(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateMailingInput,
  ): Promise<MailingModel> {
    return toMailingModel(await this.service.create(actor, input));
  }

  @Mutation(() => MailingModel)
  async updateMailing(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateMailingInput,
  ): Promise<MailingModel> {
    return toMailingModel(await this.service.update(actor, input));
  }

  @Mutation(() => Boolean, { description: 'A copy to you only, marked TEST.' })
  sendTestMailing(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    return this.service.sendTest(actor, id);
  }

  @Mutation(() => MailingModel)
  async scheduleMailing(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('sendAt') sendAt: Date,
  ): Promise<MailingModel> {
    return toMailingModel(await this.service.schedule(actor, id, sendAt));
  }

  @Mutation(() => MailingModel, { description: 'Fixes the audience and starts sending now.' })
  async sendMailing(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<MailingModel> {
    return toMailingModel(await this.service.send(actor, id));
  }

  @Mutation(() => MailingModel)
  async pauseMailing(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<MailingModel> {
    return toMailingModel(await this.service.pause(actor, id));
  }

  @Mutation(() => MailingModel)
  async resumeMailing(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<MailingModel> {
    return toMailingModel(await this.service.resume(actor, id));
  }

  @Mutation(() => MailingModel)
  async cancelMailing(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<MailingModel> {
    return toMailingModel(await this.service.cancel(actor, id));
  }

  @ResolveField(() => MailingStatsModel, { complexity: FIELD_COST.AGGREGATE })
  stats(@Parent() mailing: MailingModel, @CurrentActor() actor: Actor | null): Promise<MailingStatsModel> {
    return this.service.stats(actor, mailing);
  }
}
