import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { icalText, plainText } from '@app/core';
import { CampaignEvent } from './event.entity';
import { LONDON } from './london-time';

export function whereText(event: CampaignEvent): string {
  const place = [event.locationName, event.locationAddress, event.locationPostcode]
    .filter(Boolean)
    .join(', ');
  return [place, event.onlineUrl].filter(Boolean).join(' / ') || 'to be announced';
}

/**
 * An iCalendar file of the events, in Europe/London time with its VTIMEZONE. Organisers' text can
 * hold anything (line breaks, `;`, `,`, `\`): ical-generator escapes the events' text properties,
 * but writes the calendar's NAME and X-WR-CALNAME as given, so the name is escaped here (a line
 * break there would start a property of the organiser's choosing). Control characters go from
 * every value. A test parses the result and checks each value comes back exactly.
 */
export function calendarFor(events: CampaignEvent[], name: string, publicUrl: string): string {
  const calendar = ical({
    name: icalText(name),
    prodId: { company: 'campaign-crm', product: 'events', language: 'EN' },
    timezone: { name: LONDON, generator: getVtimezoneComponent },
  });
  for (const event of events) {
    calendar.createEvent({
      id: `${event.id}@campaign-crm`,
      start: DateTime.fromJSDate(event.startsAt).setZone(LONDON),
      end: DateTime.fromJSDate(event.endsAt).setZone(LONDON),
      timezone: LONDON,
      summary: plainText(event.title),
      description: plainText(event.description) || undefined,
      location: plainText(whereText(event)),
      url: `${publicUrl}/events/${event.id}.ics`,
      status: event.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      lastModified: DateTime.fromJSDate(event.updatedAt),
    });
  }
  return calendar.toString();
}
