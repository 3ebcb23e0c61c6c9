/**
 * Contract of the background scan (issue: scale). The scan reads a site into the key-value store in time-boxed,
 * resumable steps and refreshes it incrementally; audits and panels then work from the cache.
 */
import type { ReadProblem } from '../domain/model';
import type { JiraClient } from '../jira/client';
import type { SiteSnapshot } from '../jira/snapshot';
import type { KeyValueStore } from '../store/key-value';
import type { ScanPolicy } from './policy';

export interface ScanStepOptions {
  /** Stop starting new requests after this long; the step checkpoints and says what is left (Forge consumers get 900 s). */
  timeBudgetMs: number;
  now: () => Date;
  /**
   * Start a full scan even though the cache is complete (`full`), or a refresh (`incremental`, the default once a
   * complete scan exists and none is due by the policy). Ignored while a scan is in progress: it is finished first.
   */
  kind?: 'full' | 'incremental';
  /** List ids now to drop deleted and moved issues, rather than on the policy's cadence. */
  checkDeleted?: boolean;
  /**
   * The project's audit window in days: the scan reads issues updated in it with their histories and comments,
   * open issues of before with their fields only, and closed ones of before not at all (see ProjectHead.window).
   * Absent: every issue with its whole history.
   */
  windowDays?: number;
  /** Groups to read besides the role-actor groups: those the role mapping names. */
  groups?: string[];
  policy?: Partial<ScanPolicy>;
  /** Waits while Jira says the points budget is nearly spent; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ScanStepResult {
  projectKey: string;
  /** True when the project is fully read (or refreshed) and its cache is consistent; false: enqueue another step. */
  done: boolean;
  kind: 'full' | 'incremental';
  /** Another step of this project holds the lease right now; nothing was done. */
  busy?: boolean;
  /** This step made the first stage of a staged first scan visible (ProjectHead.partial): it can be audited now. */
  staged?: boolean;
  /** Issues written (created or replaced) in this step. */
  issuesWritten: number;
  problems: ReadProblem[];
  /** What this step cost in Jira requests and rate-limit points (from the client's counters). */
  requests: number;
  points: number;
  /** Time spent waiting because Jira said the points budget was nearly spent. */
  pausedMs: number;
}

export interface ScanFreshness {
  projectKey: string;
  /** When the last complete scan or refresh started reading (what the next `updated >=` starts from). */
  scannedAt?: string;
  issues: number;
  complete: boolean;
  fullScanAt?: string;
  /** A scan of this kind is under way (a complete earlier result stays readable meanwhile)… */
  scanning?: 'full' | 'incremental';
  /** …and its checkpoint was last saved then. */
  scanSavedAt?: string;
  /**
   * The last step that failed since the last scan that completed: when, why, and whether the scan was given up.
   * The previous complete result stays readable either way.
   */
  lastFailure?: ScanFailure;
}

export interface ScanFailure {
  at: string;
  kind: 'full' | 'incremental';
  message: string;
  /** The scan was abandoned after too many failed steps (or because what it read could not replace the cache). */
  abandoned: boolean;
}

/** What the rest of the app uses: scan a project a step at a time, and read the cached site. */
export interface SiteScanner {
  step(client: JiraClient, store: KeyValueStore, projectKey: string, options: ScanStepOptions): Promise<ScanStepResult>;
  freshness(store: KeyValueStore, projectKey: string): Promise<ScanFreshness>;
  /** The cached site for these projects (all complete ones when absent) in the snapshot format, for normalise + audit. */
  cachedSnapshot(store: KeyValueStore, projectKeys?: string[]): Promise<SiteSnapshot | undefined>;
}
