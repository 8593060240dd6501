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

/** The words a consent record keeps for a choice. */
export function consentWording(emailOptIn: boolean): string {
  return emailOptIn ? EMAIL_CONSENT.text : NO_EMAIL_CONSENT_TEXT;
}
