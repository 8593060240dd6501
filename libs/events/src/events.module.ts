import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BranchesModule } from '@app/branches';
import { MailModule } from '@app/mail';
import { MembersModule } from '@app/members';
import { Certificate } from './certificate.entity';
import { CampaignEvent } from './event.entity';
import { EventsHttpController } from './events-http.controller';
import { EventPagesController } from './pages/event-pages.controller';
import { EventsPersonalData } from './events-personal-data';
import { EventsResolver, RsvpResolver } from './events.resolver';
import { EventsService } from './events.service';
import { RemindersService } from './reminders.service';
import { Rsvp } from './rsvp.entity';
import { RsvpMailer } from './rsvp-mailer';
import { RsvpService } from './rsvp.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([CampaignEvent, Rsvp, Certificate]),
    BranchesModule,
    MembersModule,
    MailModule,
  ],
  // The calendar routes (`events/:id.ics`) come before the pages' `events/:id`.
  controllers: [EventsHttpController, EventPagesController],
  providers: [
    EventsService,
    RsvpService,
    RsvpMailer,
    RemindersService,
    EventsResolver,
    RsvpResolver,
    EventsPersonalData,
  ],
  exports: [EventsService, RsvpService, RemindersService],
})
export class EventsModule {}

/** For the worker: the scheduled reminder and refresher work, without HTTP or GraphQL. */
@Module({
  imports: [TypeOrmModule.forFeature([CampaignEvent, Rsvp, Certificate]), MailModule],
  providers: [RsvpMailer, RemindersService],
  exports: [RemindersService],
})
export class EventSchedulesModule {}
