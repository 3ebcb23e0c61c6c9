import { jobPushes, parseJob, type JobEvent } from './events';
import type { Job, JobQueue } from './types';

/**
 * The local stand-in for Forge's async event queue. Jobs travel as they do on Forge: split into pushes by Forge's
 * limits, carried as JSON and read back by the consumer's `parseJob`, so a job that Forge's consumer would read
 * differently fails here too. `drain` hands them, in order, to the consumer, including the jobs the consumer pushes
 * while it runs. Delays are recorded, not waited for.
 */
export class MemoryJobQueue implements JobQueue {
  private readonly waiting: string[] = [];
  /** Every job ever pushed, as the consumer reads it, with its delay, for tests and the preview to inspect. */
  readonly pushed: Array<{ job: Job; delaySeconds: number }> = [];
  /** How many events each push carried. */
  readonly pushSizes: number[] = [];

  async push(jobs: Job | Job[], options: { delaySeconds?: number } = {}): Promise<void> {
    for (const events of jobPushes(Array.isArray(jobs) ? jobs : [jobs], options.delaySeconds)) {
      this.pushSizes.push(events.length);
      for (const event of JSON.parse(JSON.stringify(events)) as JobEvent[]) {
        const body = JSON.stringify(event.body);
        this.waiting.push(body);
        this.pushed.push({ job: readJob(body), delaySeconds: event.delayInSeconds ?? 0 });
      }
    }
  }

  get size(): number {
    return this.waiting.length;
  }

  /** Runs jobs until none is left; returns how many ran. Stops with an error rather than loop for ever. */
  async drain(consume: (job: Job) => Promise<void>, maxJobs = 10_000): Promise<number> {
    let ran = 0;
    for (let body = this.waiting.shift(); body !== undefined; body = this.waiting.shift()) {
      if (++ran > maxJobs) throw new Error(`The job queue did not empty after ${maxJobs} jobs`);
      await consume(readJob(body));
    }
    return ran;
  }
}

function readJob(body: string): Job {
  const job = parseJob(JSON.parse(body));
  if (!job) throw new Error(`The consumer cannot read the job pushed as ${body}`);
  return job;
}
