import { classifySite } from '../../../src/audit/index-site';
import { DEFAULT_THRESHOLDS } from '../../../src/criteria';
import type { Finding, Severity } from '../../../src/domain/finding';
import type { Site } from '../../../src/domain/model';
import { NOW } from '../harness';

/** What a case expects of one finding; messages are checked by fragments so wording can improve without churn. */
export interface Expected {
  id: string;
  severity: Severity;
  message: string[];
  suggestion?: string[];
  /** Evidence issue keys, in order. */
  evidence: string[];
  criteria?: string[];
}

export function expectFindings(findings: readonly Finding[], expected: readonly Expected[]): void {
  expect(findings.map((finding) => finding.id).sort()).toEqual(expected.map((entry) => entry.id).sort());
  for (const entry of expected) {
    const finding = findings.find((candidate) => candidate.id === entry.id) as Finding;
    expect(finding.severity).toBe(entry.severity);
    for (const fragment of entry.message) expect(finding.message).toContain(fragment);
    for (const fragment of entry.suggestion ?? []) expect(finding.suggestion).toContain(fragment);
    expect(finding.evidence.map((evidence) => evidence.issueKey)).toEqual(entry.evidence);
    for (const id of entry.criteria ?? []) expect(finding.criteria).toContain(id);
  }
}

/** The classifier's confidence for one action of a site, so threshold cases sit exactly on the boundary. */
export function confidenceOf(target: Site, actionId: string): number {
  const found = classifySite(
    target,
    () => ({ until: NOW }),
    () => DEFAULT_THRESHOLDS,
  ).find((entry) => entry.action.id === actionId);
  if (!found) throw new Error(`no action ${actionId}`);
  return found.classification.confidence;
}
