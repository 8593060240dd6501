import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BranchesModule } from '@app/branches';
import { MailModule } from '@app/mail';
import { MembersModule } from '@app/members';
import { GeographyRepository, TargetsModule } from '@app/targets';
import { PetitionBriefing } from './petition-briefing.entity';
import { PetitionBriefingRepository } from './petition-briefing.repository';
import { PetitionBriefingsResolver } from './petition-briefings.resolver';
import { PetitionBriefingsService } from './petition-briefings.service';
import { PetitionCount } from './petition-count.entity';
import { Petition } from './petition.entity';
import { PetitionsHttpController } from './petitions-http.controller';
import { PetitionsPersonalData } from './petitions-personal-data';
import { PetitionRepository } from './petition.repository';
import { PetitionsResolver } from './petitions.resolver';
import { PetitionsService } from './petitions.service';
import { Signature } from './signature.entity';
import { SignatureRepository } from './signature.repository';
import { SignaturesService } from './signatures.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Petition, Signature, PetitionCount, PetitionBriefing]),
    BranchesModule,
    MembersModule,
    MailModule,
    TargetsModule,
  ],
  controllers: [PetitionsHttpController],
  providers: [
    PetitionRepository,
    SignatureRepository,
    PetitionsService,
    SignaturesService,
    PetitionsResolver,
    PetitionsPersonalData,
    PetitionBriefingRepository,
    PetitionBriefingsService,
    PetitionBriefingsResolver,
    // Only needs the database: constituency and region names and the region of each constituency.
    GeographyRepository,
  ],
  exports: [PetitionsService, SignaturesService],
})
export class PetitionsModule {}
