import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import {
  AddressMailCap,
  AppConfig,
  DeliverMailPayload,
  InstallationIdentity,
  MAIL_QUEUE,
  MailJob,
  oneLine,
} from '@app/core';
import { MailTemplate } from './mail-template';
import { MailAttachment, MailSender, OutboxMessage } from './outbox-message.entity';
import { NewOutboxMessage, OutboxRepository, SweepRow } from './outbox.repository';

/** Rows the sweep reads at a time. */
const SWEEP_PAGE = 500;
/** Rows the relay queues with one addBulk. */
const RELAY_BATCH = 500;
/** How long the relay waits for Redis to take a batch. */
const RELAY_TIMEOUT_MS = 5_000;

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** How a message is sent, beyond the defaults (MAIL_FROM, MAIL_REPLY_TO, no pacing). */
export interface MailEnvelope {
  sender?: MailSender;
  replyTo?: string;
  /** Messages with the same key go out at least `paceMs` apart. */
  pace?: { key: string; ms: number };
  /**
   * When the message stops being of use (its link expires, its event starts): if it is still waiting
   * then, it is given up rather than sent. Without it, the message waits as long as it takes.
   */
  expiresAt?: Date;
  /** One of many alike (a mailing): sent over pooled SMTP connections. */
  bulk?: boolean;
  /**
   * Counted under the per-address mail cap as this kind (AddressMailCap) when the relay queues it,
   * rather than by the writer before writing it; past the cap the relay gives it up unsent
   * (FAILED, MAIL_CAP_WITHHELD), and no DeliveryHandler hears of it. For mail written before it can
   * be known whether the cap allows it (a signing's confirmation, in the signing's one statement).
   */
  mailCapKind?: string;
}

/**
 * The outbox row for an email: rendered, with text from people kept to one line in headers. What
 * `Mailbag.add` writes; for a statement that writes it itself, `outboxInsertCte`.
 */
export function outboxRow<P extends object>(
  template: MailTemplate<P>,
  to: string,
  params: P,
  headers: Record<string, string> = {},
  attachments: MailAttachment[] = [],
  envelope: MailEnvelope = {},
): NewOutboxMessage {
  const rendered = template.render(params);
  // Text from people reaches headers one line only, however it was built (addresses are
  // validated where they are given; nodemailer encodes and folds on top).
  return {
    template: template.name,
    toAddress: to,
    subject: oneLine(rendered.subject),
    textBody: rendered.text,
    htmlBody: rendered.html,
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, oneLine(value)])),
    attachments:
      attachments.length > 0 ? attachments.map((a) => ({ ...a, filename: oneLine(a.filename) })) : null,
    sender: envelope.sender ? { ...envelope.sender, name: oneLine(envelope.sender.name) } : null,
    replyTo: envelope.replyTo ?? null,
    paceKey: envelope.pace?.key ?? null,
    paceMs: envelope.pace?.ms ?? null,
    expiresAt: envelope.expiresAt ?? null,
    bulk: envelope.bulk ?? false,
    mailCapKind: envelope.mailCapKind ?? null,
  };
}

/** Writes mail as outbox rows in one transaction (the worker's relay queues them once it commits). */
export class Mailbag {
  constructor(
    private readonly manager: EntityManager,
    private readonly rows: OutboxRepository,
  ) {}

  /** Writes the email as an outbox row in the current transaction. */
  async add<P extends object>(
    template: MailTemplate<P>,
    to: string,
    params: P,
    headers: Record<string, string> = {},
    attachments: MailAttachment[] = [],
    envelope: MailEnvelope = {},
  ): Promise<string> {
    const id = await this.rows.insert(
      this.manager,
      outboxRow(template, to, params, headers, attachments, envelope),
    );
    return id;
  }

  /**
   * Writes many emails of one template as outbox rows with one INSERT (a mailing's batch), in the
   * current transaction; their ids, in order.
   */
  async addMany<P extends object>(
    template: MailTemplate<P>,
    messages: Array<{ to: string; params: P; headers?: Record<string, string> }>,
    envelope: MailEnvelope = {},
  ): Promise<string[]> {
    if (messages.length === 0) {
      return [];
    }
    // Ids made here, so each message's id is known without relying on the order rows come back in.
    const ids = messages.map(() => randomUUID());
    await this.rows.insertMany(
      this.manager,
      messages.map((m, i) => ({
        ...outboxRow(template, m.to, m.params, m.headers ?? {}, [], envelope),
        id: ids[i],
      })),
    );
    return ids;
  }
}

export interface DeliveryFailure {
  /** An SMTP 5xx answer. (Temporary failures never fail a message: it waits and is tried again.) */
  permanent: boolean;
  /** Given up unsent because what it carried had expired (`MailEnvelope.expiresAt`). */
  expired: boolean;
  /** The 5xx was the server refusing the recipient's address (RCPT TO), not the message or us. */
  recipientRefused: boolean;
  reason: string;
}

/**
 * What a library does when its mail is finally sent or fails, in the same transaction as the outbox
 * row's update (a letter records its own status). Handlers are registered by template name.
 */
export interface DeliveryHandler {
  sent?(manager: EntityManager, mail: Mailbag, message: OutboxMessage): Promise<void>;
  failed?(
    manager: EntityManager,
    mail: Mailbag,
    message: OutboxMessage,
    failure: DeliveryFailure,
  ): Promise<void>;
  /** After a temporary failure: the message waits for its next try (its lease given back). */
  deferred?(manager: EntityManager, mail: Mailbag, message: OutboxMessage): Promise<void>;
}

@Injectable()
export class DeliveryHandlers {
  private readonly handlers = new Map<string, DeliveryHandler>();

  register(template: MailTemplate<never> | { name: string }, handler: DeliveryHandler): void {
    this.handlers.set(template.name, handler);
  }

  for(template: string): DeliveryHandler {
    return this.handlers.get(template) ?? {};
  }
}

/**
 * The outbox: mail is first a row, written in the same transaction as the change that causes it,
 * then a BullMQ job whose id is the row's id, added by the worker's relay in batches after commit.
 * If Redis is away the row waits in PostgreSQL; the sweep re-queues a job Redis lost.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rows: OutboxRepository,
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue<DeliverMailPayload>,
    private readonly config: AppConfig,
    private readonly installation: InstallationIdentity,
    private readonly mailCap: AddressMailCap,
  ) {
    // Without a listener BullMQ prints every reconnection error; the sweep covers what Redis misses.
    this.queue.on('error', (error) => this.logger.warn(`Mail queue: ${error.message}`));
  }

  /**
   * Runs `work` in a transaction with a Mailbag. What it wrote is queued by the worker's relay once
   * the transaction commits (`relay`, polling every OUTBOX_RELAY_POLL_MS); if it fails, no mail exists.
   * Nothing here waits on Redis, nor shows by its timing that mail was written.
   */
  async transaction<T>(work: (manager: EntityManager, mail: Mailbag) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(manager, new Mailbag(manager, this.rows)));
  }

  /**
   * Queues the rows no relay has queued yet, RELAY_BATCH at a time with one `addBulk` each, until
   * none is left; how many it queued. Each batch is locked in a transaction that records it queued
   * only once Redis has taken it: rows another relay holds are skipped (two workers never queue the
   * same row), and a relay that dies or cannot reach Redis leaves its batch unqueued for the next
   * run, its own or another worker's. A job's id is its row's id, so a row queued twice (a commit
   * lost after the add, or the sweep as well) is still one job.
   */
  async relay(): Promise<number> {
    let queued = 0;
    if (!(await this.rows.anyUnqueued())) {
      return 0;
    }
    for (;;) {
      // Rows are not taken while Redis is away (BullMQ's commands would wait for it).
      if ((await this.queue.backend.client).status !== 'ready') {
        throw new Error('Redis is not connected');
      }
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows = await this.rows.lockUnqueued(manager, RELAY_BATCH);
        const withheld = await this.withholdOverCap(manager, rows);
        const pending = rows.filter((row) => row.pending && !withheld.has(row.id));
        if (pending.length > 0) {
          const install = await this.installation.id();
          const now = Date.now();
          const added = this.queue.addBulk(
            pending.map((row) => ({
              name: MailJob.Deliver,
              data: { outboxId: row.id, install },
              opts: { ...this.jobOptions(row.id), delay: Math.max(0, (row.retryAt?.getTime() ?? 0) - now) },
            })),
          );
          // An answer lost in a partition: the batch stays unqueued (a late add is the same jobs).
          await withTimeout(added, RELAY_TIMEOUT_MS, 'The mail queue did not answer in time');
        }
        if (rows.length > 0) {
          await this.rows.markQueued(
            manager,
            rows.map((row) => row.id),
          );
        }
        return { taken: rows.length, added: pending.length };
      });
      queued += batch.added;
      if (batch.taken < RELAY_BATCH) {
        return queued;
      }
    }
  }

  /**
   * Counts the batch's rows written for the mail cap to count (`MailEnvelope.mailCapKind`), in one
   * Redis round trip, and gives up those it refuses; their ids. Counted before the batch is queued:
   * should the batch then fail (Redis or the commit), the next run counts them again, which can only
   * refuse more, never send more.
   */
  private async withholdOverCap(
    manager: EntityManager,
    rows: Array<{ id: string; capped: { kind: string; address: string } | null }>,
  ): Promise<Set<string>> {
    const capped = rows.filter((row) => row.capped);
    if (capped.length === 0) {
      return new Set();
    }
    const allowed = await withTimeout(
      this.mailCap.countMany(capped.map((row) => row.capped!)),
      RELAY_TIMEOUT_MS,
      'The mail cap did not answer in time',
    );
    const withheld = new Set(capped.filter((_, i) => !allowed[i]).map((row) => row.id));
    if (withheld.size > 0) {
      await this.rows.withhold(manager, [...withheld]);
    }
    return withheld;
  }

  /**
   * Re-queues rows still PENDING after the grace period whose job is gone or finished (the api could
   * not reach Redis, Redis lost its data, or a worker of another installation completed it). A job
   * that still exists (waiting, delayed for its next try, active) is left alone. Goes through every
   * such row, a page at a time; a row waiting for its next try is queued for that time.
   */
  async sweep(): Promise<number> {
    let requeued = 0;
    let after: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const page = await this.rows.pendingPage(this.config.mail.graceMs, SWEEP_PAGE, after);
      for (const row of page) {
        if (await this.requeue(row)) {
          requeued += 1;
        }
      }
      if (page.length < SWEEP_PAGE) {
        break;
      }
      after = { createdAt: page[page.length - 1].createdAt, id: page[page.length - 1].id };
    }
    if (requeued > 0) {
      this.logger.log(`Sweep re-queued ${requeued} waiting email(s)`);
    }
    return requeued;
  }

  private async requeue(row: SweepRow): Promise<boolean> {
    const job = await this.queue.getJob(row.id);
    if (job) {
      const state = await job.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') {
        return false;
      }
      await job.remove();
    }
    const delay = Math.max(0, (row.retryAt?.getTime() ?? 0) - Date.now());
    await this.queue.add(
      MailJob.Deliver,
      { outboxId: row.id, install: await this.installation.id() },
      { ...this.jobOptions(row.id), delay },
    );
    return true;
  }

  /**
   * Only what makes the job this row's: how it is retried is the worker's own business (its
   * MAIL_RETRY_* settings), not stamped in by whichever process queued it.
   */
  private jobOptions(id: string) {
    return {
      jobId: id,
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }
}
