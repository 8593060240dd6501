import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import {
  Actor,
  ActionPageHeaders,
  AppConfig,
  CurrentActor,
  linkActionPage,
  linkFormPage,
  linkToken,
  Public,
  PublicAction,
  RequireRole,
  sendDownload,
} from '@app/core';
import { calendarFor } from './calendar';
import { EventsService } from './events.service';
import { InvalidRsvpLinkError } from './events.errors';
import { RsvpService } from './rsvp.service';

/** Calendar feeds, the attendee export, and the page behind an RSVP's cancel link. */
@Controller()
export class EventsHttpController {
  constructor(
    private readonly events: EventsService,
    private readonly rsvps: RsvpService,
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
      this.rsvps.exportAttendees(actor, id, out),
    );
  }

  @Public()
  @Get('rsvp/cancel')
  @ActionPageHeaders()
  showCancel(@Query('token') token: unknown): string {
    return linkFormPage(linkToken(token), {
      title: 'Free your place',
      intro: 'If you cannot come, press the button: your place goes to the next person waiting.',
      action: '/rsvp/cancel',
      button: 'I cannot come',
    });
  }

  @PublicAction()
  @Post('rsvp/cancel')
  @HttpCode(200)
  @ActionPageHeaders()
  cancel(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return linkActionPage(res, InvalidRsvpLinkError, async () => {
      await this.rsvps.cancel(linkToken(token));
      return { title: 'Your place is free', paragraphs: ['Thank you for letting us know.'] };
    });
  }
}
