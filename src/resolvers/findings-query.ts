/**
 * Paging and filtering of a roadmap view's findings, for getFindings: a big site's findings do not fit in one
 * resolver answer (Forge caps one at 5 MB). Pure, and shared with the Custom UI so a page filtered in the browser
 * and one filtered on the server list the same findings.
 */
import type { FindingPage, FindingQuery } from './api';
import type { RoadmapItemSummary } from '../audit/report';
import { SEVERITIES, type Finding } from '../domain/finding';

/** Findings getRoadmap sends with the view; getFindings pages the rest. */
export const FINDINGS_PAGE_SIZE = 250;
/** The most findings one getFindings answer holds (about 0.6 MB at 1.2 kB a finding). */
export const MAX_FINDINGS_PAGE = 500;
/** The owner filter's value for roadmap items nobody owns (no account id looks like it). */
export const NO_OWNER = '(none)';

/**
 * Whether a finding matches every field the query sets. A finding matches an owner when it is about that person
 * or about one of the roadmap items they own (NO_OWNER: one of the items nobody owns); an issue key when the
 * finding names that issue.
 */
export function findingFilter(
  items: readonly RoadmapItemSummary[],
  query: FindingQuery,
): (finding: Finding) => boolean {
  const { projectKey, rule, severity, ownerId, issueKey } = query;
  const owned =
    ownerId === undefined
      ? undefined
      : new Set(
          items
            .filter((item) => (ownerId === NO_OWNER ? item.ownerId === undefined : item.ownerId === ownerId))
            .map((item) => item.key),
        );
  return (finding) =>
    (projectKey === undefined || finding.projectKeys.includes(projectKey)) &&
    (rule === undefined || finding.rule === rule) &&
    (severity === undefined || finding.severity === severity) &&
    (issueKey === undefined || finding.issueKeys.includes(issueKey)) &&
    (owned === undefined ||
      (finding.subject.type === 'person' && finding.subject.id === ownerId) ||
      finding.issueKeys.some((key) => owned.has(key)));
}

/**
 * One page of the findings matching the query, in the order given. The limit is clamped to 1..MAX_FINDINGS_PAGE
 * and a negative offset read as 0; an offset past the end gives an empty page. The counts are over all the
 * findings given, whatever the query, so filter controls can say how many each choice holds.
 */
export function queryFindings(
  findings: readonly Finding[],
  items: readonly RoadmapItemSummary[],
  query: FindingQuery,
  offset: number,
  limit: number,
): FindingPage {
  const start = Number.isFinite(offset) ? Math.max(0, Math.floor(offset)) : 0;
  const size = Number.isFinite(limit) ? Math.min(MAX_FINDINGS_PAGE, Math.max(1, Math.floor(limit))) : 1;
  const matches = findings.filter(findingFilter(items, query));
  return {
    findings: matches.slice(start, start + size),
    total: matches.length,
    offset: start,
    counts: countFindings(findings),
  };
}

function countFindings(findings: readonly Finding[]): FindingPage['counts'] {
  const byRule: Record<string, number> = {};
  const bySeverity: Record<string, number> = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0]));
  for (const finding of findings) {
    byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
    bySeverity[finding.severity] = (bySeverity[finding.severity] ?? 0) + 1;
  }
  return { byRule, bySeverity };
}
