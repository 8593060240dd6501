import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '@app/mail';
import { MembersModule } from '@app/members';
import { GeographyRepository, TargetsModule } from '@app/targets';
import { LetterCampaign, LetterCampaignTarget } from './letter-campaign.entity';
import { LetterCampaignRepository } from './letter-campaign.repository';
import { LetterCampaignsService } from './letter-campaigns.service';
import { Letter } from './letter.entity';
import { LetterRepository } from './letter.repository';
import { LettersPersonalData } from './letters-personal-data';
import { LettersResolver } from './letters.resolver';
import { LettersService } from './letters.service';
import { AdvocacyResolver } from './advocacy.resolver';
import { LetterAnswer, LetterQuestionnaire } from './letter-questionnaire.entity';
import { LetterQuestionnaireRepository } from './letter-questionnaire.repository';
import { LetterQuestionnairesService } from './letter-questionnaires.service';
import { LetterDigestsService } from './letter-digests.service';
import { TargetStance } from './target-stance.entity';
import { TargetStanceRepository } from './target-stance.repository';
import { TargetStancesService } from './target-stances.service';

/**
 * Letter campaigns and letters. The worker imports it too: the outcome of each letter's delivery
 * is recorded by handlers this module registers with the mail library.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      LetterCampaign,
      LetterCampaignTarget,
      Letter,
      LetterQuestionnaire,
      LetterAnswer,
      TargetStance,
    ]),
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
    LetterQuestionnaireRepository,
    TargetStanceRepository,
    LetterQuestionnairesService,
    TargetStancesService,
    AdvocacyResolver,
    // Only needs the database: the constituency and region names on the scorecard.
    GeographyRepository,
  ],
  exports: [LetterCampaignsService, LettersService, LetterQuestionnairesService, TargetStancesService],
})
export class LettersModule {}

/**
 * For the worker and the CLI: the "did you get a reply?" questionnaires and the daily digests of
 * near-copy letters, sent on schedule.
 */
@Module({
  imports: [TypeOrmModule.forFeature([LetterQuestionnaire, LetterAnswer]), MailModule],
  providers: [
    LetterQuestionnaireRepository,
    LetterQuestionnairesService,
    LetterRepository,
    LetterDigestsService,
  ],
  exports: [LetterQuestionnairesService, LetterDigestsService],
})
export class LetterSchedulesModule {}
