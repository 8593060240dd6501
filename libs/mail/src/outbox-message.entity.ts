import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Text as is; with `drawAs: 'qr-code'`, the text a QR code (PNG) is drawn of when the mail is sent. */
  content: string;
  /**
   * Drawn by the worker as it sends (so a request that queues the mail spends no CPU on the image,
   * and holds no lock longer for it).
   */
  drawAs?: 'qr-code';
  /** Shown inside the HTML body (`<img src="cid:…">`) rather than as a file. */
  cid?: string;
}

/** A display name and address; nodemailer encodes the name safely. */
export interface MailSender {
  name: string;
  address: string;
}

export const OUTBOX_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One outbound email. Written in the same transaction as the change that causes it; the worker
 * sends it and records the outcome. Bodies are cleared once sent (they may hold one-time links).
 */
@Entity('outbox_message')
@Index('outbox_message_pending_idx', ['createdAt'], { where: `"status" = 'PENDING'` })
@Index('outbox_message_unqueued_idx', ['createdAt'], { where: `"queued_at" IS NULL` })
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Which template produced it, for figures and debugging without reading the content. */
  @Column('text')
  template!: string;

  @Column('text')
  toAddress!: string;

  @Column('text')
  subject!: string;

  @Column('text', { nullable: true })
  textBody!: string | null;

  @Column('text', { nullable: true })
  htmlBody!: string | null;

  @Column('jsonb', { default: () => `'{}'` })
  headers!: Record<string, string>;

  /** Files sent with the message (e.g. an .ics invitation); cleared with the bodies once sent. */
  @Column('jsonb', { nullable: true })
  attachments!: MailAttachment[] | null;

  /** Sent from this instead of MAIL_FROM (a letter: the campaign's address, the supporter's name). */
  @Column('jsonb', { nullable: true })
  sender!: MailSender | null;

  /** Replies go here instead of MAIL_REPLY_TO (a letter: the supporter). */
  @Column('text', { nullable: true })
  replyTo!: string | null;

  /** Messages with the same key are sent at least `paceMs` apart (a letter: one target's inbox). */
  @Column('text', { nullable: true })
  paceKey!: string | null;

  @Column('int', { nullable: true })
  paceMs!: number | null;

  /**
   * One of many alike (a mailing's): sent over the worker's pool of kept-open SMTP connections for
   * mailings, apart from transactional mail's, so a large mailing never holds up a confirmation.
   */
  @Column('boolean', { default: false })
  bulk!: boolean;

  /**
   * When what the message carries stops being of use (a sign-in link's 15 minutes): a message still
   * waiting then is given up instead of sent. Null: it never expires. Temporary failures alone
   * never give a message up.
   */
  @Column('timestamptz', { nullable: true })
  expiresAt!: Date | null;

  /**
   * Not sent before this: after a temporary failure, its next try (the delay grows with each
   * attempt); for a paced message waiting its turn, the turn it reserved. Null: due when written.
   */
  @Column('timestamptz', { nullable: true })
  retryAt!: Date | null;

  /**
   * A worker is handing the message to SMTP until this time (it took the lease atomically, just
   * before sending): nothing may take the row back meanwhile (a mailing's pause), and no other
   * worker sends it. Longer than a send can take (the SMTP deadlines); a worker killed mid-send
   * leaves a lease that runs out, and the message is then sent again (at most once more).
   */
  @Column('timestamptz', { nullable: true })
  leasedUntil!: Date | null;

  /**
   * When the worker's relay handed the row to the mail queue (OutboxRelay); null until then. Rows
   * are written with none and the relay, polling, queues them in batches.
   */
  @Column('timestamptz', { nullable: true })
  queuedAt!: Date | null;

  /**
   * The kind under which the per-address mail cap (AddressMailCap) counts the message when the
   * relay queues it; past the cap the relay gives it up unsent (FAILED, `MAIL_CAP_WITHHELD`). Null:
   * not counted there (its writer counted it, or it is not a public action's mail).
   */
  @Column('text', { nullable: true })
  mailCapKind!: string | null;

  @Column('text', { default: 'PENDING' })
  status!: OutboxStatus;

  @Column('int', { default: 0 })
  attempts!: number;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('text', { nullable: true })
  smtpMessageId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  failedAt!: Date | null;
}
