import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, generateToken, hashToken, InvalidLinkError } from '@app/core';
import { Mailbag, OutboxService } from '@app/mail';
import type { Target } from '@app/targets';
import type { LetterCampaign } from './letter-campaign.entity';
import { LetterQuestionnaireRepository } from './letter-questionnaire.repository';
import { LetterAnswer, Replied, Stance } from './letter-questionnaire.entity';
import { letterQuestionnaireReminderTemplate, letterQuestionnaireTemplate } from './letter.templates';
import { QuestionnaireAnswerError } from './letters.errors';

/** How long a questionnaire's links stay good: answers can be changed until then. */
export const QUESTIONNAIRE_LINK_DAYS = 90;

/** Questionnaires mailed (or reminders) per run at most; the next run takes the rest. */
const BATCH = 200;

/** The most a supporter may share of a reply's words. */
export const REPLY_TEXT_MAX = 5000;

export interface QuestionnaireAnswerInput {
  targetId: string;
  replied: Replied;
  stance?: Stance | null;
  replyText?: string | null;
}

/** What the questionnaire page shows: the campaign, each recipient and the answer given so far. */
export interface QuestionnaireView {
  campaign: LetterCampaign;
  recipients: Array<{ target: Target; answer: LetterAnswer | null }>;
}

const describeTarget = (t: Target): string =>
  [t.name, t.title].filter(Boolean).join(', ') + (t.organisation ? ` (${t.organisation})` : '');

/**
 * "Did you get a reply?": once a supporter's letters under a campaign have been sent, one email
 * (LETTER_QUESTIONNAIRE_AFTER), and one reminder if unanswered (LETTER_QUESTIONNAIRE_REMINDER_AFTER):
 * never more than two. Letters sent later under the same campaign join the same questionnaire
 * without another email. The link records answers only when they are sent (POST or the mutation),
 * and stays good for QUESTIONNAIRE_LINK_DAYS so that "not yet" can become "yes" when a reply comes.
 */
@Injectable()
export class LetterQuestionnairesService {
  constructor(
    private readonly questionnaires: LetterQuestionnaireRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /** The scheduled job: questionnaires that have come due, then reminders. How many emails. */
  async run(): Promise<number> {
    return (await this.sendDue()) + (await this.sendReminders());
  }

  /** Mails each supporter whose letters are due a questionnaire; attaches later letters to theirs. */
  async sendDue(): Promise<number> {
    return this.outbox.transaction(async (manager, mail) => {
      await this.questionnaires.lockRun(manager);
      const due = await this.questionnaires.due(manager, this.config.letters.questionnaireAfterMs, BATCH);
      let mailed = 0;
      for (const group of due) {
        if (group.questionnaireId) {
          await this.questionnaires.attach(manager, group.questionnaireId, group.letterIds);
          continue;
        }
        const token = generateToken();
        const questionnaire = await this.questionnaires.create(manager, group.campaignId, hashToken(token));
        await this.questionnaires.attach(manager, questionnaire.id, group.letterIds);
        mailed += (await this.mail(manager, mail, questionnaire.id, token, 'first')) ? 1 : 0;
      }
      return mailed;
    });
  }

  /** The one reminder of each questionnaire still unanswered after the reminder interval. */
  async sendReminders(): Promise<number> {
    return this.outbox.transaction(async (manager, mail) => {
      const due = await this.questionnaires.reminderDue(
        manager,
        this.config.letters.questionnaireReminderAfterMs,
        BATCH,
      );
      let mailed = 0;
      for (const questionnaire of due) {
        const token = generateToken();
        await this.questionnaires.update(manager, questionnaire.id, {
          reminderSentAt: new Date(),
          reminderTokenHash: hashToken(token),
        });
        mailed += (await this.mail(manager, mail, questionnaire.id, token, 'reminder')) ? 1 : 0;
      }
      return mailed;
    });
  }

  /** The questionnaire behind a link, to show (a read: nothing changes). */
  async view(token: string): Promise<QuestionnaireView> {
    const questionnaire = await this.questionnaires.byTokenHash(this.hash(token), this.linksSince());
    if (!questionnaire) {
      throw this.invalidLink();
    }
    const letters = await this.questionnaires.lettersOf(questionnaire.id);
    if (letters.length === 0) {
      throw this.invalidLink();
    }
    const answers = new Map(
      (await this.questionnaires.answersTo(letters.map((l) => l.id))).map((a) => [a.letterId, a]),
    );
    return {
      campaign: questionnaire.campaign!,
      recipients: letters.map((l) => ({ target: l.target!, answer: answers.get(l.id) ?? null })),
    };
  }

  /**
   * Records the supporter's answers, replacing any given before. Every answer must be about one of
   * the questionnaire's recipients, once; a stance and the reply's words only with "yes". Bad input
   * changes nothing.
   */
  async answer(
    token: string,
    answers: QuestionnaireAnswerInput[],
  ): Promise<{ campaign: LetterCampaign; answered: number }> {
    return this.outbox.transaction(async (manager) => {
      const questionnaire = await this.questionnaires.byTokenHash(
        this.hash(token),
        this.linksSince(),
        manager,
      );
      if (!questionnaire) {
        throw this.invalidLink();
      }
      const letters = await this.questionnaires.lettersOf(questionnaire.id, manager);
      if (letters.length === 0) {
        throw this.invalidLink();
      }
      const byTarget = new Map(letters.map((l) => [l.targetId, l]));
      const problems = checkAnswers(answers, new Set(byTarget.keys()));
      if (problems.length > 0) {
        throw new QuestionnaireAnswerError(problems);
      }
      for (const answer of answers) {
        const yes = answer.replied === 'YES';
        await this.questionnaires.answer(manager, {
          letterId: byTarget.get(answer.targetId)!.id,
          replied: answer.replied,
          stance: yes ? (answer.stance ?? null) : null,
          replyText: yes ? answer.replyText?.trim() || null : null,
        });
      }
      await this.questionnaires.update(manager, questionnaire.id, { answeredAt: new Date() });
      return { campaign: questionnaire.campaign!, answered: answers.length };
    });
  }

  private async mail(
    manager: EntityManager,
    mail: Mailbag,
    questionnaireId: string,
    token: string,
    which: 'first' | 'reminder',
  ): Promise<boolean> {
    // The address as given on the supporter's latest letter; none once erased or scrubbed.
    const letters = (await this.questionnaires.lettersOf(questionnaireId, manager)).filter((l) => l.email);
    if (letters.length === 0) {
      return false;
    }
    const latest = letters.reduce((a, b) => (a.createdAt > b.createdAt ? a : b));
    await mail.add(
      which === 'first' ? letterQuestionnaireTemplate : letterQuestionnaireReminderTemplate,
      latest.email,
      {
        fullName: latest.fullName,
        campaignTitle: latest.campaign!.title,
        recipients: letters.map((l) => describeTarget(l.target!)),
        link: `${this.config.publicUrl}/letters/questionnaire?token=${token}`,
      },
    );
    return true;
  }

  private hash(token: string): string {
    return hashToken(typeof token === 'string' ? token : '');
  }

  private linksSince(): Date {
    return new Date(Date.now() - QUESTIONNAIRE_LINK_DAYS * 86_400_000);
  }

  private invalidLink(): InvalidLinkError {
    return new InvalidLinkError({ message: 'This link has expired or is not one we sent.' });
  }
}

/** What is wrong with a set of answers (empty when nothing is). Pure, for the page and the API alike. */
export function checkAnswers(
  answers: QuestionnaireAnswerInput[],
  targetIds: ReadonlySet<string>,
): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (answers.length === 0) {
    problems.push({ field: 'answers', message: 'needs at least one recipient answered' });
  }
  const seen = new Set<string>();
  answers.forEach((answer, i) => {
    if (!targetIds.has(answer.targetId)) {
      problems.push({ field: `answers.${i}.targetId`, message: 'is not one of the people you wrote to' });
    } else if (seen.has(answer.targetId)) {
      problems.push({ field: `answers.${i}.targetId`, message: 'answers about the same person twice' });
    }
    seen.add(answer.targetId);
    if (answer.replied !== 'YES' && answer.stance) {
      problems.push({ field: `answers.${i}.stance`, message: 'can say what they said only if they replied' });
    }
    if (answer.replied !== 'YES' && answer.replyText?.trim()) {
      problems.push({
        field: `answers.${i}.replyText`,
        message: 'can share their reply only if they replied',
      });
    }
    if ((answer.replyText ?? '').length > REPLY_TEXT_MAX) {
      problems.push({
        field: `answers.${i}.replyText`,
        message: `must be at most ${REPLY_TEXT_MAX} characters`,
      });
    }
  });
  return problems;
}
