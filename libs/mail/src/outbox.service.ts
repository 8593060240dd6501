import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, DeliverMailPayload, MAIL_QUEUE, MailJob, oneLine } from '@app/core';
import { MailTemplate } from './mail-template';
import { MailAttachment, MailSender, OutboxMessage } from './outbox-message.entity';

/** How a message is sent, beyond the defaults (MAIL_FROM, MAIL_REPLY_TO, no pacing). */
export interface MailEnvelope {
  sender?: MailSender;
  replyTo?: string;
  /** Messages with the same key go out at least `paceMs` apart. */
  pace?: { key: string; ms: number };
  /** Never give up on temporary failures (the sweep keeps re-queueing it); only a 5xx fails it. */
  keepTrying?: boolean;
}

/** Collects the mail written during one transaction, to queue once it has committed. */
export class Mailbag {
  readonly ids: string[] = [];

  constructor(private readonly manager: EntityManager) {}

  /** Writes the email as an outbox row in the current transaction. */
  async add<P extends object>(
    template: MailTemplate<P>,
    to: string,
    params: P,
    headers: Record<string, string> = {},
    attachments: MailAttachment[] = [],
    envelope: MailEnvelope = {},
  ): Promise<string> {
    const rendered = template.render(params);
    // Text from people reaches headers one line only, however it was built (addresses are
    // validated where they are given; nodemailer encodes and folds on top).
    const row = await this.manager.getRepository(OutboxMessage).save({
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
      keepTrying: envelope.keepTrying ?? false,
    });
    this.ids.push(row.id);
    return row.id;
  }
}

export interface DeliveryFailure {
  /** An SMTP 5xx answer, rather than retries running out. */
  permanent: boolean;
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
 * then a BullMQ job whose id is the row's id. If Redis is away the row waits for the sweep.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue<DeliverMailPayload>,
    private readonly config: AppConfig,
  ) {
    // Without a listener BullMQ prints every reconnection error; the sweep covers what Redis misses.
    this.queue.on('error', (error) => this.logger.warn(`Mail queue: ${error.message}`));
  }

  /**
   * Runs `work` in a transaction with a Mailbag; after commit, queues what it wrote. If the
   * transaction fails, no mail exists.
   */
  async transaction<T>(work: (manager: EntityManager, mail: Mailbag) => Promise<T>): Promise<T> {
    let bag: Mailbag | undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      bag = new Mailbag(manager);
      return work(manager, bag);
    });
    if (bag && bag.ids.length > 0) {
      // Not awaited: the caller's answer must not wait on Redis (nor show, by its timing, that mail
      // was written). A failure leaves the rows PENDING for the sweep.
      void this.dispatch(bag.ids);
    }
    return result;
  }

  /** Queues outbox rows. Never fails: rows that cannot be queued stay PENDING for the sweep. */
  async dispatch(ids: readonly string[]): Promise<void> {
    try {
      await this.queue.addBulk(
        ids.map((id) => ({ name: MailJob.Deliver, data: { outboxId: id }, opts: this.jobOptions(id) })),
      );
    } catch (error) {
      this.logger.warn(`Could not queue ${ids.length} email(s); the sweep will: ${(error as Error).message}`);
    }
  }

  /**
   * Re-queues rows still PENDING after the grace period (the api could not reach Redis, or Redis
   * lost its data). A job that still exists is left alone; a finished one is replaced.
   */
  async sweep(): Promise<number> {
    const stale = await this.dataSource
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .select('m.id', 'id')
      .where(`m.status = 'PENDING'`)
      .andWhere(`m.created_at < now() - make_interval(secs => :grace)`, {
        grace: this.config.mail.graceMs / 1000,
      })
      .orderBy('m.created_at')
      .limit(1000)
      .getRawMany<{ id: string }>();
    let requeued = 0;
    for (const { id } of stale) {
      const job = await this.queue.getJob(id);
      if (job) {
        const state = await job.getState();
        if (state !== 'completed' && state !== 'failed') {
          continue;
        }
        await job.remove();
      }
      await this.queue.add(MailJob.Deliver, { outboxId: id }, this.jobOptions(id));
      requeued += 1;
    }
    if (requeued > 0) {
      this.logger.log(`Sweep re-queued ${requeued} waiting email(s)`);
    }
    return requeued;
  }

  private jobOptions(id: string) {
    return {
      jobId: id,
      attempts: this.config.mail.retryAttempts,
      backoff: { type: 'exponential', delay: this.config.mail.retryDelayMs },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }
}
