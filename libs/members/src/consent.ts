import { EntityManager } from 'typeorm';
import { ConsentRecord, ConsentSource } from './consent-record.entity';

/**
 * The words a person agrees to when they opt in to campaign email. Change the text only with a new
 * version: every consent record keeps the wording and version it was given under.
 */
export const EMAIL_CONSENT = {
  version: '2026-11-1',
  text:
    'Yes, email me news of the campaign, actions I can take and events near me. ' +
    'I can unsubscribe at any time with one click.',
} as const;

/** Recorded when someone chooses not to receive campaign email. */
export const NO_EMAIL_CONSENT_TEXT = 'No campaign email.';

/** Appends one change of email consent to the ledger, in the caller's transaction. */
export async function recordConsent(
  manager: EntityManager,
  memberId: string,
  emailOptIn: boolean,
  source: ConsentSource,
  recordedById: string | null,
  mailingId: string | null = null,
): Promise<void> {
  await manager.insert(ConsentRecord, {
    memberId,
    emailOptIn,
    wording: emailOptIn ? EMAIL_CONSENT.text : NO_EMAIL_CONSENT_TEXT,
    wordingVersion: EMAIL_CONSENT.version,
    source,
    recordedById,
    mailingId,
  });
}
