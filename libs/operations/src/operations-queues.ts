import type { Queue } from 'bullmq';

/**
 * Every BullMQ queue (QUEUE_NAMES, in that order), for the queue dashboard and the queue-depth
 * metric: both read the one list, so a queue added to it shows in both without touching either.
 */
export class OperationsQueues {
  constructor(readonly all: readonly Queue[]) {}
}
