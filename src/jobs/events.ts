import type { Job } from './types';

/**
 * How jobs travel as Forge async events, for the Forge queue and its in-memory stand-in alike: a job is pushed as
 * an event body in pushes that keep to Forge's limits, and comes back to the consumer through `parseJob`.
 */

/** `@forge/events` refuses a push of more than 50 events (TooManyEventsError). */
export const MAX_EVENTS_PER_PUSH = 50;
/**
 * `@forge/events` refuses a push whose events, as JSON, exceed 200 KB (PayloadTooBigError); it measures
 * `Buffer.byteLength(JSON.stringify(events)) / 1024`, and so does `pushBytes`.
 */
export const MAX_PUSH_BYTES = 200 * 1024;

/** One event as `Queue.push` takes it. */
export interface JobEvent {
  body: Record<string, unknown>;
  delayInSeconds?: number;
}

export class JobTooLargeError extends Error {
  constructor(job: Job, bytes: number) {
    super(
      `A ${job.type} job of ${bytes} bytes cannot be queued: Forge takes at most ${MAX_PUSH_BYTES} bytes of events in a push`,
    );
    this.name = 'JobTooLargeError';
  }
}

export function jobEvent(job: Job, delaySeconds = 0): JobEvent {
  return { body: { ...job }, ...(delaySeconds > 0 ? { delayInSeconds: delaySeconds } : {}) };
}

export function pushBytes(events: readonly JobEvent[]): number {
  return Buffer.byteLength(JSON.stringify(events));
}

/**
 * The jobs as events, split into as few pushes as Forge's limits allow, in order. A job that would not fit a
 * push even alone is refused with a JobTooLargeError before anything is pushed, so that no round is half queued.
 */
export function jobPushes(jobs: readonly Job[], delaySeconds = 0): JobEvent[][] {
  const pushes: JobEvent[][] = [];
  let current: JobEvent[] = [];
  // The size of `current` as JSON: its events joined by commas inside brackets.
  let currentBytes = 2;
  for (const job of jobs) {
    const event = jobEvent(job, delaySeconds);
    const bytes = pushBytes([event]) - 2;
    if (bytes + 2 > MAX_PUSH_BYTES) throw new JobTooLargeError(job, bytes + 2);
    const grown = currentBytes + bytes + (current.length > 0 ? 1 : 0);
    if (current.length === MAX_EVENTS_PER_PUSH || grown > MAX_PUSH_BYTES) {
      pushes.push(current);
      current = [];
      currentBytes = 2;
    }
    currentBytes += bytes + (current.length > 0 ? 1 : 0);
    current.push(event);
  }
  if (current.length > 0) pushes.push(current);
  return pushes;
}

/** The job an event body holds, or undefined for a body no version of the app pushes. */
export function parseJob(body: unknown): Job | undefined {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (value.type === 'audit') {
    if (value.viewId === undefined) return { type: 'audit' };
    return typeof value.viewId === 'string' && value.viewId !== ''
      ? { type: 'audit', viewId: value.viewId }
      : undefined;
  }
  if (value.type !== 'scan' || typeof value.projectKey !== 'string' || value.projectKey === '') return undefined;
  const kind = value.kind === 'full' || value.kind === 'incremental' ? value.kind : undefined;
  return {
    type: 'scan',
    projectKey: value.projectKey,
    ...(kind ? { kind } : {}),
    ...(value.checkDeleted === true ? { checkDeleted: true } : {}),
  };
}
