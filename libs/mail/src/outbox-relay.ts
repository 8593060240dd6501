import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { OutboxService } from './outbox.service';

/**
 * Moves committed outbox rows to the mail queue, in the worker: every OUTBOX_RELAY_POLL_MS (100 ms)
 * it asks whether any row is waiting (one indexed query) and queues them in batches
 * (`OutboxService.relay`). A poll rather than LISTEN/NOTIFY: PostgreSQL serialises the commits of
 * transactions that notify, which would put every public write in one line. One run at a time per
 * process; several workers relay side by side without queuing a row twice. While Redis or
 * PostgreSQL cannot be reached the rows wait, and the next poll tries again.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // A run waits at most a few seconds on Redis, and its statements are bounded by the pool's.
    await this.running;
  }

  private tick(): void {
    if (this.stopped) {
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (!this.stopped) {
        this.timer = setTimeout(() => this.tick(), this.config.mail.relayPollMs);
        this.timer.unref();
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
      // Said once per outage, not at every poll; the rows wait in the outbox.
      if (!this.failing) {
        this.failing = true;
        this.logger.warn(`Outbox relay: mail waits in the outbox: ${(error as Error).message}`);
      }
    }
  }
}
