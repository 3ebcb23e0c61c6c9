import { PagingError } from './api/paging';
import { JiraError } from './client';

/**
 * What a failed Jira call means to its caller, whatever the caller does about it:
 * - `denied`: 401 or 403, not signed in or not allowed (Jira answers 401 for project roles the caller may not
 *   administer);
 * - `rate-limited`: 429 beyond the client's wait budget;
 * - `unavailable`: 5xx, network failures and unreadable bodies after every try, and paging that does not move on;
 * - `not-found`: 404;
 * - `refused`: any other 4xx about the request itself;
 * - `unexpected`: any other answer Jira gave.
 * Anything that is not a Jira failure (a bug, a bad configuration) is `undefined`.
 */
export type JiraFailure = 'denied' | 'rate-limited' | 'unavailable' | 'not-found' | 'refused' | 'unexpected';

export function classifyJiraFailure(error: unknown): JiraFailure | undefined {
  if (error instanceof PagingError) return 'unavailable';
  if (!(error instanceof JiraError)) return undefined;
  if (error.status === 429) return 'rate-limited';
  if (error.transient) return 'unavailable';
  if (error.status === 401 || error.status === 403) return 'denied';
  if (error.status === 404) return 'not-found';
  if (error.status >= 400 && error.status < 500) return 'refused';
  return 'unexpected';
}

/** The answer of a lookup by id or key, or undefined where Jira says it is missing or not the caller's to see (404). */
export async function orNotFound<T>(call: Promise<{ body: T }>): Promise<T | undefined> {
  try {
    return (await call).body;
  } catch (error) {
    if (classifyJiraFailure(error) === 'not-found') return undefined;
    throw error;
  }
}
