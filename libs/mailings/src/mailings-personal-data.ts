import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@app/members';
import { MailingRepository } from './mailing.repository';

/**
 * Mailings a person was sent, in their data download; on erasure their unsubscribe links stop
 * working, mail not yet sent to them is cancelled, and the outbox forgets their address (the
 * recipient rows stay, so figures stay right).
 */
@Injectable()
export class MailingsPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly repository: MailingRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(
      'mailings',
      // Mailings go to member records only: an address without one was never mailed.
      async (manager, person) =>
        person.memberId ? this.repository.receivedBy(manager, person.memberId) : [],
      { perRecord: true },
    );
    this.registry.registerEraser('mailings', async (manager, person) => {
      if (!person.memberId) {
        return;
      }
      // Mail written but not yet sent is withdrawn, and the outbox keeps no address or name of theirs.
      await this.repository.eraseRecipient(manager, person.memberId);
    });
  }
}
