// Runs processes side by side (the api and the worker, for `npm start`) until we are told to stop.
// One that stops on its own is started again after a delay that doubles with each quick exit, and
// each exit and restart is logged: a crashed worker no longer takes the api down with it.

import { spawn } from 'node:child_process';
import os from 'node:os';
import readline from 'node:readline';

const DEFAULTS = {
  /** First delay before a restart; it doubles with each exit that comes soon after a start. */
  restartDelayMs: 1_000,
  maxRestartDelayMs: 30_000,
  /** A process that ran this long is healthy again: its next restart waits restartDelayMs. */
  stableAfterMs: 60_000,
  /** After asking the processes to stop, how long before they are killed. */
  killAfterMs: 10_000,
};

function exitCodeOf(code, signal) {
  if (typeof code === 'number') return code;
  if (signal && os.constants.signals[signal]) return 128 + os.constants.signals[signal];
  return 1;
}

function pipeLines(stream, out, prefix) {
  const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
  rl.on('line', (line) => out.write(`${prefix}${line}\n`));
}

/**
 * Starts each of `processes` ({ name, args }: run as `node ...args`) and keeps it running.
 * SIGINT, SIGTERM and SIGHUP stop them all (a second signal kills them), after which we exit
 * with the status of the first to stop.
 */
export function supervise(processes, { cwd, env, log, ...options }) {
  const settings = { ...DEFAULTS, ...options };
  const children = new Map(); // name -> { spec, child, startedAt, quickExits, exited, timer }
  let stopping = false;
  let firstStatus = null;
  let killTimer = null;

  const signalAll = (signal) => {
    for (const entry of children.values()) {
      if (!entry.exited) entry.child.kill(signal);
    }
  };

  const finishIfAllExited = () => {
    if (![...children.values()].every((c) => c.exited)) return;
    if (killTimer) clearTimeout(killTimer);
    // Let pending output drain, then leave with the first child's status.
    const status = firstStatus ?? 0;
    process.exitCode = status;
    setTimeout(() => process.exit(status), 1000).unref();
  };

  const stopAll = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const entry of children.values()) {
      if (entry.timer) {
        // Waiting to be restarted: nothing to stop.
        clearTimeout(entry.timer);
        entry.timer = null;
      }
    }
    signalAll(signal);
    killTimer = setTimeout(() => {
      log(`still running after ${settings.killAfterMs / 1000} s; killing`);
      signalAll('SIGKILL');
    }, settings.killAfterMs);
    killTimer.unref();
    finishIfAllExited();
  };

  const onExit = (entry, code, signal) => {
    if (entry.exited) return;
    entry.exited = true;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (stopping) {
      firstStatus ??= exitCodeOf(code, signal);
      finishIfAllExited();
      return;
    }
    const ranMs = Date.now() - entry.startedAt;
    entry.quickExits = ranMs >= settings.stableAfterMs ? 0 : entry.quickExits + 1;
    const delay = Math.min(
      settings.maxRestartDelayMs,
      settings.restartDelayMs * 2 ** Math.max(0, entry.quickExits - 1),
    );
    entry.restarts += 1;
    log(
      `${entry.spec.name} exited (${how}) after ${(ranMs / 1000).toFixed(1)} s; ` +
        `restarting it in ${(delay / 1000).toFixed(1)} s (restart ${entry.restarts})`,
    );
    entry.timer = setTimeout(() => {
      entry.timer = null;
      if (!stopping) start(entry);
    }, delay);
  };

  const start = (entry) => {
    const { name, args } = entry.spec;
    // Own process group: a Ctrl-C in the terminal reaches only us, and we forward it once.
    const child = spawn(process.execPath, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    Object.assign(entry, { child, startedAt: Date.now(), exited: false });
    if (entry.restarts > 0) log(`${name} started again (pid ${child.pid})`);
    pipeLines(child.stdout, process.stdout, `[${name}] `);
    pipeLines(child.stderr, process.stderr, `[${name}] `);
    child.once('error', (err) => {
      console.error(`[setup] ${name} could not start: ${err.message}`);
      onExit(entry, 1, null);
    });
    // 'close' comes after the child's stdout/stderr have ended, so no last lines are lost.
    child.once('close', (code, signal) => onExit(entry, code, signal));
  };

  let signalsSeen = 0;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      signalsSeen += 1;
      if (signalsSeen === 1) {
        log(`${sig} received; stopping ${[...children.keys()].join(' and ')}`);
        stopAll(sig === 'SIGHUP' ? 'SIGTERM' : sig);
      } else {
        log(`${sig} received again; killing ${[...children.keys()].join(' and ')}`);
        signalAll('SIGKILL');
      }
    });
  }
  // Last resort: never leave children behind when we exit for any other reason.
  process.on('exit', () => signalAll('SIGKILL'));

  for (const spec of processes) {
    const entry = { spec, child: null, startedAt: 0, quickExits: 0, restarts: 0, exited: true, timer: null };
    children.set(spec.name, entry);
    start(entry);
  }
}
