import { INestApplicationContext, Logger } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';

const HOOKS = ['onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown'] as const;

type Hooked = Partial<Record<(typeof HOOKS)[number], (...args: unknown[]) => unknown>>;

/**
 * Names each shutdown hook of the application's providers, controllers and modules
 * (`BullExplorer.onApplicationShutdown`) while it runs, so a close that does not finish can say
 * what it is waiting for. Class and token names only: nothing a person wrote.
 */
function trackShutdownHooks(app: INestApplicationContext): () => string[] {
  const running = new Set<string>();
  const seen = new WeakSet<object>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrappers of [module.providers, module.controllers, module.injectables, module.middlewares]) {
      for (const wrapper of wrappers.values()) {
        const instance = wrapper.isTransient ? undefined : wrapper.instance;
        if (typeof instance !== 'object' || instance === null || seen.has(instance)) {
          continue;
        }
        seen.add(instance);
        const hooked = instance as Hooked;
        const name = typeof wrapper.name === 'string' ? wrapper.name : instance.constructor.name;
        for (const hook of HOOKS) {
          const original = hooked[hook];
          if (typeof original !== 'function') {
            continue;
          }
          const label = `${name}.${hook}`;
          // An own property in front of the class's method: Nest calls `instance[hook](signal)`.
          hooked[hook] = async (...args: unknown[]) => {
            running.add(label);
            try {
              return await original.apply(instance, args);
            } finally {
              running.delete(label);
            }
          };
        }
      }
    }
  }
  return () => [...running];
}

export type CloseOutcome = { closed: true } | { closed: false; stillClosing: string[] };

/**
 * Closes the application (Nest's shutdown hooks, then its HTTP server if it has one), giving up
 * after `timeoutMs`: then it answers with what was still closing. The close itself goes on in the
 * background; the caller decides whether to wait any longer.
 */
export async function closeWithin(app: INestApplicationContext, timeoutMs: number): Promise<CloseOutcome> {
  const stillClosing = trackShutdownHooks(app);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([app.close().then(() => 'closed' as const), late]);
    if (outcome === 'closed') {
      return { closed: true };
    }
    const names = stillClosing();
    // No hook running: Nest is closing its own parts, the HTTP server waiting for its open requests.
    return {
      closed: false,
      stillClosing: names.length > 0 ? names : ['the HTTP server (requests still open)'],
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A process's own shutdown (the api's and the worker's main.ts; in place of Nest's
 * enableShutdownHooks, which waits for ever): on SIGTERM or SIGINT the application closes
 * gracefully and the process exits 0; if that has not finished within `timeoutMs`
 * (SHUTDOWN_TIMEOUT_SECONDS) it logs a warning naming what was still closing and exits 1, before
 * the orchestrator's own grace period runs out and it is killed without a word. A second signal
 * exits at once.
 */
export function exitOnSignals(app: INestApplicationContext, timeoutMs: number): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn(`${signal} received again; exiting without waiting for the close`);
      process.exit(1);
    }
    stopping = true;
    const started = Date.now();
    logger.log(`${signal} received; closing (at most ${timeoutMs / 1000} s)`);
    closeWithin(app, timeoutMs).then(
      (outcome) => {
        if (outcome.closed) {
          logger.log(`Closed in ${Date.now() - started} ms`);
          process.exit(0);
        }
        logger.warn(
          `Shutdown did not finish within ${timeoutMs / 1000} s; still closing: ` +
            `${outcome.stillClosing.join(', ')}; exiting with code 1`,
        );
        process.exit(1);
      },
      (error: unknown) => {
        logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, stop);
  }
}
