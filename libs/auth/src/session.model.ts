import { Field, ObjectType } from '@nestjs/graphql';
import { MemberModel } from '@app/members';

@ObjectType('Session')
export class SessionModel {
  @Field({ description: 'Send as `Authorization: Bearer <token>`. Shown once; keep it secret.' })
  token!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => MemberModel)
  member!: MemberModel;
}
