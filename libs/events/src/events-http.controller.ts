import { Controller, Get, Header, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, AppConfig, CurrentActor, Public, RequireRole, sendDownload } from '@app/core';
import { calendarFor } from './calendar';
import { EventsService } from './events.service';
import { AttendanceService } from './attendance.service';

/** Calendar feeds and the attendee export (the supporter pages are in pages/). */
@Controller()
export class EventsHttpController {
  constructor(
    private readonly events: EventsService,
    private readonly attendance: AttendanceService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('events/:id.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  async eventCalendar(
    @CurrentActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<string> {
    const event = await this.events.getVisible(actor, id);
    return calendarFor([event], event.title, this.config.publicUrl);
  }

  @Public()
  @Get('branches/:slug/events.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  async branchCalendar(@Param('slug') slug: string): Promise<string> {
    const { branch, events } = await this.events.forBranchCalendar(slug);
    return calendarFor(events, `${branch.name} events`, this.config.publicUrl);
  }

  @RequireRole('ORGANISER')
  @Get('events/:id/attendees.csv')
  async attendees(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.events.getManaged(actor, id);
    await sendDownload(res, { contentType: 'text/csv; charset=utf-8', filename: 'attendees.csv' }, (out) =>
      this.attendance.exportAttendees(actor, id, out),
    );
  }
}
