import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { BranchesModule } from '@app/branches';
import { AuditModule, CoreConfigModule, DatabaseModule, QueueModule, SecurityModule } from '@app/core';
import { EventsModule } from '@app/events';
import { LetterSchedulesModule, LettersModule } from '@app/letters';
import { MembersModule } from '@app/members';
import { MIGRATIONS } from '@app/migrations';
import { RetentionModule } from '@app/operations';
import { PetitionsModule } from '@app/petitions';
import { PledgesModule } from '@app/pledges';
import { TargetsModule } from '@app/targets';
import { CreateAdminCommand } from './create-admin.command';
import {
  ImportGeographyCommand,
  ImportMspsCommand,
  ImportPostcodesCommand,
  ImportTargetsCommand,
} from './import.commands';
import { MigrateCommand } from './migrate.command';
import { RetentionCommand } from './retention.command';
import { SendLetterDigestsCommand } from './letter-digests.command';
import { SeedDemoCommand } from './seed-demo.command';

/** `npm run cli -- <command>`: reads the same environment variables as the api and worker. */
@Module({
  imports: [
    CoreConfigModule,
    DatabaseModule.forRoot(MIGRATIONS, { longRunning: true }),
    AuditModule,
    QueueModule,
    SecurityModule,
    BranchesModule,
    MembersModule,
    AuthModule,
    TargetsModule,
    LettersModule,
    LetterSchedulesModule,
    RetentionModule,
    // For the demo seed only (the petition, events and pledges a newcomer can try).
    PetitionsModule,
    EventsModule,
    PledgesModule,
  ],
  providers: [
    CreateAdminCommand,
    MigrateCommand,
    SeedDemoCommand,
    ImportGeographyCommand,
    ImportPostcodesCommand,
    ImportTargetsCommand,
    ImportMspsCommand,
    RetentionCommand,
    SendLetterDigestsCommand,
  ],
})
export class CliModule {}
