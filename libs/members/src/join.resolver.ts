import { Args, Field, ObjectType, Query, registerEnumType, Resolver } from '@nestjs/graphql';
import { Public, PublicMutation } from '@app/core';
import { EMAIL_CONSENT } from './consent';
import { JoinCampaignInput } from './dto/join-campaign.input';
import { JoinService } from './join.service';

export enum JoinStatus {
  CONFIRMATION_SENT = 'CONFIRMATION_SENT',
}
registerEnumType(JoinStatus, { name: 'JoinStatus' });

@ObjectType()
export class JoinResult {
  @Field(() => JoinStatus, {
    description: 'Always CONFIRMATION_SENT: the answer never says whether the email was known.',
  })
  status!: JoinStatus;
}

@ObjectType()
export class ConsentWording {
  @Field({ description: 'Show exactly this next to the email opt-in box.' })
  text!: string;

  @Field()
  version!: string;
}

@Resolver()
export class JoinResolver {
  constructor(private readonly join: JoinService) {}

  @Public()
  @Query(() => ConsentWording, {
    description: 'The wording of the campaign-email opt-in, as recorded with each consent.',
  })
  emailConsent(): ConsentWording {
    return { ...EMAIL_CONSENT };
  }

  @PublicMutation(() => JoinResult, { name: 'joinCampaign' })
  async joinCampaign(@Args('input') input: JoinCampaignInput): Promise<JoinResult> {
    await this.join.join(input);
    return { status: JoinStatus.CONFIRMATION_SENT };
  }

  @PublicMutation(() => Boolean, {
    name: 'confirmEmail',
    description: 'Confirms the address behind an emailed link.',
  })
  async confirmEmail(@Args('token') token: string): Promise<boolean> {
    await this.join.confirmEmail(token);
    return true;
  }
}
