import { Injectable, OnModuleInit } from '@nestjs/common';
import { canonicalEmail } from '@app/core';
import { PersonalDataRegistry } from '@app/members';
import { LetterRepository } from './letter.repository';
import { LetterQuestionnaireRepository } from './letter-questionnaire.repository';

/**
 * Letters in a person's data download (with their questionnaire answers); on erasure their letters are anonymised (still counted) and
 * anything not yet sent is cancelled, with their name and address gone from the outbox too.
 */
@Injectable()
export class LettersPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly letters: LetterRepository,
    private readonly questionnaires: LetterQuestionnaireRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('letters', async (manager, person) => {
      const rows = await this.letters.byAddress(manager, canonicalEmail(person.email));
      // Their answers to "did you get a reply?", with the reply's words if they shared them.
      const answers = new Map(
        (
          await this.questionnaires.answersTo(
            rows.map((l) => l.id),
            manager,
          )
        ).map((a) => [a.letterId, a]),
      );
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
        ...(answers.has(l.id)
          ? {
              replied: answers.get(l.id)!.replied,
              replyStance: answers.get(l.id)!.stance,
              replyText: answers.get(l.id)!.replyText,
              answeredAt: answers.get(l.id)!.answeredAt,
            }
          : {}),
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
