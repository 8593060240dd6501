import { Injectable, OnModuleInit } from '@nestjs/common';
import { canonicalEmail } from '@app/core';
import { PersonalDataRegistry } from '@app/members';
import { LetterRepository } from './letter.repository';

/**
 * Letters in a person's data download; on erasure their letters are anonymised (still counted) and
 * anything not yet sent is cancelled, with their name and address gone from the outbox too.
 */
@Injectable()
export class LettersPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly letters: LetterRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('letters', async (manager, person) => {
      const rows = await this.letters.byAddress(manager, canonicalEmail(person.email));
      return rows.map((l) => ({
        campaign: l.campaign?.title,
        to: l.target?.name,
        fullName: l.fullName,
        email: l.email,
        postcode: l.postcode,
        subject: l.subject,
        body: l.body,
        status: l.status,
        writtenAt: l.createdAt,
        sentAt: l.sentAt,
      }));
    });
    this.registry.registerHolder('letters', async (manager, email) => {
      const fullName = await this.letters.lastNameGiven(manager, canonicalEmail(email));
      return fullName === undefined ? null : { fullName };
    });
    this.registry.registerEraser('letters', async (manager, person) => {
      await this.letters.eraseByAddress(manager, canonicalEmail(person.email));
    });
  }
}
