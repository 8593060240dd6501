import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';
import { AppConfig } from '@app/core';

export interface SentMail {
  messageId: string;
}

/**
 * Sends mail through SMTP_URL, one connection per message (a retry always starts afresh), except
 * bulk messages (mailings), which share a small pool of connections. Without
 * SMTP_URL (development only; production refuses to start) each message is written as an .eml file
 * under MAIL_CAPTURE_DIR for a person to read.
 *
 * Every phase of an SMTP session has a deadline (SMTP_*_TIMEOUT_MS): nodemailer's defaults would let
 * a server that accepts DATA and never answers hold a worker slot for ten minutes.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter;
  /** For bulk messages: kept-open connections, as many as the mail processor sends at once. */
  private readonly pooled: Transporter;
  private readonly captureDir?: string;

  constructor(private readonly config: AppConfig) {
    if (config.mail.smtpUrl) {
      const timeouts = config.mail.smtpTimeouts;
      this.transporter = nodemailer.createTransport({
        url: config.mail.smtpUrl,
        connectionTimeout: timeouts.connectionMs,
        greetingTimeout: timeouts.greetingMs,
        socketTimeout: timeouts.socketMs,
      });
      this.pooled = nodemailer.createTransport({
        url: config.mail.smtpUrl,
        pool: true,
        maxConnections: 5,
        maxMessages: 1000,
        connectionTimeout: timeouts.connectionMs,
        greetingTimeout: timeouts.greetingMs,
        socketTimeout: timeouts.socketMs,
      });
    } else {
      this.captureDir = resolve(config.mail.captureDir);
      this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.pooled = this.transporter;
    }
  }

  get description(): string {
    return this.captureDir ? `files in ${this.captureDir}` : 'SMTP';
  }

  async send(
    outboxId: string,
    message: SendMailOptions,
    options: { bulk?: boolean } = {},
  ): Promise<SentMail> {
    const transporter = options.bulk ? this.pooled : this.transporter;
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
    this.transporter.close();
    if (this.pooled !== this.transporter) {
      this.pooled.close();
    }
  }
}
