import 'reflect-metadata';
import { MailTransport } from '@app/mail';
import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  const worker = await createWorker();
  console.log(`Worker ready: sending mail through ${worker.get(MailTransport).description}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
