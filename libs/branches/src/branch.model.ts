import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Branch', { description: 'A local group of the campaign.' })
export class BranchModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Short name used in links, e.g. "dundee".' })
  slug!: string;

  @Field()
  name!: string;

  @Field(() => [String], { description: 'Postcode areas ("DD") or districts ("KY16") the branch covers.' })
  postcodeAreas!: string[];

  @Field(() => String, { nullable: true, description: 'Public contact address of the branch.' })
  contactEmail!: string | null;
}
