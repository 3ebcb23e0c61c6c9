import type { JiraClient } from '../jira/client';
import type { KeyValueStore } from '../store/key-value';

/**
 * What resolvers need from the outside world. Forge provides it in production (Jira as the viewing user, KVS);
 * the local preview and tests provide stand-ins. The resolver code is the same in both.
 */
export interface AppServices {
  /** Jira as the person looking at the panel, so Jira's own permissions decide what they see. */
  jiraAsUser(): JiraClient;
  /**
   * Jira as the app, for what Jira shows only to admins (project roles, group members); used only for projects
   * the user's own read already listed.
   */
  jiraAsApp(): JiraClient;
  store: KeyValueStore;
  now: () => Date;
  /**
   * Has the background audit run now rather than at the scheduler's next run (up to 5 minutes away), after a change
   * of what the stored reports rest on: new settings, an import, a refresh. Forge queues the job; the preview runs it.
   */
  requestAudit?: () => Promise<void>;
}

/** Who is asking and from where, as @forge/resolver passes it (`context`). */
export interface CallerContext {
  accountId?: string;
  moduleKey?: string;
  extension?: unknown;
}
