import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Letter } from './letter.entity';
import { LetterAnswer, LetterQuestionnaire, Replied, Stance } from './letter-questionnaire.entity';

/** A supporter's sent letters under one campaign that no questionnaire asks about yet. */
export interface DueQuestionnaire {
  campaignId: string;
  /** Where to write: the address given on the latest letter. */
  email: string;
  fullName: string;
  letterIds: string[];
  /** The questionnaire already mailed for the supporter's earlier letters under the campaign. */
  questionnaireId: string | null;
}

/** Every statement about questionnaires and their answers. */
@Injectable()
export class LetterQuestionnaireRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One run of the questionnaire job at a time, for the rest of the transaction. */
  async lockRun(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('letter-questionnaires'))`);
  }

  /**
   * Supporters whose letters under a campaign have all been sent (none still queued), the last at
   * least `afterMs` ago, and that no questionnaire asks about yet. Letters sent long before (more
   * than `afterMs` plus a week: before this feature, or while the worker was away for long) are left
   * alone rather than asked about late.
   */
  async due(manager: EntityManager, afterMs: number, limit: number): Promise<DueQuestionnaire[]> {
    // Raw SQL: a grouped selection with a correlated look-up of the earlier questionnaire. The
    // candidates come from recently sent letters (letter_questionnaire_due_idx); "none still queued"
    // is a NOT EXISTS on letter_queued_writer_idx, so a run never scans the letter table.
    const rows = await manager.query<
      Array<{
        campaign_id: string;
        email: string;
        full_name: string;
        letter_ids: string[];
        questionnaire_id: string | null;
      }>
    >(
      `SELECT l.campaign_id,
              (array_agg(l.email ORDER BY l.created_at DESC))[1] AS email,
              (array_agg(l.full_name ORDER BY l.created_at DESC))[1] AS full_name,
              array_agg(l.id) AS letter_ids,
              (SELECT e.questionnaire_id FROM letter e
                WHERE e.campaign_id = l.campaign_id AND e.email_canonical = l.email_canonical
                  AND e.questionnaire_id IS NOT NULL LIMIT 1) AS questionnaire_id
       FROM letter l
       WHERE l.questionnaire_id IS NULL AND l.email <> '' AND l.status = 'SENT'
         AND l.sent_at > now() - make_interval(secs => $1::float8 / 1000 + 604800)
         AND NOT EXISTS (SELECT 1 FROM letter q
                         WHERE q.campaign_id = l.campaign_id AND q.email_canonical = l.email_canonical
                           AND q.status = 'QUEUED')
       GROUP BY l.campaign_id, l.email_canonical
       HAVING max(l.sent_at) <= now() - make_interval(secs => $1::float8 / 1000)
       LIMIT $2`,
      [afterMs, limit],
    );
    return rows.map((r) => ({
      campaignId: r.campaign_id,
      email: r.email,
      fullName: r.full_name,
      letterIds: r.letter_ids,
      questionnaireId: r.questionnaire_id,
    }));
  }

  async create(manager: EntityManager, campaignId: string, tokenHash: string): Promise<LetterQuestionnaire> {
    return manager.save(manager.create(LetterQuestionnaire, { campaignId, tokenHash }));
  }

  /** The letters are asked about by the questionnaire. */
  async attach(manager: EntityManager, questionnaireId: string, letterIds: string[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Letter)
      .set({ questionnaireId })
      .where('id = ANY(:ids) AND questionnaire_id IS NULL', { ids: letterIds })
      .execute();
  }

  /**
   * Questionnaires mailed at least `afterMs` ago, unanswered and not yet reminded, locked (others
   * skip them); at most `limit`.
   */
  reminderDue(manager: EntityManager, afterMs: number, limit: number): Promise<LetterQuestionnaire[]> {
    return manager
      .createQueryBuilder(LetterQuestionnaire, 'q')
      .where('q.answered_at IS NULL AND q.reminder_sent_at IS NULL')
      .andWhere(`q.created_at <= now() - make_interval(secs => :secs)`, { secs: afterMs / 1000 })
      .orderBy('q.created_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async update(manager: EntityManager, id: string, values: Partial<LetterQuestionnaire>): Promise<void> {
    await manager.update(LetterQuestionnaire, id, values);
  }

  /** The questionnaire behind a link (either email's), made after `since`; locked when a manager is given. */
  byTokenHash(tokenHash: string, since: Date, manager?: EntityManager): Promise<LetterQuestionnaire | null> {
    const query = (manager ?? this.dataSource.manager)
      .createQueryBuilder(LetterQuestionnaire, 'q')
      .leftJoinAndSelect('q.campaign', 'campaign')
      .where('(q.token_hash = :tokenHash OR q.reminder_token_hash = :tokenHash)', { tokenHash })
      .andWhere('q.created_at > :since', { since });
    if (manager) {
      query.setLock('pessimistic_write', undefined, ['q']);
    }
    return query.getOne();
  }

  /** The sent letters a questionnaire asks about, with their targets and campaign. */
  lettersOf(questionnaireId: string, manager: EntityManager = this.dataSource.manager): Promise<Letter[]> {
    return manager.find(Letter, {
      where: { questionnaireId, status: 'SENT' },
      relations: { target: true, campaign: true },
      order: { createdAt: 'ASC' },
    });
  }

  answersTo(letterIds: string[], manager: EntityManager = this.dataSource.manager): Promise<LetterAnswer[]> {
    return letterIds.length === 0
      ? Promise.resolve([])
      : manager
          .createQueryBuilder(LetterAnswer, 'a')
          .where('a.letter_id = ANY(:letterIds)', { letterIds })
          .getMany();
  }

  /** Records (or replaces) the answer about a letter. */
  async answer(
    manager: EntityManager,
    answer: { letterId: string; replied: Replied; stance: Stance | null; replyText: string | null },
  ): Promise<void> {
    await manager.upsert(LetterAnswer, { ...answer, answeredAt: new Date() }, ['letterId']);
  }

  /** A campaign's sent letters per target, with how many were answered and how many replied to. */
  async tallies(
    campaignId: string,
  ): Promise<Array<{ targetId: string; lettersSent: number; answers: number; replies: number }>> {
    const rows = await this.dataSource.query<
      Array<{ target_id: string; letters_sent: number; answers: number; replies: number }>
    >(
      `SELECT l.target_id, count(*)::int AS letters_sent,
              count(a.letter_id)::int AS answers,
              count(a.letter_id) FILTER (WHERE a.replied = 'YES')::int AS replies
       FROM letter l LEFT JOIN letter_answer a ON a.letter_id = l.id
       WHERE l.campaign_id = $1 AND l.status = 'SENT'
       GROUP BY l.target_id`,
      [campaignId],
    );
    return rows.map((r) => ({
      targetId: r.target_id,
      lettersSent: r.letters_sent,
      answers: r.answers,
      replies: r.replies,
    }));
  }

  /** How many supporters reported each stance per target, and when last. */
  async reportedStances(
    campaignId: string,
  ): Promise<Array<{ targetId: string; stance: Stance; count: number; latest: Date }>> {
    const rows = await this.dataSource.query<
      Array<{ target_id: string; stance: Stance; count: number; latest: Date }>
    >(
      `SELECT l.target_id, a.stance, count(*)::int AS count, max(a.answered_at) AS latest
       FROM letter_answer a JOIN letter l ON l.id = a.letter_id
       WHERE l.campaign_id = $1 AND a.replied = 'YES' AND a.stance IS NOT NULL
       GROUP BY l.target_id, a.stance`,
      [campaignId],
    );
    return rows.map((r) => ({ targetId: r.target_id, stance: r.stance, count: r.count, latest: r.latest }));
  }
}
