import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';
import { AppConfig } from '@app/core';

export interface SentMail {
  messageId: string;
}

/**
 * Sends mail through SMTP_URL, one connection per message (a retry always starts afresh). Without
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
    } else {
      this.captureDir = resolve(config.mail.captureDir);
      this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  get description(): string {
    return this.captureDir ? `files in ${this.captureDir}` : 'SMTP';
  }

  async send(outboxId: string, message: SendMailOptions): Promise<SentMail> {
    const info = (await this.transporter.sendMail(message)) as { messageId: string; message?: Buffer };
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
  }
}
