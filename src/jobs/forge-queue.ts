import { Queue } from '@forge/events';
import type { Job, JobQueue } from './types';

/** Forge takes at most 50 events a push. */
const EVENTS_PER_PUSH = 50;

/** Forge's async event queue (`@forge/events`): the consumer module of the same queue key receives each job. */
export class ForgeJobQueue implements JobQueue {
  private readonly queue: Queue;

  constructor(key: string) {
    this.queue = new Queue({ key });
  }

  async push(jobs: Job | Job[], options: { delaySeconds?: number } = {}): Promise<void> {
    const list = Array.isArray(jobs) ? jobs : [jobs];
    for (let index = 0; index < list.length; index += EVENTS_PER_PUSH) {
      await this.queue.push(
        list
          .slice(index, index + EVENTS_PER_PUSH)
          .map((job) => ({
            body: { ...job },
            ...(options.delaySeconds ? { delayInSeconds: options.delaySeconds } : {}),
          })),
      );
    }
  }
}
