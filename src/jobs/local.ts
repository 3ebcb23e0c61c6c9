import { runJob, type JobOutcome } from './consumer';
import type { MemoryJobQueue } from './memory-queue';
import { scheduleScans, type ScheduleResult } from './scheduler';
import type { JobServices } from './types';

/**
 * One run of the scheduled trigger and everything it queues, in-process on the local stand-ins: what Forge does
 * with the scheduled trigger, the queue and its consumer, for tests and the local preview.
 */
export async function runScheduledLocally(
  services: JobServices & { queue: MemoryJobQueue },
): Promise<{ schedule: ScheduleResult; outcomes: JobOutcome[] }> {
  const schedule = await scheduleScans(services);
  const outcomes: JobOutcome[] = [];
  await services.queue.drain(async (job) => void outcomes.push(await runJob(job, services)));
  return { schedule, outcomes };
}
