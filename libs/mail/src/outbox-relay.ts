import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '@app/core';
import { OutboxService } from './outbox.service';

/** The channel the outbox table's trigger notifies on commit (migration OutboxRelay). */
const CHANNEL = 'outbox_message';
/** After the listening connection is lost, how long before it is opened again. */
const RECONNECT_MS = 1_000;

/**
 * Moves committed outbox rows to the mail queue, in the worker: woken by PostgreSQL's notification
 * when rows are written (LISTEN on a connection of its own), and every OUTBOX_RELAY_POLL_MS in case
 * a notification was missed (the connection lost, a worker starting). One run at a time per process;
 * a wake-up during a run makes one more run after it, so notifications in a burst cost one run.
 * Several workers relay side by side without queuing a row twice (`OutboxService.relay`). While
 * Redis or PostgreSQL cannot be reached the rows wait, and the next wake-up tries again.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: Client;
  private poll?: NodeJS.Timeout;
  private reconnect?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.poll = setInterval(() => this.wake(), this.config.mail.relayPollMs);
    this.poll.unref();
    void this.listen();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.reconnect);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    // A run waits at most RELAY_TIMEOUT_MS on Redis and its statements are bounded by the pool's.
    await this.running;
  }

  /** Relays now, or once more after the run in progress. */
  wake(): void {
    if (this.stopped) {
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async run(): Promise<void> {
    try {
      await this.outbox.relay();
      if (this.failing) {
        this.failing = false;
        this.logger.log('Outbox relay: mail is reaching the queue again');
      }
    } catch (error) {
      // Said once per outage, not at every wake-up; the rows wait in the outbox.
      if (!this.failing) {
        this.failing = true;
        this.logger.warn(`Outbox relay: mail waits in the outbox: ${(error as Error).message}`);
      }
    }
  }

  private async listen(): Promise<void> {
    const { connectTimeoutMs, keepAliveMs } = this.config.database;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      connectionTimeoutMillis: connectTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: keepAliveMs,
      application_name: 'campaign-crm outbox relay',
    });
    const lost = () => {
      if (this.listener === client) {
        this.listener = undefined;
        void client.end().catch(() => undefined);
        this.retryListen();
      }
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.wake());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // Rows written while the connection was being (re)opened were not announced to it.
      this.wake();
    } catch {
      lost();
    }
  }

  private retryListen(): void {
    if (this.stopped) {
      return;
    }
    this.reconnect = setTimeout(() => void this.listen(), RECONNECT_MS);
    this.reconnect.unref();
  }
}
