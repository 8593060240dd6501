import 'reflect-metadata';
import { AppConfig, exitOnSignals } from '@app/core';
import { MailTransport } from '@app/mail';
import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  const worker = await createWorker();
  // A graceful close on SIGTERM/SIGINT, within SHUTDOWN_TIMEOUT_SECONDS.
  exitOnSignals(worker, worker.get(AppConfig).shutdownTimeoutMs);
  console.log(`Worker ready: sending mail through ${worker.get(MailTransport).description}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
