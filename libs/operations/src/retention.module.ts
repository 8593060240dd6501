import { Injectable, Module } from '@nestjs/common';
import { RetentionReport, runRetention } from '@app/core';
import { LetterRetention, LetterRetentionModule } from '@app/letters';
import { OutboxRetention, OutboxRetentionModule } from '@app/mail';
import { DataRightsRetention, DataRightsRetentionModule, MemberRetention } from '@app/members';
import { PetitionRetention, PetitionSchedulesModule } from '@app/petitions';
import { PledgeRetention, PledgeRetentionModule } from '@app/pledges';

/**
 * Every library's retention rules, run together: the worker's hourly job and
 * `npm run cli -- retention` run exactly this set. Each rule is safe to run twice.
 */
@Injectable()
export class RetentionTasks {
  constructor(
    private readonly petitions: PetitionRetention,
    private readonly letters: LetterRetention,
    private readonly pledges: PledgeRetention,
    private readonly outbox: OutboxRetention,
    private readonly dataRights: DataRightsRetention,
    private readonly members: MemberRetention,
  ) {}

  run(): Promise<RetentionReport> {
    // Letters before the outbox: scrubbing a letter also clears its writer from its outbox row.
    // Members last: a never-confirmed record goes once nothing else (an unconfirmed pledge's venue,
    // a pending signature or letter) holds the person.
    return runRetention([
      this.petitions,
      this.letters,
      this.pledges,
      this.outbox,
      this.dataRights,
      this.members,
    ]);
  }
}

@Module({
  imports: [
    PetitionSchedulesModule,
    LetterRetentionModule,
    PledgeRetentionModule,
    OutboxRetentionModule,
    DataRightsRetentionModule,
  ],
  providers: [RetentionTasks],
  exports: [RetentionTasks],
})
export class RetentionModule {}
