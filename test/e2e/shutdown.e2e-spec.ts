import type { ChildProcess } from 'node:child_process';
import { AddressInfo, connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { TcpProxy } from '../support/tcp-proxy';
import { TestSystem } from '../support/test-system';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** How long past its deadline a process may take to be gone (its last lines written, Node gone). */
const MARGIN_MS = 5_000;

interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  output: string;
}

/** Sends `signal` and waits (at most `withinMs`) for the process to exit: how, how soon, what it said. */
async function stopWith(child: ChildProcess, signal: NodeJS.Signals, withinMs: number): Promise<Stopped> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close': it has exited and its output has all been read.
    child.once('close', (code, how) => resolve({ code, signal: how })),
  );
  const started = Date.now();
  child.kill(signal);
  const deadline = new AbortController();
  const outcome = await Promise.race([
    exited,
    sleep(withinMs, undefined, { signal: deadline.signal }).then(
      () => undefined,
      () => undefined,
    ),
  ]);
  deadline.abort();
  if (!outcome) {
    throw new Error(`Still running ${withinMs} ms after ${signal}:\n${output.slice(-5_000)}`);
  }
  return { ...outcome, ms: Date.now() - started, output };
}

/** The JSON log line whose message starts with `start`. */
function logLine(output: string, start: string): { level: number; context: string; msg: string } | undefined {
  const line = output.split('\n').find((l) => l.includes(`"msg":"${start}`));
  return line ? (JSON.parse(line) as { level: number; context: string; msg: string }) : undefined;
}

/** A normal stop: closed, exit 0, soon. */
async function expectPromptClose(child: ChildProcess): Promise<void> {
  const stopped = await stopWith(child, 'SIGTERM', 20_000 + MARGIN_MS);
  expect(stopped).toMatchObject({ code: 0, signal: null });
  expect(stopped.ms).toBeLessThan(10_000);
  expect(logLine(stopped.output, 'SIGTERM received')?.msg).toBe('SIGTERM received; closing (at most 20 s)');
  expect(logLine(stopped.output, 'Closed in')).toMatchObject({ level: 30, context: 'Shutdown' });
  expect(stopped.output).not.toContain('still closing');
}

/** A stop whose close hangs: exit 1 at the 3 s deadline (not before, not long after); the warning's message. */
async function expectDeadline(child: ChildProcess): Promise<string | undefined> {
  const stopped = await stopWith(child, 'SIGTERM', 3_000 + MARGIN_MS);
  expect(stopped).toMatchObject({ code: 1, signal: null });
  expect(stopped.ms).toBeGreaterThanOrEqual(3_000);
  const warning = logLine(stopped.output, 'Shutdown did not finish');
  expect(warning).toMatchObject({ level: 40, context: 'Shutdown' });
  return warning?.msg;
}

/**
 * The api's and the worker's own processes on SIGTERM (as Docker and Kubernetes stop them): a
 * graceful close, and a deadline (SHUTDOWN_TIMEOUT_SECONDS) for a close that hangs, so the process
 * exits on its own and says why instead of waiting until it is killed.
 */
describe('the worker and api processes told to stop', () => {
  let system: TestSystem;
  // Each test starts a process of its own from the sources: up to a minute on a busy machine.
  jest.setTimeout(120_000);

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
  });
  afterAll(() => system.stop());

  const normally = { LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_SECONDS: '20' };

  it('close the worker and exit 0 promptly on SIGTERM', async () => {
    await expectPromptClose(await system.startWorkerProcess(normally));
  });

  it('close the api and exit 0 promptly on SIGTERM', async () => {
    await expectPromptClose(await system.startApiProcess(normally));
  });

  it('give up a worker close hung on Redis gone away at the deadline, naming what was still closing, exit 1', async () => {
    const { proxy, url } = await TcpProxy.for(REDIS_URL, 6379);
    try {
      const worker = await system.startWorkerProcess({
        REDIS_URL: url(REDIS_URL),
        LOG_LEVEL: 'warn',
        SHUTDOWN_TIMEOUT_SECONDS: '3',
      });
      // Redis goes away: every connection cut, new ones refused. BullMQ's worker close waits for it.
      await proxy.stop();
      await sleep(1_000);
      // The hooks still running, by class or queue name: nothing about a person.
      expect(await expectDeadline(worker)).toBe(
        'Shutdown did not finish within 3 s; still closing: BullExplorer.onApplicationShutdown; exiting with code 1',
      );
    } finally {
      await proxy.stop();
    }
  });

  it('give up an api close held by a request that never finishes arriving, the same way', async () => {
    const port = await freePort();
    const api = await system.startApiProcess({
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_SECONDS: '3',
    });
    // A client that sends half its request and stalls: the HTTP server's close waits for it.
    const client = connect(port, '127.0.0.1');
    client.on('error', () => undefined);
    try {
      await new Promise<void>((resolve) => client.once('connect', resolve));
      client.write(
        'POST /graphql HTTP/1.1\r\nHost: crm.test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
      );
      await sleep(500);
      // Apollo's stop waits for the request (then Nest's HTTP server would).
      expect(await expectDeadline(api)).toMatch(
        /^Shutdown did not finish within 3 s; still closing: (GraphQLModule\.onModuleDestroy|the HTTP server \(requests still open\)); exiting with code 1$/,
      );
    } finally {
      client.destroy();
    }
  });
});

/** A TCP port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
