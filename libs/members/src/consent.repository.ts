import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { consentWording, EMAIL_CONSENT } from './consent';
import { ConsentRecord, ConsentSource } from './consent-record.entity';

/** One change of a person's email consent, as it is appended to the ledger. */
export interface ConsentChange {
  memberId: string;
  emailOptIn: boolean;
  source: ConsentSource;
  /** The organiser who recorded it; null for the person's own. */
  recordedById: string | null;
  /** The mailing whose unsubscribe link made it, if any. */
  mailingId?: string | null;
}

/**
 * Every statement about the `consent_record` table: an append-only ledger, written in the caller's
 * transaction with the wording (and its version) the consent was given under.
 */
@Injectable()
export class ConsentRepository {
  async record(manager: EntityManager, change: ConsentChange): Promise<void> {
    await manager.insert(ConsentRecord, {
      ...change,
      wording: consentWording(change.emailOptIn),
      wordingVersion: EMAIL_CONSENT.version,
    });
  }

  /** Many changes from one source and recorder at once (an import's batch). */
  async recordMany(
    manager: EntityManager,
    changes: Array<{ memberId: string; emailOptIn: boolean }>,
    source: ConsentSource,
    recordedById: string | null,
  ): Promise<void> {
    if (changes.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO consent_record (member_id, email_opt_in, wording, wording_version, source, recorded_by_id)
       SELECT c.id, c.opt_in, CASE WHEN c.opt_in THEN $3 ELSE $4 END, $5, $6, $7::uuid
       FROM unnest($1::uuid[], $2::bool[]) AS c(id, opt_in)`,
      [
        changes.map((c) => c.memberId),
        changes.map((c) => c.emailOptIn),
        consentWording(true),
        consentWording(false),
        EMAIL_CONSENT.version,
        source,
        recordedById,
      ],
    );
  }

  /** A member record's consent history, oldest first. */
  byMember(manager: EntityManager, memberId: string): Promise<ConsentRecord[]> {
    return manager.find(ConsentRecord, { where: { memberId }, order: { createdAt: 'ASC' } });
  }

  async deleteFor(manager: EntityManager, memberId: string): Promise<void> {
    await manager.delete(ConsentRecord, { memberId });
  }
}
