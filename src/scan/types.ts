/**
 * Contract of the background scan (issue: scale). The scan reads a site into the key-value store in time-boxed,
 * resumable steps and refreshes it incrementally; audits and panels then work from the cache.
 */
import type { ReadProblem } from '../domain/model';
import type { JiraClient } from '../jira/client';
import type { SiteSnapshot } from '../jira/snapshot';
import type { KeyValueStore } from '../store/key-value';

export interface ScanStepOptions {
  /** Stop starting new requests after this long; the step checkpoints and says what is left (Forge consumers get 900 s). */
  timeBudgetMs: number;
  now: () => Date;
}

export interface ScanStepResult {
  projectKey: string;
  /** True when the project is fully read (or refreshed) and its cache is consistent; false: enqueue another step. */
  done: boolean;
  kind: 'full' | 'incremental';
  /** Issues written (created or replaced) in this step. */
  issuesWritten: number;
  problems: ReadProblem[];
}

export interface ScanFreshness {
  projectKey: string;
  /** Jira's clock when the last complete scan or refresh started (what the next `updated >=` starts from). */
  scannedAt?: string;
  issues: number;
  complete: boolean;
}

/** What the rest of the app uses: scan a project a step at a time, and read the cached site. */
export interface SiteScanner {
  step(client: JiraClient, store: KeyValueStore, projectKey: string, options: ScanStepOptions): Promise<ScanStepResult>;
  freshness(store: KeyValueStore, projectKey: string): Promise<ScanFreshness>;
  /** The cached site for these projects (all complete ones when absent) in the snapshot format, for normalise + audit. */
  cachedSnapshot(store: KeyValueStore, projectKeys?: string[]): Promise<SiteSnapshot | undefined>;
}
