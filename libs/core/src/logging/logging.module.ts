import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config/app-config';

/**
 * Structured logs with no personal data: request logs carry method, path (never the query string,
 * where link tokens travel) and status; authorization and cookie headers are never logged.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              path: req.url.split('?')[0],
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
        },
      }),
    }),
  ],
})
export class LoggingModule {}
