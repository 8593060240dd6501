import 'reflect-metadata';
import { AppConfig, exitOnSignals } from '@app/core';
import { createApi, writeSchemaFile } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApi();
  const config = app.get(AppConfig);
  // A graceful close on SIGTERM/SIGINT, within SHUTDOWN_TIMEOUT_SECONDS.
  exitOnSignals(app, config.shutdownTimeoutMs);
  if (config.nodeEnv === 'development') {
    await writeSchemaFile(app);
  }
  await app.listen(config.port);
  console.log(`GraphQL API ready at ${config.publicUrl}/graphql (health at ${config.publicUrl}/health)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
