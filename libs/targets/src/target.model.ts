import { Field, ID, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '@app/core';
import { DELIVERY_STATUSES, DeliveryStatus, Target, TARGET_KINDS, TargetKind } from './target.entity';

export const TargetKindEnum = graphqlEnum(TARGET_KINDS, 'TargetKind');

export const DeliveryStatusEnum = graphqlEnum(
  DELIVERY_STATUSES,
  'DeliveryStatus',
  'OK; BOUNCING (the server refused the address; letters to it fail at once); BLOCKED (by an admin).',
);

@ObjectType('Target', {
  description: 'Someone the campaign writes to: an MSP, an MP, an institution, a venue…',
})
export class TargetModel {
  @Field(() => ID)
  id!: string;

  @Field(() => TargetKindEnum)
  kind!: TargetKind;

  @Field()
  name!: string;

  @Field()
  title!: string;

  @Field()
  organisation!: string;

  @Field(() => String, { nullable: true })
  party!: string | null;

  @Field(() => String, { nullable: true })
  constituencyCode!: string | null;

  @Field(() => String, { nullable: true })
  regionCode!: string | null;

  @Field(() => DeliveryStatusEnum)
  deliveryStatus!: DeliveryStatus;
}

export const toTargetModel = (t: Target): TargetModel => ({
  id: t.id,
  kind: t.kind,
  name: t.name,
  title: t.title,
  organisation: t.organisation,
  party: t.party,
  constituencyCode: t.constituencyCode,
  regionCode: t.regionCode,
  deliveryStatus: t.deliveryStatus,
});
