import { differenceInMilliseconds, parseISO } from 'date-fns';
import type { ProjectHead, ReadWindow, ScanJob } from './state';

/** How often each part of a project is read again. Every value can be overridden per call. */
export interface ScanPolicy {
  /** Project, roles, groups, boards, sprints and the site's field catalogue, at least this often. */
  directoryEveryMs: number;
  /**
   * One slice of the cached key range is listed (ids only) this often, to drop deleted and moved issues whose
   * product events never arrived and read issues the cache lacks: the cache is listed once per `idsSlices` periods.
   */
  idsSliceEveryMs: number;
  idsSlices: number;
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
  directoryEveryMs: DAY,
  idsSliceEveryMs: DAY,
  idsSlices: 28,
  searchEveryMs: HOUR,
  updatedMarginMs: 5 * MINUTE,
  maxFailures: 5,
  resumeAfterMs: 20 * MINUTE,
};

export interface JobPlan {
  kind: ScanJob['kind'];
  directory: ScanJob['directory']['read'];
  /** `all`: list every id of the project; `slice`: one slice of the cached key range; `none`. */
  checkIds: ScanJob['checkIds'];
  /** What the cache will hold once the job is done (absent: every issue with its history). */
  window?: ReadWindow;
  /** A wider window than the cache holds: issues updated from `window.since` to this instant are read too. */
  widenFrom?: string;
}

function olderThan(iso: string | undefined, now: Date, ms: number): boolean {
  return iso === undefined || differenceInMilliseconds(now, parseISO(iso)) >= ms;
}

/**
 * The window a scan reads for an audit window of `days` days: it starts the update margin earlier, so that an
 * issue updated at the audit window's start is read whole whatever the clocks' skew.
 */
export function readWindow(days: number, now: Date, policy: ScanPolicy): ReadWindow {
  return { days, since: new Date(now.getTime() - days * DAY - policy.updatedMarginMs).toISOString() };
}

/** What a new job for the project has to do, from its cached state and what was asked. */
export function planJob(
  head: ProjectHead | undefined,
  now: Date,
  policy: ScanPolicy,
  request: {
    kind?: ScanJob['kind'];
    checkDeleted?: boolean;
    fieldSet?: string;
    markedBoards: number[];
    /** The project's audit window in days; absent: every issue with its whole history. */
    windowDays?: number;
  },
): JobPlan {
  const wanted = request.windowDays === undefined ? undefined : readWindow(request.windowDays, now, policy);
  // A partial head (the first stage of a first scan whose job was given up) is read whole again.
  if (
    !head ||
    head.partial ||
    request.kind === 'full' ||
    (request.fieldSet !== undefined && request.fieldSet !== head.fieldSet)
  ) {
    return { kind: 'full', directory: 'all', checkIds: 'none', ...(wanted ? { window: wanted } : {}) };
  }
  const directory = olderThan(head.directoryAt, now, policy.directoryEveryMs)
    ? 'all'
    : request.markedBoards.length > 0
      ? 'sprints'
      : 'none';
  const checkIds =
    request.checkDeleted === true || head.idsCheckedAt === undefined || head.idsCheckedAt < head.fullScanAt
      ? 'all'
      : olderThan(head.idsSliceAt ?? head.idsCheckedAt, now, policy.idsSliceEveryMs)
        ? 'slice'
        : 'none';
  // The cache keeps what it holds when the window narrows or slides; only a wider one reads more.
  const widens = head.window !== undefined && (wanted === undefined || wanted.since < head.window.since);
  return {
    kind: 'incremental',
    directory,
    checkIds,
    ...(head.window && !widens ? { window: head.window } : {}),
    ...(widens && wanted ? { window: wanted } : {}),
    ...(widens ? { widenFrom: head.window!.since } : {}),
  };
}

export type DueReason = 'first scan' | 'resume' | 'marked' | 'periodic';

/**
 * Why the scheduler should queue a step for a project now, if at all: nothing cached yet, a scan that lost its
 * queue event, a product event marked something, or a search, directory read or ids slice is due.
 */
export function dueReason(
  state: { head?: ProjectHead; job?: Pick<ScanJob, 'savedAt'> },
  marked: boolean,
  now: Date,
  policy: ScanPolicy,
): DueReason | undefined {
  const { head, job } = state;
  if (job) return olderThan(job.savedAt, now, policy.resumeAfterMs) ? 'resume' : undefined;
  if (!head || head.partial) return 'first scan';
  if (marked) return 'marked';
  const periodic =
    olderThan(head.scannedAt, now, policy.searchEveryMs) ||
    olderThan(head.directoryAt, now, policy.directoryEveryMs) ||
    // The refresh after a full scan lists ids anyway (planJob); by itself, a slice is due daily.
    olderThan(head.idsSliceAt ?? head.idsCheckedAt ?? head.fullScanAt, now, policy.idsSliceEveryMs);
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

/** `updated >= "-Nm"` for the start of a read window, relative to Jira's clock like the refresh's search. */
export function updatedFromClause(since: string, now: Date): string {
  return `updated >= "-${minutesBefore(since, now)}m"`;
}

/** `updated < "-Nm"`: issues last updated before this instant. */
export function updatedBeforeClause(until: string, now: Date): string {
  return `updated < "-${minutesBefore(until, now)}m"`;
}

function minutesBefore(instant: string, now: Date): number {
  return Math.max(1, Math.ceil(differenceInMilliseconds(now, parseISO(instant)) / MINUTE));
}
