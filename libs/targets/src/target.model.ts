import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Target, TARGET_KINDS, TargetKind } from './target.entity';

export const TargetKindEnum = Object.fromEntries(TARGET_KINDS.map((k) => [k, k])) as { [K in TargetKind]: K };
registerEnumType(TargetKindEnum, { name: 'TargetKind' });

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
});
