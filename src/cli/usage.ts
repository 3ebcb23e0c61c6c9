import type { UsageCounters } from '../jira/client';
import type { SiteRead } from '../jira/read-site';

export function describeUsage(usage: UsageCounters): string {
  const extras = [
    usage.retries > 0 ? `${usage.retries} retried` : '',
    usage.throttled > 0 ? `${usage.throttled} answered 429` : '',
    usage.serverErrors > 0 ? `${usage.serverErrors} answered 5xx or bad JSON` : '',
    usage.networkErrors > 0 ? `${usage.networkErrors} network failures` : '',
  ].filter(Boolean);
  return `${usage.requests} requests, ${usage.points} rate-limit points${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

export function describeRead({ snapshot, problems }: SiteRead): string {
  const histories = snapshot.issues.reduce((sum, issue) => sum + (issue.changelog?.histories.length ?? 0), 0);
  const comments = snapshot.issues.reduce(
    (sum, issue) => sum + ((issue.fields.comment as { comments?: unknown[] } | undefined)?.comments?.length ?? 0),
    0,
  );
  const sprints = Object.values(snapshot.sprints).reduce((sum, list) => sum + list.length, 0);
  const lines = [
    `${snapshot.projects.length} projects, ${snapshot.boards.length} boards, ${sprints} sprints, ${snapshot.issues.length} issues, ${histories} change histories, ${comments} comments, ${snapshot.users.length} people`,
  ];
  for (const problem of problems) lines.push(`could not read ${problem.scope} ${problem.ref}: ${problem.message}`);
  return lines.join('\n');
}
