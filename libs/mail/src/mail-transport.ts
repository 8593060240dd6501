import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';
import { AppConfig } from '@app/core';

export interface SentMail {
  messageId: string;
}

/**
 * How many SMTP connections each pool keeps open: as many as the mail processor sends at once (its
 * concurrency), so no message waits for a connection behind another.
 */
const POOL_CONNECTIONS = 5;
/**
 * A kept-open connection is closed after this long without a message: well below the five minutes
 * RFC 5321 asks servers to wait, so it is this side that says goodbye, never the server in the middle
 * of handing it a message.
 */
const POOL_IDLE_MS = 30_000;

/**
 * Sends mail through SMTP_URL over kept-open connections: transactional mail (confirmations, links)
 * and bulk mail (mailings) each have a small pool of their own, so one never waits behind the other.
 * A message being tried again after a failure goes over a connection of its own, opened for it: a
 * server that failed it may have left every kept-open connection in a bad state, and the retry must
 * not depend on one. Neither pool ever retries a message itself (`maxRequeues: 0`): every failure is
 * the worker's to count and retry by its rules (a pool resending a mailing's message on a closed
 * connection would be a duplicate the worker never knew of). Without SMTP_URL (development only; production
 * refuses to start) each message is written as an .eml file under MAIL_CAPTURE_DIR for a person to read.
 *
 * Every phase of an SMTP session has a deadline (SMTP_*_TIMEOUT_MS): nodemailer's defaults would let
 * a server that accepts DATA and never answers hold a worker slot for ten minutes.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  /** One connection per message: for a message tried again after a failure. */
  private readonly fresh: Transporter;
  /** Kept-open connections for transactional mail. */
  private readonly transactional: Transporter;
  /** Kept-open connections for bulk messages (mailings). */
  private readonly bulk: Transporter;
  private readonly captureDir?: string;

  constructor(private readonly config: AppConfig) {
    if (config.mail.smtpUrl) {
      const timeouts = config.mail.smtpTimeouts;
      const options = {
        url: config.mail.smtpUrl,
        connectionTimeout: timeouts.connectionMs,
        greetingTimeout: timeouts.greetingMs,
        socketTimeout: timeouts.socketMs,
      };
      this.fresh = nodemailer.createTransport(options);
      this.transactional = nodemailer.createTransport({
        ...options,
        pool: true,
        maxConnections: POOL_CONNECTIONS,
        maxMessages: 100,
        idleTimeout: POOL_IDLE_MS,
        maxRequeues: 0,
      });
      this.bulk = nodemailer.createTransport({
        ...options,
        pool: true,
        maxConnections: POOL_CONNECTIONS,
        maxMessages: 1000,
        maxRequeues: 0,
      });
    } else {
      this.captureDir = resolve(config.mail.captureDir);
      this.fresh = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.transactional = this.fresh;
      this.bulk = this.fresh;
    }
  }

  get description(): string {
    return this.captureDir ? `files in ${this.captureDir}` : 'SMTP';
  }

  /**
   * @param options.bulk a mailing's message (its own pool)
   * @param options.retry tried before and failed: sent over a connection of its own
   */
  async send(
    outboxId: string,
    message: SendMailOptions,
    options: { bulk?: boolean; retry?: boolean } = {},
  ): Promise<SentMail> {
    const transporter = options.retry ? this.fresh : options.bulk ? this.bulk : this.transactional;
    const info = (await transporter.sendMail(message)) as { messageId: string; message?: Buffer };
    if (this.captureDir && info.message) {
      await mkdir(this.captureDir, { recursive: true });
      const file = join(this.captureDir, `${outboxId}.eml`);
      await writeFile(file, info.message);
      this.logger.log(`Captured email ${outboxId} in ${file}`);
    }
    return { messageId: info.messageId };
  }

  onApplicationShutdown(): void {
    for (const transporter of new Set([this.fresh, this.transactional, this.bulk])) {
      transporter.close();
    }
  }
}
