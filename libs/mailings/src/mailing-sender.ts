import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { EntityManager } from 'typeorm';
import {
  AppConfig,
  AuditService,
  generateToken,
  hashToken,
  InstallationIdentity,
  MAILING_QUEUE,
  MailingJob,
  SendMailingPayload,
} from '@app/core';
import { BranchRepository } from '@app/branches';
import { Mailbag, OutboxService } from '@app/mail';
import { organiserAddresses } from '@app/members';
import { compileMailing, MailingFooter, mailingValues } from './mailing-body';
import { Mailing } from './mailing.entity';
import { MailingRepository } from './mailing.repository';
import { mailingPausedTemplate, mailingTemplate } from './mailing.templates';

/** What a send job does next: nothing (the mailing is finished, paused or cancelled), or run again after a wait. */
export type SendStep = { done: true } | { done: false; delayMs: number };

/**
 * Sending mailings, for the api (starting them) and the worker (writing each batch of mail). A
 * mailing's recipients go into the outbox a batch at a time, only as fast as the mail queue sends
 * (MAIL_RATE_PER_SECOND), so the outbox never holds the whole audience and a pause takes effect at
 * once. Everything is read again from Postgres at each step: a restarted worker carries on.
 */
@Injectable()
export class MailingSender {
  private readonly logger = new Logger(MailingSender.name);

  constructor(
    private readonly repository: MailingRepository,
    private readonly branches: BranchRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly installation: InstallationIdentity,
    private readonly audit: AuditService,
    @InjectQueue(MAILING_QUEUE) private readonly queue: Queue<SendMailingPayload>,
  ) {
    this.queue.on('error', (error) => this.logger.warn(`Mailing queue: ${error.message}`));
  }

  /** Fixes the audience and marks the mailing SENDING, in the caller's transaction (the mailing locked). */
  async start(manager: EntityManager, mailing: Mailing): Promise<number> {
    const audience = await this.repository.fixAudience(mailing, manager);
    mailing.status = 'SENDING';
    mailing.startedAt = new Date();
    mailing.sendAt = mailing.sendAt ?? mailing.startedAt;
    await this.repository.save(mailing, manager);
    return audience;
  }

  /**
   * Makes sure the mailing has its send job (one per mailing: the job id is the mailing's), to run
   * after `delayMs`. Never fails: the schedule's sweep adds what Redis missed.
   */
  async queueSend(mailingId: string, delayMs = 0): Promise<void> {
    try {
      const jobId = `mailing-${mailingId}`;
      const existing = await this.queue.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') {
          if (state === 'delayed' && delayMs === 0) {
            await existing.promote().catch(() => undefined);
          }
          return;
        }
        await existing.remove();
      }
      await this.queue.add(
        MailingJob.Send,
        { mailingId, install: await this.installation.id() },
        {
          jobId,
          delay: Math.max(0, delayMs),
          attempts: 1000,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      );
    } catch (error) {
      this.logger.warn(`Could not queue mailing ${mailingId}; the sweep will: ${(error as Error).message}`);
    }
  }

  /** Adds the send job of every mailing that is sending or due (a schedule, in case Redis lost them). */
  async sweep(): Promise<number> {
    const ids = await this.repository.active();
    for (const id of ids) {
      await this.queueSend(id);
    }
    return ids.length;
  }

  /**
   * One step of sending: starts a due SCHEDULED mailing, writes the next batch of mail when the
   * queue has room for it, and marks the mailing SENT once everyone's mail has gone.
   */
  async step(mailingId: string): Promise<SendStep> {
    const rate = this.config.mail.ratePerSecond;
    const batch = this.config.mailings.batchSize;
    const started = await this.outbox.transaction(async (manager) => {
      const mailing = await this.repository.lock(manager, mailingId);
      if (!mailing) {
        return null;
      }
      if (mailing.status === 'SCHEDULED' && mailing.sendAt && mailing.sendAt.getTime() <= Date.now()) {
        const audience = await this.start(manager, mailing);
        await this.audit.record(
          {
            action: 'mailing.send',
            branchId: mailing.branchId,
            subjectId: mailing.id,
            rowCount: audience,
            detail: { scheduled: true },
          },
          manager,
        );
      }
      if (mailing.status === 'SENDING') {
        const { pending, queued } = await this.repository.waiting(mailing.id, manager);
        if (pending === 0 && queued === 0) {
          mailing.status = 'SENT';
          mailing.finishedAt = new Date();
          await this.repository.save(mailing, manager);
        }
      }
      return mailing;
    });
    if (!started) {
      return { done: true };
    }
    if (started.status === 'SCHEDULED' && started.sendAt) {
      return { done: false, delayMs: Math.max(100, started.sendAt.getTime() - Date.now()) };
    }
    if (started.status !== 'SENDING') {
      return { done: true };
    }
    const { pending, queued } = await this.repository.waiting(mailingId);
    // The time the mail queue needs for `n` messages at the shared rate.
    const drain = (n: number): number => Math.ceil((n / rate) * 1000);
    if (pending === 0) {
      // Everyone's mail is written; look again once what is queued has had time to go.
      return { done: false, delayMs: Math.min(60_000, Math.max(500, drain(queued))) };
    }
    if (queued >= batch) {
      return { done: false, delayMs: Math.max(100, drain(queued - batch / 2)) };
    }
    const written = await this.writeBatch(mailingId, batch);
    return { done: false, delayMs: Math.max(50, drain(queued + written - batch / 2)) };
  }

  /** Claims up to `limit` recipients and writes their mail into the outbox, in one transaction. */
  private async writeBatch(mailingId: string, limit: number): Promise<number> {
    return this.outbox.transaction(async (manager, mail) => {
      // Shared: batches (several workers) write side by side; a pause or cancellation waits for them.
      const mailing = await this.repository.lock(manager, mailingId, 'read');
      if (mailing?.status !== 'SENDING') {
        return 0;
      }
      const recipients = await this.repository.claim(manager, mailingId, limit);
      if (recipients.length === 0) {
        return 0;
      }
      const compiled = compileMailing(mailing.subject, mailing.body);
      const branchName = await this.branchName(manager, mailing.branchId);
      const tokens = recipients.map(() => generateToken());
      const messages = recipients.map((person, i) => {
        const link = `${this.config.publicUrl}/mailings/unsubscribe?token=${encodeURIComponent(tokens[i])}`;
        const footer: MailingFooter = { from: branchName, unsubscribeLink: link };
        return {
          to: person.email,
          params: compiled.render(mailingValues(person, branchName), footer),
          headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        };
      });
      const outboxIds = await mail.addMany(mailingTemplate, messages, { bulk: true });
      const rows = recipients.map((person, i) => ({
        memberId: person.memberId,
        outboxId: outboxIds[i],
        tokenHash: hashToken(tokens[i]),
      }));
      await this.repository.markQueued(manager, mailingId, rows);
      return rows.length;
    });
  }

  /** The name mail is from: the branch's, or the campaign's for national mailings. */
  async branchName(manager: EntityManager | undefined, branchId: string | null): Promise<string> {
    if (!branchId) {
      return this.config.pages.campaignName;
    }
    const branch = await this.branches.findById(branchId, manager);
    return branch?.name ?? this.config.pages.campaignName;
  }

  /**
   * After a permanent failure: one more in a row; at MAILING_MAX_CONSECUTIVE_FAILURES the mailing
   * pauses itself, takes back its unsent mail, and its organisers are told why. In the delivery's
   * transaction.
   */
  async countFailure(manager: EntityManager, mail: Mailbag, mailingId: string): Promise<void> {
    const mailing = await this.repository.addFailure(manager, mailingId);
    const max = this.config.mailings.maxConsecutiveFailures;
    if (!mailing || mailing.status !== 'SENDING' || mailing.consecutiveFailures < max) {
      return;
    }
    mailing.status = 'PAUSED';
    mailing.pauseReason = `${mailing.consecutiveFailures} messages in a row were refused by the receiving mail servers.`;
    await this.repository.save(mailing, manager);
    await this.repository.withdraw(manager, mailing.id, 'PENDING');
    const organisers = await organiserAddresses(manager, mailing.branchId);
    for (const organiser of organisers) {
      await mail.add(mailingPausedTemplate, organiser.email, {
        fullName: organiser.fullName,
        subject: mailing.subject,
        failures: mailing.consecutiveFailures,
      });
    }
    await this.audit.record(
      {
        action: 'mailing.pause',
        branchId: mailing.branchId,
        subjectId: mailing.id,
        detail: { automatic: true, consecutiveFailures: mailing.consecutiveFailures },
      },
      manager,
    );
    this.logger.warn(
      `Mailing ${mailing.id} paused itself after ${mailing.consecutiveFailures} failures in a row`,
    );
  }
}
