import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/core';
import { Constituency, GeographySet, PostcodeConstituency, Region } from './geography.entity';
import { GeographyRepository } from './geography.repository';
import { HttpPostcodeLookup, LocalPostcodeLookup, PostcodeLookup } from './postcode-lookup';
import { ScottishParliamentImportService } from './scottish-parliament-import.service';
import { Target } from './target.entity';
import { TargetRepository } from './target.repository';
import { TargetsImportController } from './targets-import.controller';
import { TargetsImportService } from './targets-import.service';
import { TargetsResolver } from './targets.resolver';
import { TargetsService } from './targets.service';

@Module({
  imports: [TypeOrmModule.forFeature([GeographySet, Region, Constituency, PostcodeConstituency, Target])],
  controllers: [TargetsImportController],
  providers: [
    GeographyRepository,
    TargetRepository,
    TargetsService,
    TargetsImportService,
    ScottishParliamentImportService,
    TargetsResolver,
    {
      // POSTCODES_API_URL set: a postcodes.io-compatible service; otherwise the imported table.
      provide: PostcodeLookup,
      inject: [AppConfig, GeographyRepository],
      useFactory: (config: AppConfig, geography: GeographyRepository) =>
        config.postcodesApiUrl
          ? new HttpPostcodeLookup(config.postcodesApiUrl)
          : new LocalPostcodeLookup(geography),
    },
  ],
  exports: [
    TargetsService,
    TargetsImportService,
    ScottishParliamentImportService,
    PostcodeLookup,
    TargetRepository,
  ],
})
export class TargetsModule {}
