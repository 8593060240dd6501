/**
 * An open-loop load generator: requests start on a fixed schedule (one every 1/rate s), whether or
 * not the answers to earlier ones have come back, each on a keep-alive connection of its own while
 * one is in use. A request's latency runs from when it was due, not from when it went out, so time
 * the driver itself fell behind is counted against the server rather than hidden (no coordinated
 * omission).
 *
 * Why not autocannon's `overallRate`: it divides the rate among its connections and each sends on
 * its own timer, so with 50 connections at 200/s they fire in bursts of dozens at once. Measured on
 * the bare Apollo baseline: p99 98 ms with 50 connections, 5 ms with 10, for the same 200 req/s; the
 * bursts, not the server, made the tail.
 */
import { Agent, request } from 'node:http';

export interface OpenLoopLoad {
  url: string;
  /** Requests per second, evenly spaced. */
  rate: number;
  seconds: number;
  /** The JSON body and extra headers of the request due n-th. */
  request: (n: number) => { body: string; headers: Record<string, string> };
  /** The one answer that counts as right (status 200 and exactly this body). */
  expect: string;
}

export interface OpenLoopResult {
  /** Completed requests per second over the run. */
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Failed, wrong or unanswered requests. */
  errors: number;
  /** The latest any request went out after it was due, ms (the driver's own lag). */
  lateBy: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function openLoop(load: OpenLoopLoad): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const target = new URL(load.url);
  const total = Math.round(load.rate * load.seconds);
  const interval = 1000 / load.rate;
  const latencies: number[] = [];
  let wrong = 0;
  let lateBy = 0;
  const inFlight = new Set<Promise<void>>();

  const send = (n: number, due: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const { body: payload, headers } = load.request(n);
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...headers,
          },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if (res.statusCode !== 200 || Buffer.concat(chunks).toString() !== load.expect) {
              wrong += 1;
            }
            resolve();
          });
          res.on('error', () => resolve());
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      // Counted as an error below: it has no latency.
      req.on('error', () => resolve());
      req.end(payload);
    });

  const started = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (next < total && started + next * interval <= now) {
        const due = started + next * interval;
        lateBy = Math.max(lateBy, now - due);
        const sent = send(next, due);
        inFlight.add(sent);
        void sent.then(() => inFlight.delete(sent));
        next += 1;
      }
      if (next >= total) {
        resolve();
        return;
      }
      // Wakes a little before the next one is due; setTimeout's granularity is about 1 ms.
      setTimeout(tick, Math.max(0, started + next * interval - performance.now() - 1));
    };
    tick();
  });
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.length ? latencies[latencies.length - 1] : Number.NaN,
    errors: wrong + (total - latencies.length),
    lateBy,
  };
}
