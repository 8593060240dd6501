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
  Public,
  PublicAction,
  renderActionPage,
  RequireRole,
} from '@app/core';
import { calendarFor } from './calendar';
import { EventsService } from './events.service';
import { InvalidRsvpLinkError } from './events.errors';
import { RsvpService } from './rsvp.service';

const tokenOf = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 200) : '');

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
    res.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="attendees.csv"',
      'Cache-Control': 'no-store',
    });
    try {
      await this.rsvps.exportAttendees(actor, id, res);
      res.end();
    } catch {
      res.destroy();
    }
  }

  @Public()
  @Get('rsvp/cancel')
  @ActionPageHeaders()
  showCancel(@Query('token') token: unknown): string {
    return renderActionPage({
      title: 'Free your place',
      paragraphs: ['If you cannot come, press the button: your place goes to the next person waiting.'],
      form: { action: '/rsvp/cancel', fields: { token: tokenOf(token) }, button: 'I cannot come' },
    });
  }

  @PublicAction()
  @Post('rsvp/cancel')
  @HttpCode(200)
  @ActionPageHeaders()
  async cancel(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      await this.rsvps.cancel(tokenOf(token));
      return renderActionPage({
        title: 'Your place is free',
        paragraphs: ['Thank you for letting us know.'],
      });
    } catch (error) {
      if (!(error instanceof InvalidRsvpLinkError)) {
        throw error;
      }
      res.status(400);
      return renderActionPage({ title: 'This link no longer works', paragraphs: [error.message] });
    }
  }
}
