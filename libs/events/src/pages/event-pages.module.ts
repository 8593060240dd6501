import { Module } from '@nestjs/common';
import { BranchesModule } from '@app/branches';
import { EventsModule } from '../events.module';
import { EventPagesController } from './event-pages.controller';

/**
 * The events' supporter pages (list, event, reply, cancel, embeds). A module of its own, imported by
 * the api only, after EventsModule: the calendar routes (`events/:id.ics`) must come before the
 * pages' `events/:id`.
 */
@Module({
  imports: [EventsModule, BranchesModule],
  controllers: [EventPagesController],
})
export class EventPagesModule {}
