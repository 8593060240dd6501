/**
 * Preloaded (`node --require`) into a process profiled with `--cpu-prof`: on SIGTERM it exits
 * normally, so Node writes the profile (a process ended by the signal itself writes none).
 */
process.once('SIGTERM', () => process.exit(0));
