import { Command, CommandRunner } from 'nest-commander';
import { RetentionTasks } from '@app/operations';

/** The worker's hourly retention job, run now (safe to run twice, or alongside the worker). */
@Command({
  name: 'retention',
  description: 'Apply the retention rules now (the worker also runs them hourly)',
})
export class RetentionCommand extends CommandRunner {
  constructor(private readonly retention: RetentionTasks) {
    super();
  }

  async run(): Promise<void> {
    const report = await this.retention.run();
    for (const [rule, count] of Object.entries(report)) {
      console.log(`${rule}: ${count}`);
    }
  }
}
