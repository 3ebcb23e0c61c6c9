import type { Job, JobQueue } from './types';

/**
 * The local stand-in for Forge's async event queue: jobs wait in memory and `drain` hands them, in order, to the
 * consumer, including the jobs the consumer pushes while it runs. Delays are recorded, not waited for.
 */
export class MemoryJobQueue implements JobQueue {
  private readonly waiting: Job[] = [];
  /** Every job ever pushed, with its delay, for tests and the preview to inspect. */
  readonly pushed: Array<{ job: Job; delaySeconds: number }> = [];

  async push(jobs: Job | Job[], options: { delaySeconds?: number } = {}): Promise<void> {
    for (const job of Array.isArray(jobs) ? jobs : [jobs]) {
      this.waiting.push(structuredClone(job));
      this.pushed.push({ job: structuredClone(job), delaySeconds: options.delaySeconds ?? 0 });
    }
  }

  get size(): number {
    return this.waiting.length;
  }

  /** Runs jobs until none is left; returns how many ran. Stops with an error rather than loop for ever. */
  async drain(consume: (job: Job) => Promise<void>, maxJobs = 10_000): Promise<number> {
    let ran = 0;
    for (let job = this.waiting.shift(); job; job = this.waiting.shift()) {
      if (++ran > maxJobs) throw new Error(`The job queue did not empty after ${maxJobs} jobs`);
      await consume(job);
    }
    return ran;
  }
}
