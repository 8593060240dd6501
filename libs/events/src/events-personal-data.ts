import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@app/members';
import { Certificate } from './certificate.entity';
import { Rsvp } from './rsvp.entity';

/** Adds a person's RSVPs and certificates to their data download. */
@Injectable()
export class EventsPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register('eventReplies', async (manager, memberId) =>
      (
        await manager.find(Rsvp, {
          where: { memberId },
          relations: { event: true },
          order: { queuedAt: 'ASC' },
        })
      ).map((r) => ({
        event: r.event?.title,
        startsAt: r.event?.startsAt,
        status: r.status,
        repliedAt: r.queuedAt,
        checkedInAt: r.checkedInAt,
      })),
    );
    this.registry.register('certificates', async (manager, memberId) =>
      (await manager.find(Certificate, { where: { memberId }, order: { issuedOn: 'ASC' } })).map((c) => ({
        trainingKind: c.trainingKind,
        issuedOn: c.issuedOn,
        validUntil: c.validUntil,
      })),
    );
  }
}
