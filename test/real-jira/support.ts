import { resolve } from 'node:path';
import { auditSite } from '../../src/audit';
import { defaultConfig } from '../../src/config/defaults';
import type { Site } from '../../src/domain/model';
import type { ExpectedCounts, ImportResult } from '../../src/jira/import';
import { normaliseSite } from '../../src/jira/normalise';
import type { RestIssue, SiteSnapshot } from '../../src/jira/snapshot';

/** The real data sets (`shared/real-jira/`), beside the repository. */
export const REAL_JIRA = process.env.REAL_JIRA_DIR ?? resolve(__dirname, '../../../shared/real-jira');

/** The same figures as `ExpectedCounts`, read from a snapshot. */
export function snapshotCounts(snapshot: SiteSnapshot): ExpectedCounts {
  const histories = snapshot.issues.flatMap((issue) => issue.changelog?.histories ?? []);
  return {
    issues: new Set(snapshot.issues.map((issue) => issue.key)).size,
    histories: histories.length,
    historyItems: histories.reduce((sum, history) => sum + history.items.length, 0),
    comments: snapshot.issues.reduce((sum, issue) => sum + commentsOf(issue).length, 0),
    sprints: new Set(Object.values(snapshot.sprints).flatMap((sprints) => sprints.map((sprint) => sprint.id))).size,
    boards: snapshot.boards.length,
    projects: snapshot.projects.length,
    users: snapshot.users.length,
    fields: snapshot.fields.length,
  };
}

export function commentsOf(issue: RestIssue): Array<Record<string, unknown>> {
  const comment = issue.fields.comment as { comments?: Array<Record<string, unknown>> } | undefined;
  return comment?.comments ?? [];
}

export function issueByKey(snapshot: SiteSnapshot, key: string): RestIssue {
  const issue = snapshot.issues.find((candidate) => candidate.key === key);
  if (!issue) throw new Error(`${key} is not in the snapshot`);
  return issue;
}

/**
 * What "nothing dropped silently" means for a normalised site: one item per issue, one change action per history
 * and one comment action per comment — except those the normaliser lists in `problems` — and every sprint kept.
 */
export function expectNothingDroppedSilently(site: Site, expected: ExpectedCounts): void {
  const count = (kind: string): number => site.actions.filter((action) => action.kind === kind).length;
  const problems = (scope: string): number => site.problems.filter((problem) => problem.scope === scope).length;
  expect(site.items).toHaveLength(expected.issues);
  expect(count('create')).toBe(expected.issues);
  expect(count('change')).toBe(expected.histories - problems('history'));
  expect(count('comment')).toBe(expected.comments - problems('comment'));
  expect(site.sprints).toHaveLength(expected.sprints);
  expect(site.boards).toHaveLength(expected.boards);
  expect(site.projects).toHaveLength(expected.projects);
}

/** Every person an action or item names is one of the site's people, with the name the data gives. */
export function expectPeopleResolved(site: Site): void {
  const people = new Map(site.people.map((person) => [person.accountId, person]));
  const named = [
    ...site.actions.map((action) => action.authorId),
    ...site.items.flatMap((item) => [item.assigneeId, item.reporterId, item.creatorId]),
  ].filter((id): id is string => id !== undefined);
  const unresolved = named.filter(
    (id) => people.get(id) === undefined || people.get(id)?.displayName === 'Unknown user',
  );
  expect([...new Set(unresolved)]).toEqual([]);
}

/** The whole audit over data nobody here wrote: it must run, and its coverage must count what the files hold. */
export function expectAuditCovers(result: ImportResult): void {
  const site = normaliseSite(result.snapshot);
  // The export's capture time is the latest activity in it, so no action comes after the audit's now; the window
  // reaches back to the first action, so all of the history is judged.
  const now = new Date(result.snapshot.capturedAt ?? '');
  const first = site.actions.reduce((min, action) => (action.at < min ? action.at : min), now.toISOString());
  const days = Math.ceil((now.getTime() - new Date(first).getTime()) / 86_400_000) + 1;
  const report = auditSite(site, { ...defaultConfig(), auditWindowDays: days }, { now });
  expect(report.coverage).toMatchObject({
    issues: result.expected.issues,
    actions: result.expected.issues + result.expected.histories + result.expected.comments,
    projects: result.snapshot.projects.length,
    actionsBeforeWindow: 0,
    actionsAfterNow: 0,
    unread: [],
  });
  expect(report.coverage.actionsInWindow + report.coverage.repeatedMoves).toBe(report.coverage.actions);
  for (const finding of report.findings) {
    expect(finding.criteria.length).toBeGreaterThan(0);
    expect(finding.message).not.toMatch(/undefined|NaN|\[object Object\]/);
  }
  const counted = report.people.reduce(
    (sum, person) => sum + person.counts.strategic + person.counts.tactical + person.counts.neutral,
    0,
  );
  const repeats = report.coverage.repeatedMoves;
  expect(counted).toBe(site.actions.filter((action) => action.authorId !== undefined).length - repeats);
}
