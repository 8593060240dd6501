import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppConfig, renderSchema } from '@app/core';
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
  await app.init();
  return app;
}

export async function writeSchemaFile(app: NestExpressApplication): Promise<void> {
  const { schema } = app.get(GraphQLSchemaHost);
  await writeFile(SCHEMA_FILE, renderSchema(schema));
}
