import { projectKeyOf } from '../domain/issue-key';
import { markBoard, markIssue } from '../scan';
import type { JobServices } from './types';

/** The product events the app subscribes to (manifest.yml), and what each marks for the next refresh. */
export const ISSUE_EVENTS = ['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:commented:issue'] as const;
export const DELETED_ISSUE_EVENT = 'avi:jira:deleted:issue';
export const SPRINT_EVENTS = [
  'avi:jira-software:created:sprint',
  'avi:jira-software:started:sprint',
  'avi:jira-software:updated:sprint',
  'avi:jira-software:closed:sprint',
  'avi:jira-software:deleted:sprint',
] as const;
export const PRODUCT_EVENTS: readonly string[] = [...ISSUE_EVENTS, DELETED_ISSUE_EVENT, ...SPRINT_EVENTS];

export type EventMark =
  | { marked: 'issue' | 'deleted issue'; projectKey: string; issueKey: string }
  | { marked: 'board'; boardId: number }
  | { marked: 'nothing'; why: string };

/**
 * Marks what a product event says changed, without reading Jira: an issue of a project (created, edited,
 * commented, deleted) or a board's sprints. The scheduler then refreshes only marked projects between its
 * periodic safety searches, a refresh re-reads the marked boards' sprints, and deleted issues leave the cache
 * without an ids listing. Payloads are read loosely; an event without what a mark needs is ignored.
 */
export async function recordProductEvent(
  event: unknown,
  services: Pick<JobServices, 'store' | 'now'>,
): Promise<EventMark> {
  const payload = record(event);
  const eventType = text(payload?.eventType);
  const at = services.now().toISOString();
  if (eventType && (SPRINT_EVENTS as readonly string[]).includes(eventType)) {
    const sprint = record(payload?.sprint);
    const boardId = Number(sprint?.originBoardId ?? record(sprint?.board)?.id);
    if (!Number.isInteger(boardId)) return { marked: 'nothing', why: 'sprint event without an origin board' };
    await markBoard(services.store, { boardId, at });
    return { marked: 'board', boardId };
  }
  if (eventType && (eventType === DELETED_ISSUE_EVENT || (ISSUE_EVENTS as readonly string[]).includes(eventType))) {
    const issue = record(payload?.issue);
    const issueId = text(issue?.id);
    const issueKey = text(issue?.key);
    const projectKey =
      text(record(record(issue?.fields)?.project)?.key) ?? (issueKey ? projectKeyOf(issueKey) : undefined);
    if (!issueId || !issueKey || !projectKey)
      return { marked: 'nothing', why: 'issue event without the issue id, key or project' };
    const deleted = eventType === DELETED_ISSUE_EVENT;
    await markIssue(services.store, projectKey, { kind: deleted ? 'deleted' : 'changed', issueId, issueKey, at });
    return { marked: deleted ? 'deleted issue' : 'issue', projectKey, issueKey };
  }
  return { marked: 'nothing', why: `event ${eventType ?? '(no type)'} is not one the scan follows` };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}
