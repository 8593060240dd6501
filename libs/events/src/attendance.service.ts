import { Injectable } from '@nestjs/common';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { Actor, AuditService, ConnectionShape, csvSafe, csvWriter, NotFoundError, paginate } from '@app/core';
import { MemberDirectoryService } from '@app/members';
import { Attendance } from './attendance';
import { Certificate } from './certificate.entity';
import { CertificateRepository } from './certificate.repository';
import { AttendeesArgs, BranchAttendanceArgs } from './dto/event.input';
import { CampaignEvent } from './event.entity';
import { EventsService } from './events.service';
import { Rsvp } from './rsvp.entity';
import { BranchAttendance, RsvpRepository } from './rsvp.repository';

/**
 * The organisers' view of who came: attendee lists, figures, certificates and the attendee CSV.
 * Nothing here changes who is going (RsvpService does, under the event's lock).
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly rsvpRows: RsvpRepository,
    private readonly certificateRows: CertificateRepository,
    private readonly events: EventsService,
    private readonly directory: MemberDirectoryService,
    private readonly audit: AuditService,
  ) {}

  attendees<T>(actor: Actor, args: AttendeesArgs, toNode: (rsvp: Rsvp) => T): Promise<ConnectionShape<T>> {
    return this.events.getManaged(actor, args.eventId).then(() =>
      paginate(this.rsvpRows.attendeesQuery(args.eventId, args.status), args, toNode, {
        column: 'queued_at',
        property: 'queuedAt',
        direction: 'ASC',
      }),
    );
  }

  async attendance(actor: Actor, eventId: string): Promise<Attendance> {
    await this.events.getManaged(actor, eventId);
    return this.rsvpRows.attendance(eventId);
  }

  async branchAttendance(actor: Actor, args: BranchAttendanceArgs): Promise<BranchAttendance> {
    if (!actor.canManageBranch(args.branchId)) {
      throw new NotFoundError('Branch');
    }
    return this.rsvpRows.branchAttendance(args.branchId, args.from ?? null, args.to ?? null);
  }

  /** A member's certificates, for organisers of the member's branch. */
  async certificates(actor: Actor, memberId: string): Promise<Array<Certificate & { event: CampaignEvent }>> {
    await this.directory.get(actor, memberId);
    return this.certificateRows.withEvents(memberId);
  }

  /** Streams the attendee list as CSV (formula-safe) and audits it; leaves `out` open. */
  async exportAttendees(actor: Actor, eventId: string, out: Writable): Promise<number> {
    const event = await this.events.getManaged(actor, eventId);
    const rows = await this.rsvpRows.forExport(eventId);
    const csv = csvWriter(['full_name', 'email', 'status', 'replied_at', 'checked_in_at', 'walk_in']);
    let count = 0;
    try {
      csv.on('data', (chunk: Buffer) => out.write(chunk));
      for (const rsvp of rows) {
        count += 1;
        if (
          !csv.write([
            csvSafe(rsvp.fullName),
            csvSafe(rsvp.email),
            rsvp.status,
            rsvp.queuedAt.toISOString(),
            rsvp.checkedInAt?.toISOString() ?? '',
            rsvp.walkIn ? 'yes' : 'no',
          ])
        ) {
          await once(csv, 'drain');
        }
      }
      csv.end();
      await once(csv, 'end');
    } finally {
      await this.audit.record({
        action: 'event.attendees-export',
        actorId: actor.memberId,
        branchId: event.branchId,
        subjectId: eventId,
        rowCount: count,
      });
    }
    return count;
  }

  /**
   * A member's replies, for organisers of the member's branch: only to events the caller manages
   * (a reply to another branch's event is that branch's record).
   */
  async rsvpsOfMember(actor: Actor, memberId: string): Promise<Array<Rsvp & { event: CampaignEvent }>> {
    await this.directory.get(actor, memberId);
    return this.rsvpRows.ofMember(memberId, actor.isAdmin ? null : [...actor.organiserOf]);
  }
}
