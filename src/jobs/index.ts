/** Background jobs: the scheduler, the scan queue's consumer and product-event marks, behind a small queue seam. */
export { scheduleScans, type ScheduleResult } from './scheduler';
export { runJob, type JobOutcome } from './consumer';
export { recordProductEvent, PRODUCT_EVENTS, type EventMark } from './product-events';
export { MemoryJobQueue } from './memory-queue';
export type { Job, JobQueue, JobServices } from './types';
export { runScheduledLocally } from './local';
