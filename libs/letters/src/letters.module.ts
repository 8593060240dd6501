import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '@app/mail';
import { MembersModule } from '@app/members';
import { TargetsModule } from '@app/targets';
import { LetterCampaign, LetterCampaignTarget } from './letter-campaign.entity';
import { LetterCampaignRepository } from './letter-campaign.repository';
import { LetterCampaignsService } from './letter-campaigns.service';
import { Letter } from './letter.entity';
import { LetterRepository } from './letter.repository';
import { LettersPersonalData } from './letters-personal-data';
import { LettersResolver } from './letters.resolver';
import { LettersService } from './letters.service';

/**
 * Letter campaigns and letters. The worker imports it too: the outcome of each letter's delivery
 * is recorded by handlers this module registers with the mail library.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([LetterCampaign, LetterCampaignTarget, Letter]),
    MailModule,
    MembersModule,
    TargetsModule,
  ],
  providers: [
    LetterCampaignRepository,
    LetterRepository,
    LetterCampaignsService,
    LettersService,
    LettersResolver,
    LettersPersonalData,
  ],
  exports: [LetterCampaignsService, LettersService],
})
export class LettersModule {}
