import { auditSite, type AuditReport } from '../../src/audit';
import { DEMO_PLANTED, demoConfig, generateDemoSite, type PlantedCase } from '../../src/dev/demo';
import type { Finding } from '../../src/domain/finding';
import { normaliseSite } from '../../src/jira/normalise';

/** The answer key: every planted problem found by its rule, no clean control flagged, nothing unplanned raised. */
const snapshot = generateDemoSite();
const report: AuditReport = auditSite(normaliseSite(snapshot), demoConfig(), { now: new Date(snapshot.capturedAt!) });

function concerns(finding: Finding, planted: PlantedCase): boolean {
  if (finding.rule !== planted.rule || finding.subject.type !== planted.subject.type) return false;
  const wanted = planted.subject.key ?? planted.subject.id;
  return finding.subject.id === wanted || finding.subject.key === wanted;
}

const problems = DEMO_PLANTED.filter((planted) => planted.kind === 'problem');
const controls = DEMO_PLANTED.filter((planted) => planted.kind === 'control');

describe('auditing the demo site', () => {
  it('is set up: every project with work has someone mapped, so no set-up finding', () => {
    expect(report.findings.filter((finding) => finding.rule === 'owner/role-mapping-missing')).toEqual([]);
  });

  it('has an answer key covering every rule', () => {
    expect(new Set(problems.map((planted) => planted.rule)).size).toBe(13);
    expect(new Set(controls.map((planted) => planted.rule)).size).toBe(13);
  });

  it.each(problems.map((planted) => [planted.id, planted] as const))('finds %s', (_, planted) => {
    const found = report.findings.filter((finding) => concerns(finding, planted));
    expect(found.length).toBeGreaterThan(0);
    for (const finding of found) {
      expect(finding.criteria.length).toBeGreaterThan(0);
      expect(finding.evidence.length).toBeGreaterThan(0);
      expect(finding.message.length).toBeGreaterThan(20);
      expect(finding.suggestion.length).toBeGreaterThan(20);
    }
  });

  it.each(controls.map((planted) => [planted.id, planted] as const))('leaves the control %s alone', (_, planted) => {
    const flagged = report.findings.filter((finding) => concerns(finding, planted) && finding.severity !== 'info');
    expect(flagged.map((finding) => finding.message)).toEqual([]);
  });

  it('raises nothing that is not planted (information about declared combined-role teams aside)', () => {
    const unplanned = report.findings.filter(
      (finding) =>
        !problems.some((planted) => concerns(finding, planted)) &&
        !(finding.severity === 'info' && finding.rule === 'overlap/dual-role'),
    );
    expect(
      unplanned.map((finding) => `${finding.rule} ${finding.subject.key ?? finding.subject.id}: ${finding.message}`),
    ).toEqual([]);
  });

  it('reports the combined-role team as information, not as a violation', () => {
    const dual = report.findings.filter(
      (finding) => finding.rule === 'overlap/dual-role' && finding.projectKeys.includes('GRO'),
    );
    expect(dual.length).toBeGreaterThan(0);
    expect(dual.every((finding) => finding.severity === 'info')).toBe(true);
    expect(dual[0]!.message).toContain('combined-role');
  });

  it('covers the whole site', () => {
    const histories = snapshot.issues.reduce((sum, issue) => sum + (issue.changelog?.histories.length ?? 0), 0);
    const comments = snapshot.issues.reduce(
      (sum, issue) => sum + ((issue.fields.comment as { comments?: unknown[] }).comments?.length ?? 0),
      0,
    );
    expect(report.coverage).toMatchObject({
      projects: snapshot.projects.length,
      issues: snapshot.issues.length,
      actions: snapshot.issues.length + histories + comments,
      unread: [],
    });
  });
});
