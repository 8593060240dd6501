import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { json } from 'express';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppConfig, renderSchema } from '@app/core';
import { MSP_UPLOAD_LIMIT, MSP_UPLOAD_PATH } from '@app/targets';
import { ApiModule } from './api.module';

export const SCHEMA_FILE = join(process.cwd(), 'apps/api/schema.gql');

/** Creates the api (used by main.ts and by the end-to-end tests, so both run the same app). */
export async function createApi(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  // The Scottish Parliament's files are a few MB together: a larger JSON limit for that upload
  // only. Added before init, so it reads the body first and Nest's own parser (100 kB) skips it.
  // Wrapped because Nest leaves its parser out if a handler named jsonParser is registered already.
  const mspUpload = json({ limit: MSP_UPLOAD_LIMIT });
  app.use(MSP_UPLOAD_PATH, (...args: Parameters<typeof mspUpload>) => mspUpload(...args));
  await app.init();
  return app;
}

export async function writeSchemaFile(app: NestExpressApplication): Promise<void> {
  const { schema } = app.get(GraphQLSchemaHost);
  await writeFile(SCHEMA_FILE, renderSchema(schema));
}
