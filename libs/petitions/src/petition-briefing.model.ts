import { Field, Int, ObjectType } from '@nestjs/graphql';
import { TargetModel } from '@app/targets';
import { PetitionModel } from './petition.model';

@ObjectType('PetitionBriefingRow', { description: 'One MSP and the confirmed signers they represent.' })
export class PetitionBriefingRowModel {
  @Field(() => TargetModel)
  target!: TargetModel;

  @Field({ description: 'The constituency (constituency MSPs) or region (regional MSPs) counted.' })
  area!: string;

  @Field(() => Int, { description: 'Confirmed signers in that constituency or region.' })
  signers!: number;

  @Field(() => Date, { nullable: true, description: 'When the briefing was last emailed to them.' })
  lastSentAt!: Date | null;
}

@ObjectType('PetitionBriefing', { description: 'A petition’s figures per MSP, for briefing them.' })
export class PetitionBriefingModel {
  @Field(() => PetitionModel)
  petition!: PetitionModel;

  @Field(() => Int, { description: 'The petition’s confirmed signatures in all.' })
  total!: number;

  @Field(() => [PetitionBriefingRowModel])
  rows!: PetitionBriefingRowModel[];
}

@ObjectType('PetitionBriefingSent')
export class PetitionBriefingSentModel {
  @Field(() => Int, { description: 'MSPs emailed now.' })
  sent!: number;

  @Field(() => Int, { description: 'MSPs skipped because they already had this briefing.' })
  alreadySent!: number;
}
