import { Injectable, OnModuleInit } from '@nestjs/common';
import { canonicalEmail } from '@app/core';
import { PersonalDataRegistry } from '@app/members';
import { CertificateRepository } from './certificate.repository';
import { RsvpRepository } from './rsvp.repository';

/**
 * A person's RSVPs and certificates in their data download (from their own record and every
 * branch's provisional record of their address), their erasure, and their move to the person's own
 * record when a provisional record is confirmed.
 */
@Injectable()
export class EventsPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly rsvps: RsvpRepository,
    private readonly certificates: CertificateRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(
      'eventReplies',
      async (manager, { memberId, email }) =>
        // Every reply has a member record; by address too, in case one outlives its record's link.
        (memberId
          ? await this.rsvps.byMember(manager, memberId)
          : await this.rsvps.byAddress(manager, canonicalEmail(email))
        ).map((r) => ({
          event: r.event?.title,
          startsAt: r.event?.startsAt,
          fullName: r.fullName,
          email: r.email,
          status: r.status,
          repliedAt: r.queuedAt,
          checkedInAt: r.checkedInAt,
        })),
      { perRecord: true },
    );
    this.registry.register(
      'certificates',
      async (manager, { memberId }) =>
        (memberId ? await this.certificates.byMember(manager, memberId) : []).map((c) => ({
          trainingKind: c.trainingKind,
          issuedOn: c.issuedOn,
          validUntil: c.validUntil,
        })),
      { perRecord: true },
    );
    this.registry.registerHolder('eventReplies', async (manager, email) => {
      const fullName = await this.rsvps.lastNameGiven(manager, canonicalEmail(email));
      return fullName === undefined ? null : { fullName };
    });
    // Replies stay (so attendance counts stay right) without the name and address given with them.
    this.registry.registerEraser('eventReplies', (manager, person) =>
      this.rsvps.erase(manager, person.memberId, canonicalEmail(person.email)),
    );
    this.registry.registerMerger('eventReplies', async (manager, { from, into }) => {
      await this.rsvps.moveToRecord(manager, from, into);
      await this.certificates.moveToRecord(manager, from, into);
    });
  }
}
