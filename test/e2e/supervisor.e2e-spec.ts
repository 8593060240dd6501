import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

const SUPERVISE = pathToFileURL(resolve(__dirname, '../../scripts/supervise.mjs')).href;

/** A process that says it is up and runs until it is told to stop. */
const STEADY = `
console.log('up ' + process.pid);
setInterval(() => undefined, 1000);
process.on('SIGTERM', () => process.exit(0));
`;

/** A process that crashes soon after starting, the first `CRASHES` times it runs. */
const CRASHING = (counter: string, crashes: number) => `
import { readFileSync, writeFileSync } from 'node:fs';
let runs = 0;
try { runs = Number(readFileSync(${JSON.stringify(counter)}, 'utf8')); } catch {}
writeFileSync(${JSON.stringify(counter)}, String(runs + 1));
console.log('up ' + process.pid);
if (runs < ${crashes}) {
  setTimeout(() => { console.error('crashing on purpose'); process.exit(1); }, 100);
} else {
  setInterval(() => undefined, 1000);
  process.on('SIGTERM', () => process.exit(0));
}
`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * `npm start` runs the api and the worker under scripts/supervise.mjs. Here it supervises two
 * small real processes standing in for them: one runs steadily, the other crashes.
 */
describe('process supervision for npm start', () => {
  let dir: string;
  let supervisor: ChildProcess | undefined;
  let output = '';

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crm-supervise-'));
    output = '';
  });
  afterEach(async () => {
    if (supervisor?.exitCode === null) {
      supervisor.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  });

  async function start(crashes: number): Promise<ChildProcess> {
    await writeFile(join(dir, 'api.mjs'), STEADY);
    await writeFile(join(dir, 'worker.mjs'), CRASHING(join(dir, 'runs'), crashes));
    const script = `
      import { supervise } from ${JSON.stringify(SUPERVISE)};
      supervise(
        [{ name: 'api', args: ['api.mjs'] }, { name: 'worker', args: ['worker.mjs'] }],
        { cwd: ${JSON.stringify(dir)}, env: process.env, log: (m) => console.log('[setup] ' + m),
          restartDelayMs: 200, maxRestartDelayMs: 800, stableAfterMs: 10_000, killAfterMs: 2_000 },
      );`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    supervisor = child;
    return child;
  }

  async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) {
        throw new Error(`Not seen in time. Output so far:\n${output}`);
      }
      await sleep(50);
    }
  }

  const pids = (name: string): number[] =>
    [...output.matchAll(new RegExp(`^\\[${name}\\] up (\\d+)$`, 'gm'))].map((m) => Number(m[1]));

  it('restarts a crashed worker with a growing delay, logged, and leaves the api running', async () => {
    const child = await start(3);
    await until(() => pids('worker').length === 4);
    await sleep(500);

    // Three crashes, three restarts, each logged with its delay (doubling: 0.2, 0.4, 0.8 s).
    const restarts = [
      ...output.matchAll(
        /\[setup\] worker exited \(code 1\) after [\d.]+ s; restarting it in ([\d.]+) s \(restart (\d)\)/g,
      ),
    ];
    expect(restarts.map((m) => [m[1], m[2]])).toEqual([
      ['0.2', '1'],
      ['0.4', '2'],
      ['0.8', '3'],
    ]);
    expect(output).toContain('[worker] crashing on purpose');
    expect(Number(await readFile(join(dir, 'runs'), 'utf8'))).toBe(4);

    // The api was never stopped: one process all along, still running; the worker runs again.
    expect(pids('api')).toHaveLength(1);
    expect(alive(pids('api')[0])).toBe(true);
    expect(alive(pids('worker')[3])).toBe(true);
    expect(child.exitCode).toBeNull();

    // Ctrl-C or SIGTERM still stops both, and the supervisor with them.
    const exited = new Promise<number | null>((resolveExit) =>
      child.once('exit', (code) => resolveExit(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(pids('api')[0])).toBe(false);
    expect(alive(pids('worker')[3])).toBe(false);
    expect(output).toContain('[setup] SIGTERM received; stopping api and worker');
  });

  it('stops a process waiting to be restarted when told to stop, without starting it again', async () => {
    const child = await start(100);
    await until(() => /restarting it in/.test(output));
    const exited = new Promise<number | null>((resolveExit) =>
      child.once('exit', (code) => resolveExit(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const started = pids('worker').length;
    await sleep(1200);
    expect(pids('worker')).toHaveLength(started);
    expect(alive(pids('api')[0])).toBe(false);
  });
});
