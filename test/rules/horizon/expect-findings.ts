import type { Finding, Severity } from '../../../src/domain/finding';
import type { AnyRule } from '../../../src/rules/types';

/** What a table case says about one finding; everything it states is checked strictly. */
export interface ExpectedFinding {
  /** `item:PLAT-61`, `sprint:52`. */
  subject: string;
  /** Defaults to the rule's own severity. */
  severity?: Severity;
  /** Fragments the message must contain, in any order. */
  message: string[];
  suggestion?: string[];
  /** What each evidence row points at, in order: its issue key, else `sprint:<id>`. */
  evidence: string[];
  /** Fragments of the evidence rows' `what`, in any row. */
  evidenceText?: string[];
  /** Evidence rows that must carry an action id. */
  actionIds?: string[];
  issueKeys?: string[];
  projectKeys?: string[];
}

export function subjectOf(finding: Finding): string {
  return `${finding.subject.type}:${finding.subject.id}`;
}

/** The findings must be exactly the expected ones (by subject), each as described. */
export function expectFindings(
  rule: AnyRule,
  findings: readonly Finding[],
  expected: readonly ExpectedFinding[],
): void {
  expect(findings.map(subjectOf).sort()).toEqual(expected.map((entry) => entry.subject).sort());
  for (const entry of expected) {
    const finding = findings.find((candidate) => subjectOf(candidate) === entry.subject)!;
    expect(finding.rule).toBe(rule.meta.id);
    expect(finding.severity).toBe(entry.severity ?? rule.meta.defaultSeverity);
    expect(finding.criteria).toEqual(rule.meta.criteria);
    for (const fragment of entry.message) expect(finding.message).toContain(fragment);
    for (const fragment of entry.suggestion ?? []) expect(finding.suggestion).toContain(fragment);
    expect(finding.evidence.map((row) => row.issueKey ?? `sprint:${row.sprintId}`)).toEqual(entry.evidence);
    const texts = finding.evidence.map((row) => row.what).join('\n');
    for (const fragment of entry.evidenceText ?? []) expect(texts).toContain(fragment);
    expect(finding.evidence.flatMap((row) => (row.actionId ? [row.actionId] : []))).toEqual(entry.actionIds ?? []);
    for (const row of finding.evidence) expect(Number.isNaN(Date.parse(row.at))).toBe(false);
    if (entry.issueKeys) expect(finding.issueKeys).toEqual(entry.issueKeys);
    if (entry.projectKeys) expect(finding.projectKeys).toEqual(entry.projectKeys);
  }
}
