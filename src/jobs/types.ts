import type { JiraClient } from '../jira/client';
import type { ScanPolicy, SiteScanner } from '../scan';
import type { KeyValueStore } from '../store/key-value';

/** Work on the scan queue. Bodies are plain JSON: Forge carries them as async event bodies. */
export type Job =
  /** One time-boxed step of a project's scan; re-queued until the scan is done. */
  | { type: 'scan'; projectKey: string; kind?: 'full' | 'incremental'; checkDeleted?: boolean }
  /**
   * Audit the cached site and store each project's report and weekly summary; with a view (registered in the store,
   * named by its id so that the event stays small whatever the viewer may browse), only its projects.
   */
  | { type: 'audit'; viewId?: string };

export interface JobQueue {
  push(jobs: Job | Job[], options?: { delaySeconds?: number }): Promise<void>;
}

/** What the scheduled trigger, the queue consumer and the product-event trigger need. */
export interface JobServices {
  /** Jira as the app: the cache is shared by every viewer, so it is read with the app's own permissions. */
  jira(): JiraClient;
  store: KeyValueStore;
  queue: JobQueue;
  scanner: SiteScanner;
  now: () => Date;
  /** How long one scan step may keep starting requests: the consumer's time limit minus room to save. */
  stepBudgetMs: number;
  policy?: Partial<ScanPolicy>;
  sleep?: (ms: number) => Promise<void>;
}
