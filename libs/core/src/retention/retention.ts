/** What one retention run did: rows deleted, scrubbed or anonymised, by rule. */
export type RetentionReport = Record<string, number>;

/**
 * One library's retention rules (see the README's privacy section). Each run applies them to rows
 * past their time and is safe to repeat: a second run finds nothing left to do.
 */
export interface RetentionTask {
  run(): Promise<RetentionReport>;
}

/** Runs every library's rules one after another and merges what they did. */
export async function runRetention(tasks: RetentionTask[]): Promise<RetentionReport> {
  const report: RetentionReport = {};
  for (const task of tasks) {
    Object.assign(report, await task.run());
  }
  return report;
}
