import type { ApolloServerPlugin } from '@apollo/server';
import { Injectable } from '@nestjs/common';
import type { Request, RequestHandler } from 'express';
import { Kind, OperationDefinitionNode } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { OUTBOX_STATUSES, OutboxRepository } from '@app/mail';
import { OperationsQueues } from './operations-queues';

/**
 * Mail counts as overdue this long past its due time: a mailing's batch (MAILING_BATCH_SIZE, 500)
 * at MAIL_RATE_PER_SECOND (10) takes under a minute, so only mail that is really stuck counts.
 */
export const OVERDUE_GRACE_SECONDS = 300;

/**
 * The whole-outbox counts (sent and failed by kind, and by status) are read at most this often: a
 * scrape every 15 s then counts the table every 30 s at most. The alerts look at 15 to 30 minutes.
 */
export const OUTBOX_COUNTS_MAX_AGE_MS = 30_000;

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/**
 * The Prometheus metrics of an api process (prom-client): Node's default process metrics, GraphQL
 * requests by operation, other HTTP requests by route pattern, and figures read at each scrape from PostgreSQL (the outbox) and Redis
 * (the queues), so every api replica reports the same whole-installation figures. Labels never
 * carry personal data: an operation is named by its root field (from the schema, so the set of
 * values is bounded), a mail by its template.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'type' | 'outcome'>;
  private readonly durations: Histogram<'operation' | 'type'>;
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDurations: Histogram<'method' | 'route'>;

  constructor(outbox: OutboxRepository, { all: queues }: OperationsQueues) {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'crm_graphql_requests_total',
      help: 'GraphQL requests by operation (root field), type and outcome (ok or error)',
      labelNames: ['operation', 'type', 'outcome'],
      registers: [this.registry],
    });
    this.durations = new Histogram({
      name: 'crm_graphql_request_duration_seconds',
      help: 'GraphQL request duration by operation (root field) and type',
      labelNames: ['operation', 'type'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    // Counting every outbox row reads the whole table (it keeps every row, scrubbed): once for both
    // series, and at most every OUTBOX_COUNTS_MAX_AGE_MS however often (and by however many
    // Prometheus servers) the api is scraped.
    let counted: {
      at: number;
      rows: Promise<Array<{ status: string; kind: string; count: number }>>;
    } | null = null;
    const countsOf = () => {
      if (!counted || Date.now() - counted.at > OUTBOX_COUNTS_MAX_AGE_MS) {
        const rows = outbox.countByStatusAndKind();
        counted = { at: Date.now(), rows };
        rows.catch(() => {
          counted = null;
        });
      }
      return counted.rows;
    };
    this.httpRequests = new Counter({
      name: 'crm_http_requests_total',
      help: 'HTTP requests other than GraphQL (pages, form posts, downloads, imports) by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.httpDurations = new Histogram({
      name: 'crm_http_request_duration_seconds',
      help: 'HTTP request duration other than GraphQL, by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    new Gauge({
      name: 'crm_outbox_messages',
      help: 'Outbox rows by status (PENDING: waiting to be sent)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        // PENDING fresh from its partial index; the others (the whole table) at most every
        // OUTBOX_COUNTS_MAX_AGE_MS.
        const counts = new Map<string, number>();
        for (const row of await countsOf()) {
          counts.set(row.status, (counts.get(row.status) ?? 0) + row.count);
        }
        counts.set('PENDING', (await outbox.overdue(OVERDUE_GRACE_SECONDS)).pending);
        for (const status of OUTBOX_STATUSES) {
          this.set({ status }, counts.get(status) ?? 0);
        }
      },
    });
    new Gauge({
      name: 'crm_outbox_oldest_pending_seconds',
      help: 'Age of the oldest outbox row still waiting to be sent (0 when none waits), including mail waiting its paced turn',
      registers: [this.registry],
      async collect() {
        this.set(await outbox.oldestPendingAgeSeconds());
      },
    });
    // How late mail is against when it was due (a paced letter's turn, a retry's time): what the
    // alerts watch, so letters to one inbox sent 30 s apart, or a mailing sent at the configured
    // rate, do not look like a stuck outbox.
    new Gauge({
      name: 'crm_outbox_overdue_seconds',
      help: 'How long past its due time (its paced turn or retry time, else when written) the most overdue waiting email is (0 when none)',
      registers: [this.registry],
      async collect() {
        this.set((await outbox.overdue(OVERDUE_GRACE_SECONDS)).mostOverdueSeconds);
      },
    });
    new Gauge({
      name: 'crm_outbox_overdue_messages',
      help: `Waiting emails more than ${OVERDUE_GRACE_SECONDS} s past their due time (paced turn or retry time, else when written)`,
      registers: [this.registry],
      async collect() {
        this.set((await outbox.overdue(OVERDUE_GRACE_SECONDS)).overdueCount);
      },
    });
    new Counter({
      name: 'crm_mail_total',
      help: 'Mail sent and finally failed, by kind (template); counted from the outbox',
      labelNames: ['kind', 'outcome'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await countsOf()) {
          if (row.status === 'SENT' || row.status === 'FAILED') {
            this.inc({ kind: row.kind, outcome: row.status === 'SENT' ? 'sent' : 'failed' }, row.count);
          }
        }
      },
    });
    new Gauge({
      name: 'crm_queue_jobs',
      help: 'BullMQ jobs by queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) {
            this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }
        }
      },
    });
  }

  /** The text Prometheus reads. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /**
   * Counts and times every HTTP request but GraphQL's (counted by `graphqlPlugin`) and the probes'
   * (/health, /ready, /metrics), labelled by the route pattern that answered it
   * (`/petitions/:slug`), never the path itself: a path can carry an id or a token, and the set of
   * patterns is bounded. Mounted first, so it times the whole request.
   */
  httpMiddleware(dashboardPath: string): RequestHandler {
    const { httpRequests, httpDurations } = this;
    return (req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const route = routeOf(req, dashboardPath);
        if (route === null) {
          return;
        }
        const method = req.method;
        httpRequests.inc({ method, route, status: String(res.statusCode) });
        httpDurations.observe({ method, route }, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    };
  }

  /** Counts and times every GraphQL request, by its first root field. */
  graphqlPlugin(): ApolloServerPlugin {
    const { requests, durations } = this;
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        let operation = 'invalid';
        let type = 'unknown';
        return {
          async didResolveOperation({ operation: definition }) {
            if (definition) {
              type = definition.operation;
              operation = rootFieldOf(definition) ?? 'unknown';
            }
          },
          async willSendResponse({ response }) {
            const failed =
              response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) > 0 : false;
            requests.inc({ operation, type, outcome: failed ? 'error' : 'ok' });
            durations.observe({ operation, type }, Number(process.hrtime.bigint() - started) / 1e9);
          },
        };
      },
    };
  }
}

/** Requests with series of their own, or none. */
const UNCOUNTED = new Set(['/graphql', '/health', '/ready', '/metrics']);

/**
 * The route pattern that answered a request (Express keeps the matched route on it), the queue
 * dashboard's mount path for anything under it, `unmatched` for a request no route took (a 404, or
 * one refused before routing), or null for one not counted here.
 */
function routeOf(req: Request, dashboardPath: string): string | null {
  const path = req.originalUrl.split('?')[0];
  if (UNCOUNTED.has(path)) {
    return null;
  }
  if (path === dashboardPath || path.startsWith(`${dashboardPath}/`)) {
    return `${dashboardPath}/*`;
  }
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  return typeof pattern === 'string' ? pattern : 'unmatched';
}

function rootFieldOf(definition: OperationDefinitionNode): string | undefined {
  const field = definition.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  return field?.kind === Kind.FIELD ? field.name.value : undefined;
}
