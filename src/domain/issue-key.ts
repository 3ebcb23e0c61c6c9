/** Jira issue keys (`PAY-123`): the project's key before the last dash, the issue's number after it. */

/** The project key of an issue key; the key itself when it has no dash. */
export function projectKeyOf(issueKey: string): string {
  const dash = issueKey.lastIndexOf('-');
  return dash > 0 ? issueKey.slice(0, dash) : issueKey;
}

/** The number in `KEY-123`; 0 for a key without one, so such issues sort first. */
export function issueNumber(issueKey: string): number {
  const number = Number(/-(\d+)$/.exec(issueKey)?.[1] ?? 0);
  return Number.isSafeInteger(number) ? number : 0;
}

/** Issue keys by project key, then by number: `PAY-9` before `PAY-10`, `MOB-*` before `PAY-*`. */
export function compareIssueKeys(a: string, b: string): number {
  const projectA = projectKeyOf(a);
  const projectB = projectKeyOf(b);
  return (projectA < projectB ? -1 : projectA > projectB ? 1 : 0) || issueNumber(a) - issueNumber(b);
}
