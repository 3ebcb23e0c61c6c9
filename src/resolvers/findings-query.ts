/**
 * Paging and filtering of a roadmap view's findings, for getFindings: a big site's findings do not fit in one
 * resolver answer (Forge caps one at 5 MB). Pure, and shared with the Custom UI so a page filtered in the browser
 * and one filtered on the server list the same findings.
 */
import type { FindingPage, FindingQuery, FlagCounts } from './api';
import type { RoadmapItemSummary } from '../audit/report';
import { countBySeverity, type Finding } from '../domain/finding';

/** Findings getRoadmap sends with the view; getFindings pages the rest. */
export const FINDINGS_PAGE_SIZE = 250;
/** The most findings one getFindings answer holds (about 0.6 MB at 1.2 kB a finding). */
export const MAX_FINDINGS_PAGE = 500;
/** The owner filter's value for roadmap items nobody owns (no account id looks like it). */
export const NO_OWNER = '(none)';

/**
 * Whether a finding matches every field the query sets. A finding matches an owner when it is about that person
 * or about one of the roadmap items they own (NO_OWNER: one of the items nobody owns); a finding about a person
 * matches that person only, whatever items its evidence names. It matches an issue key when it names that issue.
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
      (finding.subject.type === 'person'
        ? finding.subject.id === ownerId
        : finding.issueKeys.some((key) => owned.has(key))));
}

/**
 * One page of the findings matching the query, in the order given. The limit is clamped to 1..MAX_FINDINGS_PAGE
 * and a negative offset read as 0; an offset past the end gives an empty page.
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
  };
}

/**
 * How many findings each filter choice lists (findingFilter's tests, counted in one pass): by rule, severity,
 * project and owner. A finding drawing on two projects counts in both, as each project's page lists it; a finding
 * naming several items of one owner counts once for them; a finding about a person counts on that person alone.
 */
export function countFlags(findings: readonly Finding[], items: readonly RoadmapItemSummary[]): FlagCounts {
  const ownerOf = new Map(items.map((item) => [item.key, item.ownerId ?? NO_OWNER]));
  const byRule: Record<string, number> = {};
  const byProject: Record<string, number> = {};
  const byOwner: Record<string, number> = {};
  const add = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const finding of findings) {
    add(byRule, finding.rule);
    for (const projectKey of new Set(finding.projectKeys)) add(byProject, projectKey);
    const owners =
      finding.subject.type === 'person'
        ? [finding.subject.id]
        : finding.issueKeys.flatMap((key) => {
            const owner = ownerOf.get(key);
            return owner === undefined ? [] : [owner];
          });
    for (const owner of new Set(owners)) add(byOwner, owner);
  }
  return { total: findings.length, bySeverity: countBySeverity(findings), byRule, byProject, byOwner };
}
