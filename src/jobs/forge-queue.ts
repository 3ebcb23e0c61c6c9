import type { FetchMethod } from '@forge/api';
import { Queue } from '@forge/events';
import { jobPushes } from './events';
import type { Job, JobQueue } from './types';

/** Forge's async event queue (`@forge/events`): the consumer module of the same queue key receives each job. */
export class ForgeJobQueue implements JobQueue {
  private readonly queue: Queue;

  constructor(key: string, apiClient?: FetchMethod) {
    this.queue = apiClient ? new Queue({ key }, apiClient) : new Queue({ key });
  }

  /** Pushes the jobs in as many pushes as Forge's limits on events and bytes a push need. */
  async push(jobs: Job | Job[], options: { delaySeconds?: number } = {}): Promise<void> {
    for (const events of jobPushes(Array.isArray(jobs) ? jobs : [jobs], options.delaySeconds))
      await this.queue.push(events);
  }
}
