import type { Suppression } from '../config/types';
import { compareFindings } from '../domain/finding';
import type { AuditReport } from './index';

/** Whether a suppression hides its finding at `now`: an acceptance always, a snooze until its day begins (UTC). */
export function suppressionInForce(suppression: Suppression, now: Date): boolean {
  return suppression.until === undefined || now.toISOString().slice(0, 10) < suppression.until;
}

/**
 * The report with the acceptances and snoozes in force at `now` applied, whatever were in force when it was made:
 * accepting, snoozing or restoring a finding shows at once, without a new audit, and a snooze past its day brings
 * its finding back by itself. Roadmap items stop counting the findings hidden.
 */
export function withAcceptances(report: AuditReport, suppressions: readonly Suppression[], now: Date): AuditReport {
  const inForce = new Map(
    suppressions.filter((suppression) => suppressionInForce(suppression, now)).map((entry) => [entry.findingId, entry]),
  );
  const every = [...report.findings, ...report.suppressed.map((entry) => entry.finding)];
  const findings = every.filter((finding) => !inForce.has(finding.id)).sort(compareFindings);
  const suppressed = every
    .flatMap((finding) => {
      const suppression = inForce.get(finding.id);
      return suppression ? [{ finding, suppression }] : [];
    })
    .sort((a, b) => compareFindings(a.finding, b.finding));
  return {
    ...report,
    findings,
    suppressed,
    roadmapItems: report.roadmapItems.map((item) => ({
      ...item,
      findings: item.findings.filter((id) => !inForce.has(id)),
    })),
  };
}
