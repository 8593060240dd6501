import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DELIVERY_STATUSES, DeliveryStatus, Target, TARGET_KINDS, TargetKind } from './target.entity';

export const TargetKindEnum = Object.fromEntries(TARGET_KINDS.map((k) => [k, k])) as { [K in TargetKind]: K };
registerEnumType(TargetKindEnum, { name: 'TargetKind' });

export const DeliveryStatusEnum = Object.fromEntries(DELIVERY_STATUSES.map((k) => [k, k])) as {
  [K in DeliveryStatus]: K;
};
registerEnumType(DeliveryStatusEnum, {
  name: 'DeliveryStatus',
  description:
    'OK; BOUNCING (the server refused the address; letters to it fail at once); BLOCKED (by an admin).',
});

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
