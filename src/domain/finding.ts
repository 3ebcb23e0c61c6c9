import type { CriteriaId } from '../criteria';
import type { Instant } from './model';

export type Severity = 'info' | 'warning' | 'error';

export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

export interface FindingSubject {
  type: 'person' | 'item' | 'sprint' | 'project' | 'site';
  /** Account id, issue key, sprint id, project key, or the site's base URL. */
  id: string;
  key?: string;
  name?: string;
}

/** One Jira fact behind a finding: about an issue, or about a sprint alone (its dates) when no issue carries it. */
export interface FindingEvidence {
  issueKey?: string;
  sprintId?: number;
  actionId?: string;
  at: Instant;
  what: string;
}

export interface Finding {
  /** Stable across runs for the same rule and subject, so a finding can be accepted (suppressed) by id. */
  id: string;
  rule: string;
  severity: Severity;
  subject: FindingSubject;
  issueKeys: string[];
  /** Projects the finding draws on: a viewer must be able to browse all of them to see it. */
  projectKeys: string[];
  criteria: CriteriaId[];
  message: string;
  evidence: FindingEvidence[];
  suggestion: string;
  /**
   * The finding rests on roles nobody confirmed (inferred from people's decisions): it may go away once the role
   * mapping is set up, so it ranks below confirmed findings.
   */
  provisional?: boolean;
}

/** How many findings there are of each severity, every severity named (0 when none). */
export function countBySeverity(findings: readonly Pick<Finding, 'severity'>[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** When a finding last had evidence: the latest of its evidence's instants ('' with none). */
export function latestEvidence(finding: Pick<Finding, 'evidence'>): string {
  let latest = '';
  for (const { at } of finding.evidence) if (at > latest) latest = at;
  return latest;
}

/**
 * Report order, the server's and the panels' alike: confirmed before provisional (resting on inferred roles), then
 * most severe first, then most recent evidence first, then by rule and id (compared by code unit, not by locale, so
 * that every runtime agrees).
 */
export function compareFindings(
  a: Pick<Finding, 'severity' | 'rule' | 'id' | 'provisional' | 'evidence'>,
  b: Pick<Finding, 'severity' | 'rule' | 'id' | 'provisional' | 'evidence'>,
): number {
  const recentA = latestEvidence(a);
  const recentB = latestEvidence(b);
  return (
    Number(a.provisional === true) - Number(b.provisional === true) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (recentA > recentB ? -1 : recentA < recentB ? 1 : 0) ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
