import type { Queue } from 'bullmq';

/** One repeating job: its name on the queue and how often it runs. */
export interface RecurringJob<Name extends string = string> {
  name: Name;
  everyMs: number;
}

/** How often the schedules are written again, should Redis have lost them while the worker ran. */
export const SCHEDULE_REFRESH_MS = 60_000;

/**
 * Keeps a queue's repeating jobs scheduled for one installation: each job once per installation
 * (`name:installationId`, so installations that share a Redis prefix by mistake each keep their
 * own, and however many workers run there is one schedule: upserting by id replaces, never
 * duplicates), written now and again every minute. Schedules once shared by bare name (`legacy`)
 * are removed. The one place both the mail and the schedule processors set their schedules.
 */
export class JobSchedules {
  private refresh?: NodeJS.Timeout;

  constructor(
    private readonly queue: Queue,
    private readonly jobs: () => ReadonlyArray<RecurringJob>,
  ) {}

  async start(installationId: () => Promise<string>, legacy: readonly string[] = []): Promise<void> {
    for (const name of legacy) {
      await this.queue.removeJobScheduler(name);
    }
    const ensure = async (): Promise<void> => {
      const install = await installationId();
      for (const job of this.jobs()) {
        await this.queue.upsertJobScheduler(
          `${job.name}:${install}`,
          { every: job.everyMs },
          { name: job.name, opts: { removeOnComplete: true, removeOnFail: 100 } },
        );
      }
    };
    await ensure();
    this.refresh = setInterval(() => void ensure().catch(() => undefined), SCHEDULE_REFRESH_MS);
    this.refresh.unref();
  }

  stop(): void {
    clearInterval(this.refresh);
  }
}
