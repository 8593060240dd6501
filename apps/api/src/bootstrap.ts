import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { json, Request, urlencoded } from 'express';
import { writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppConfig, renderSchema, securityHeaders } from '@app/core';
import { Metrics, QUEUE_DASHBOARD_PATH, QueueDashboard } from '@app/operations';
import { MSP_UPLOAD_PATH } from '@app/targets';
import { ApiModule } from './api.module';

export const SCHEMA_FILE = join(process.cwd(), 'apps/api/schema.gql');

/**
 * Creates the api (used by main.ts and by the end-to-end tests, so both run the same app). Signals
 * are main.ts's to handle (exitOnSignals).
 */
export async function createApi(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // First, so every response (pages, GraphQL, downloads, errors) carries them.
  app.use(securityHeaders(config));
  // Counts and times the pages, form posts and downloads by route pattern (GraphQL has its own).
  app.use(app.get(Metrics).httpMiddleware(QUEUE_DASHBOARD_PATH));
  // Nest's usual parsers (JSON and forms, 100 kB), except for the Scottish Parliament upload: it reads
  // its larger body itself, after the admin check.
  // Express hands the parsers its own request (with path and is()), typed as Node's.
  const parsed = (type: string) => (incoming: IncomingMessage) => {
    const req = incoming as Request;
    return req.path !== MSP_UPLOAD_PATH && typeof req.is(type) === 'string';
  };
  // The queue dashboard (bull-board), behind the admin check; before the body parsers, which it
  // does not need for reading.
  app.use(QUEUE_DASHBOARD_PATH, ...app.get(QueueDashboard).handlers());
  app.use(json({ type: parsed('application/json') }));
  app.use(urlencoded({ extended: true, type: parsed('application/x-www-form-urlencoded') }));
  await app.init();
  return app;
}

export async function writeSchemaFile(app: NestExpressApplication): Promise<void> {
  const { schema } = app.get(GraphQLSchemaHost);
  await writeFile(SCHEMA_FILE, renderSchema(schema));
}
