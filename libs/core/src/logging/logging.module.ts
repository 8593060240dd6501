import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream, LogFn, Logger as PinoLogger } from 'pino';
import { AppConfig } from '../config/app-config';

/**
 * Nest's start-up chatter: one line per module and per route at every start. Kept at debug level
 * (LOG_LEVEL=debug shows it); what a person running the system needs at info is that it started.
 */
const START_UP_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'GraphQLModule',
]);
const WARN = 40;

const where: { stream?: DestinationStream } = {};

/**
 * Sends every log line of the processes created from now on to `stream` instead of stdout (the
 * tests read it to prove logs hold no personal data); undefined: stdout again.
 */
export function setLogDestination(stream: DestinationStream | undefined): void {
  where.stream = stream;
}

/**
 * The request's path without its query string, where emailed links carry their tokens (the
 * original URL: a router that mounts a path, like GraphQL's, shortens `url`).
 */
const pathOf = (req: IncomingMessage) =>
  ((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0];

/**
 * Structured logs with no personal data: request logs carry method, path (never the query string,
 * where link tokens travel) and status; authorization and cookie headers are never logged. JSON,
 * one object a line, in production (and tests); in development short, coloured lines through
 * pino-pretty.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const options = {
          level: config.logLevel,
          autoLogging: {
            ignore: (req: IncomingMessage) => ['/health', '/ready', '/metrics'].includes(pathOf(req)),
          },
          customSuccessMessage: (req: IncomingMessage, res: ServerResponse) =>
            `${req.method} ${pathOf(req)} ${res.statusCode}`,
          customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
            `${req.method} ${pathOf(req)} ${res.statusCode}`,
          serializers: {
            req: (req: IncomingMessage & { id: unknown }) => ({
              id: req.id,
              method: req.method,
              path: pathOf(req),
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            // Only what identifies the failure: never a query's parameters or a driver's detail,
            // which can hold the personal data being written.
            err: (err: Error & { code?: unknown }) => ({
              type: err.constructor?.name,
              message: err.message,
              code: err.code,
              stack: err.stack,
            }),
          },
          redact: ['req.headers', 'res.headers'],
          hooks: {
            logMethod(this: PinoLogger, args: Parameters<LogFn>, method: LogFn, level: number) {
              const first: unknown = args[0];
              const context =
                typeof first === 'object' && first !== null
                  ? (first as { context?: unknown }).context
                  : undefined;
              if (
                level < WARN &&
                typeof context === 'string' &&
                START_UP_CONTEXTS.has(context) &&
                !this.isLevelEnabled('debug')
              ) {
                return;
              }
              method.apply(this, args);
            },
          },
          ...(config.nodeEnv === 'development' && !where.stream
            ? {
                transport: {
                  target: 'pino-pretty',
                  options: {
                    singleLine: true,
                    translateTime: 'SYS:HH:MM:ss',
                    ignore: 'pid,hostname,context,req,res,responseTime',
                    messageFormat: '{if context}{context}: {end}{msg}',
                  },
                },
              }
            : {}),
        };
        return { pinoHttp: where.stream ? [options, where.stream] : options };
      },
    }),
  ],
})
export class LoggingModule {}
