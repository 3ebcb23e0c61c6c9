import { differenceInMilliseconds, parseISO } from 'date-fns';
import type { ProjectHead, ScanJob } from './state';

/** How often each part of a project is read again. Every value can be overridden per call. */
export interface ScanPolicy {
  /** A full scan (every issue again, repacked chunks) at least this often. */
  fullScanEveryMs: number;
  /** Project, roles, groups, boards, sprints and the site's field catalogue, at least this often. */
  directoryEveryMs: number;
  /** An ids-only listing that drops deleted and moved issues, at least this often (and after each full scan). */
  idsCheckEveryMs: number;
  /**
   * A project nothing marked as changed is still searched (`updated >=`) this often: the safety net for product
   * events that never arrived. Used by the scheduler; an explicit refresh always searches.
   */
  searchEveryMs: number;
  /** `updated >=` starts this long before the last search started, for clock skew and Jira's indexing delay. */
  updatedMarginMs: number;
  /** A step that keeps failing is abandoned after this many tries; the previous result stays. */
  maxFailures: number;
  /** A scan whose checkpoint nobody saved for this long lost its queue event: the scheduler queues it again. */
  resumeAfterMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_POLICY: ScanPolicy = {
  fullScanEveryMs: 7 * DAY,
  directoryEveryMs: DAY,
  idsCheckEveryMs: DAY,
  searchEveryMs: HOUR,
  updatedMarginMs: 5 * MINUTE,
  maxFailures: 5,
  resumeAfterMs: 20 * MINUTE,
};

export interface JobPlan {
  kind: ScanJob['kind'];
  directory: ScanJob['directory']['read'];
  checkIds: boolean;
}

function olderThan(iso: string | undefined, now: Date, ms: number): boolean {
  return iso === undefined || differenceInMilliseconds(now, parseISO(iso)) >= ms;
}

/** What a new job for the project has to do, from its cached state and what was asked. */
export function planJob(
  head: ProjectHead | undefined,
  now: Date,
  policy: ScanPolicy,
  request: { kind?: ScanJob['kind']; checkDeleted?: boolean; fieldSet?: string; markedBoards: number[] },
): JobPlan {
  if (
    !head ||
    request.kind === 'full' ||
    olderThan(head.fullScanAt, now, policy.fullScanEveryMs) ||
    (request.fieldSet !== undefined && request.fieldSet !== head.fieldSet)
  ) {
    return { kind: 'full', directory: 'all', checkIds: false };
  }
  const directory = olderThan(head.directoryAt, now, policy.directoryEveryMs)
    ? 'all'
    : request.markedBoards.length > 0
      ? 'sprints'
      : 'none';
  const checkIds =
    request.checkDeleted === true ||
    head.idsCheckedAt === undefined ||
    head.idsCheckedAt < head.fullScanAt ||
    olderThan(head.idsCheckedAt, now, policy.idsCheckEveryMs);
  return { kind: 'incremental', directory, checkIds };
}

export type DueReason = 'first scan' | 'resume' | 'marked' | 'periodic';

/**
 * Why the scheduler should queue a step for a project now, if at all: nothing cached yet, a scan that lost its
 * queue event, a product event marked something, or a search, directory read, ids listing or full scan is due.
 */
export function dueReason(
  state: { head?: ProjectHead; job?: Pick<ScanJob, 'savedAt'> },
  marked: boolean,
  now: Date,
  policy: ScanPolicy,
): DueReason | undefined {
  const { head, job } = state;
  if (job) return olderThan(job.savedAt, now, policy.resumeAfterMs) ? 'resume' : undefined;
  if (!head) return 'first scan';
  if (marked) return 'marked';
  const periodic =
    olderThan(head.scannedAt, now, policy.searchEveryMs) ||
    olderThan(head.directoryAt, now, policy.directoryEveryMs) ||
    olderThan(head.fullScanAt, now, policy.fullScanEveryMs) ||
    // The refresh after a full scan lists ids anyway (planJob); by itself, a listing is due only daily.
    olderThan(head.idsCheckedAt ?? head.fullScanAt, now, policy.idsCheckEveryMs);
  return periodic ? 'periodic' : undefined;
}

/** `updated >= "-Nm"`: relative to Jira's own clock, so neither the app's clock nor the searcher's time zone matters. */
export function updatedSinceClause(scannedAt: string, now: Date, policy: ScanPolicy): string {
  const minutes = Math.max(
    1,
    Math.ceil((differenceInMilliseconds(now, parseISO(scannedAt)) + policy.updatedMarginMs) / MINUTE),
  );
  return `updated >= "-${minutes}m"`;
}
