import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BranchesModule } from '@app/branches';
import { MailModule } from '@app/mail';
import { MemberRepository, MembersModule } from '@app/members';
import { AttendanceService } from './attendance.service';
import { Certificate } from './certificate.entity';
import { CheckInKey } from './check-in-key.entity';
import { CheckInKeyRepository } from './check-in-key.repository';
import { CertificateRepository } from './certificate.repository';
import { CampaignEvent } from './event.entity';
import { EventRepository } from './event.repository';
import { EventsHttpController } from './events-http.controller';
import { EventsPersonalData } from './events-personal-data';
import { EventsResolver, RsvpResolver } from './events.resolver';
import { EventsService } from './events.service';
import { RemindersService } from './reminders.service';
import { Rsvp } from './rsvp.entity';
import { RsvpMailer } from './rsvp-mailer';
import { RsvpRepository } from './rsvp.repository';
import { MemberRsvpsResolver } from './member-rsvps.resolver';
import { RsvpService } from './rsvp.service';

const REPOSITORIES = [EventRepository, RsvpRepository, CertificateRepository, CheckInKeyRepository];

@Module({
  imports: [
    TypeOrmModule.forFeature([CampaignEvent, Rsvp, Certificate, CheckInKey]),
    BranchesModule,
    MembersModule,
    MailModule,
  ],
  // The pages are in EventPagesModule (api only), registered after these routes.
  controllers: [EventsHttpController],
  providers: [
    ...REPOSITORIES,
    EventsService,
    RsvpService,
    AttendanceService,
    RsvpMailer,
    RemindersService,
    EventsResolver,
    RsvpResolver,
    MemberRsvpsResolver,
    EventsPersonalData,
  ],
  exports: [EventsService, RsvpService, AttendanceService, RemindersService],
})
export class EventsModule {}

/** For the worker: the scheduled reminder and refresher work, without HTTP or GraphQL. */
@Module({
  imports: [TypeOrmModule.forFeature([CampaignEvent, Rsvp, Certificate, CheckInKey]), MailModule],
  // MemberRepository only needs the database: the worker has no use for the rest of MembersModule.
  providers: [...REPOSITORIES, MemberRepository, RsvpMailer, RemindersService],
  exports: [RemindersService],
})
export class EventSchedulesModule {}
