import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BranchRepository } from '@app/branches';
import { MAILING_QUEUE } from '@app/core';
import { EventRepository } from '@app/events';
import { MailModule } from '@app/mail';
import { MembersModule } from '@app/members';
import { PetitionRepository } from '@app/petitions';
import { MailingOutcomes } from './mailing-delivery';
import { MailingSender } from './mailing-sender';
import { Mailing, MailingRecipient } from './mailing.entity';
import { MailingRepository } from './mailing.repository';
import { MailingsPersonalData } from './mailings-personal-data';
import { MailingsResolver } from './mailings.resolver';
import { MailingsService } from './mailings.service';

/** Sending mailings (the api starts them; the worker writes their mail): no resolvers. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Mailing, MailingRecipient]),
    BullModule.registerQueue({ name: MAILING_QUEUE }),
    MailModule,
  ],
  // BranchRepository only needs the database (the branch's name, for the sender): the worker has no
  // use for the rest of BranchesModule.
  providers: [MailingRepository, BranchRepository, MailingSender],
  exports: [MailingRepository, MailingSender, BullModule],
})
export class MailingSendingModule {}

/** Mailings for organisers: the API, and the personal-data sections. */
@Module({
  imports: [MailingSendingModule, MailModule, MembersModule],
  // The events and petitions an audience may name are read through their libraries' repositories,
  // which need only the database (EventsModule and PetitionsModule export services only).
  providers: [EventRepository, PetitionRepository, MailingsService, MailingsResolver, MailingsPersonalData],
  exports: [MailingsService],
})
export class MailingsModule {}

/** For the worker: sending, and what happens to each recipient once the SMTP server has answered. */
@Module({
  imports: [MailingSendingModule, MailModule],
  providers: [MailingOutcomes],
  exports: [MailingSendingModule],
})
export class MailingDeliveryModule {}
