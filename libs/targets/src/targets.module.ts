import { Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { Constituency, GeographySet, PostcodeConstituency, Region } from './geography.entity';
import { HttpPostcodeLookup, LocalPostcodeLookup, PostcodeLookup } from './postcode-lookup';
import { ScottishParliamentImportService } from './scottish-parliament-import.service';
import { Target } from './target.entity';
import { TargetsImportController } from './targets-import.controller';
import { TargetsImportService } from './targets-import.service';
import { TargetsResolver } from './targets.resolver';
import { TargetsService } from './targets.service';

@Module({
  imports: [TypeOrmModule.forFeature([GeographySet, Region, Constituency, PostcodeConstituency, Target])],
  controllers: [TargetsImportController],
  providers: [
    TargetsService,
    TargetsImportService,
    ScottishParliamentImportService,
    TargetsResolver,
    {
      // POSTCODES_API_URL set: a postcodes.io-compatible service; otherwise the imported table.
      provide: PostcodeLookup,
      inject: [AppConfig, getDataSourceToken()],
      useFactory: (config: AppConfig, dataSource: DataSource) =>
        config.postcodesApiUrl
          ? new HttpPostcodeLookup(config.postcodesApiUrl)
          : new LocalPostcodeLookup(dataSource),
    },
  ],
  exports: [TargetsService, TargetsImportService, ScottishParliamentImportService, PostcodeLookup],
})
export class TargetsModule {}
