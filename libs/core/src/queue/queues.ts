/**
 * Queue contracts, in one place. Payloads carry ids only, never personal data: the worker reads
 * everything else from Postgres, so a job is harmless to log and to lose (the outbox sweep re-queues).
 */
export const MAIL_QUEUE = 'mail';

export const MailJob = {
  /** Send one outbox row. Job id = the outbox row's UUID, so adding it twice is harmless. */
  Deliver: 'deliver',
  /**
   * Re-queue outbox rows still waiting after the grace period. Repeats on a schedule, one per
   * installation; whichever worker runs it sweeps its own installation's outbox.
   */
  Sweep: 'sweep',
} as const;

export interface DeliverMailPayload {
  outboxId: string;
  /**
   * The installation that queued it (its database's id): a worker of another installation sharing
   * the Redis and prefix by mistake leaves the job for the right one. Absent on older jobs.
   */
  install?: string;
  /** A paced message's reserved send time (ms since the epoch), once it has one. */
  slot?: number;
}

/** Mailings being sent: one job per mailing, which writes its recipients' mail a batch at a time. */
export const MAILING_QUEUE = 'mailing';

export const MailingJob = {
  /**
   * Start a mailing that has come due (fixing its audience), then write the next batch of its
   * recipients' mail into the outbox, waiting while the mail queue works through what it has.
   * Job id = `mailing:<id>`, so a mailing has one such job however often it is added.
   */
  Send: 'send',
} as const;

export interface SendMailingPayload {
  mailingId: string;
  /** The installation that queued it (see DeliverMailPayload). */
  install?: string;
}

/** Jobs that look in the database for work that has come due; they repeat on a schedule. */
export const SCHEDULE_QUEUE = 'schedule';

export const ScheduleJob = {
  /** Remind people going to events that start soon (EVENT_REMINDER_HOURS). */
  EventReminders: 'event-reminders',
  /** Tell people whose training certificate runs out within 30 days. */
  CertificateRefreshers: 'certificate-refreshers',
  /** Forget the client-address hashes on signatures after a week. */
  ForgetClientAddresses: 'forget-client-addresses',
  /** Remind venue owners before their pledge runs out, and lapse pledges not renewed. */
  PledgeRenewals: 'pledge-renewals',
  /** Forget public requests older than REPEAT_WINDOW_SECONDS (kept to spot repeats). */
  ForgetRecentRequests: 'forget-recent-requests',
  /**
   * Apply the retention rules (unconfirmed signatures, letters and pledges; sent letters; delivered
   * petitions; sent mail; expired data-rights links). Hourly, whatever SCHEDULE_INTERVAL_MS says.
   */
  Retention: 'retention',
  /**
   * Ask supporters whose letters were sent LETTER_QUESTIONNAIRE_AFTER ago whether they got a reply
   * (one email per campaign), and remind once those who have not answered.
   */
  LetterQuestionnaires: 'letter-questionnaires',
  /** Send the daily digests of near-copy letters once LETTER_DIGEST_TIME (Europe/London) has passed. */
  LetterDigests: 'letter-digests',
  /** Queue the send job of mailings that are due or sending and have none (Redis lost it). */
  Mailings: 'mailings',
} as const;

/**
 * Every queue, in one list: the queue dashboard shows and the queue-depth metric counts each of them,
 * so a new queue added here cannot be missed there.
 */
export const QUEUE_NAMES = [MAIL_QUEUE, MAILING_QUEUE, SCHEDULE_QUEUE] as const;

/** The name of a scheduled job: the schedule processor handles every one (an exhaustive switch). */
export type ScheduleJobName = (typeof ScheduleJob)[keyof typeof ScheduleJob];

/** The name of a mail queue job. */
export type MailJobName = (typeof MailJob)[keyof typeof MailJob];

/** How often the retention job runs. */
export const RETENTION_INTERVAL_MS = 3_600_000;
