/**
 * Queue contracts, in one place. Payloads carry ids only, never personal data: the worker reads
 * everything else from Postgres, so a job is harmless to log and to lose (the outbox sweep re-queues).
 */
export const MAIL_QUEUE = 'mail';

export const MailJob = {
  /** Send one outbox row. Job id = the outbox row's UUID, so adding it twice is harmless. */
  Deliver: 'deliver',
  /** Re-queue outbox rows still waiting after the grace period. Repeats on a schedule. */
  Sweep: 'sweep',
} as const;

export interface DeliverMailPayload {
  outboxId: string;
}
