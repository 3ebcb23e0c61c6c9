/**
 * Roles people would agree with, and set-up before judgement, on real sites with no role mapping.
 * @needs-shared real-jira/appcelerator-tidev.tgz real-jira/devlake
 */
import { join } from 'node:path';
import { auditSite, type AuditReport } from '../../src/audit';
import { defaultConfig } from '../../src/config/defaults';
import type { Site } from '../../src/domain/model';
import { loadAppcelerator, loadDevlake, type ImportResult } from '../../src/jira/import';
import { normaliseSite } from '../../src/jira/normalise';
import { REAL_JIRA } from './support';

function auditUnmapped(result: ImportResult): { site: Site; report: AuditReport } {
  const site = normaliseSite(result.snapshot);
  const latest = site.actions.reduce((max, action) => (action.at > max ? action.at : max), '');
  return { site, report: auditSite(site, defaultConfig(), { now: new Date(latest) }) };
}

const byRule = (report: AuditReport, rule: string) => report.findings.filter((finding) => finding.rule === rule);

function proposed(report: AuditReport, projectKey: string, role: 'pm' | 'po'): string[] {
  const project = report.projects.find((entry) => entry.key === projectKey);
  return (project?.proposedRoles?.[role] ?? []).map((holder) => holder.accountId);
}

describe('Appcelerator with no role mapping', () => {
  let site: Site;
  let report: AuditReport;
  beforeAll(() => {
    ({ site, report } = auditUnmapped(loadAppcelerator(join(REAL_JIRA, 'appcelerator-tidev.tgz'))));
  }, 240_000);

  it('opens on one set-up finding about the mapping, not one per project and role', () => {
    expect(byRule(report, 'owner/role-mapping-missing')).toHaveLength(1);
    expect(byRule(report, 'owner/project-missing-role')).toEqual([]);
    const [setUp] = byRule(report, 'owner/role-mapping-missing');
    expect(setUp?.projectKeys).toEqual(['AC', 'ALOY', 'DAEMON', 'MOD', 'TIMOB']);
  });

  it('proposes the people who made hundreds of decisions (no share of all actions holds them back)', () => {
    // Each made hundreds of tactical decisions in TIMOB, yet decisions are under a quarter of their actions.
    for (const accountId of ['hansknoechel', 'ingo', 'cbarber']) {
      expect(proposed(report, 'TIMOB', 'po')).toContain(accountId);
      const person = report.people.find((entry) => entry.accountId === accountId);
      const { strategic, tactical, neutral } = person!.counts;
      expect((strategic + tactical) / (strategic + tactical + neutral)).toBeLessThan(0.25);
    }
    expect(proposed(report, 'ALOY', 'po')).toContain('tlukasavage');
    const [setUp] = byRule(report, 'owner/role-mapping-missing');
    expect(setUp?.message).toMatch(/TIMOB: PO Lee Morris \(\d+ backlog decisions\), Hans Knöchel \(\d+\)/u);
  });

  it('infers no role for anyone who only comments, and names what each inferred role rests on', () => {
    const created = new Set(site.actions.filter((action) => action.kind === 'create').map((action) => action.authorId));
    const inferred = report.people.filter((person) => person.roleScope === 'inferred');
    expect(inferred.length).toBeGreaterThan(0);
    for (const person of inferred) {
      expect(created.has(person.accountId)).toBe(true);
      expect(person.inferredFrom?.length).toBeGreaterThan(0);
      for (const evidence of person.inferredFrom ?? []) expect(evidence.decisions).toBeGreaterThanOrEqual(5);
    }
    // The three "PMs" of old were community users whose comments hit keywords: a handful of decisions each.
    for (const accountId of ['astjohn', 'allenhartwig', 'casevictor'])
      expect(report.people.find((person) => person.accountId === accountId)?.roleScope).toBe('none');
  });

  it('ranks findings that rest on inferred roles below the confirmed ones', () => {
    const firstProvisional = report.findings.findIndex((finding) => finding.provisional);
    expect(firstProvisional).toBeGreaterThan(0);
    expect(report.findings.slice(firstProvisional).every((finding) => finding.provisional)).toBe(true);
    const sprintFindings = byRule(report, 'owner/sprint-without-po');
    expect(sprintFindings.every((finding) => finding.provisional)).toBe(true);
  });
});

describe('devlake with no role mapping', () => {
  let report: AuditReport;
  beforeAll(() => {
    ({ report } = auditUnmapped(loadDevlake(join(REAL_JIRA, 'devlake'))));
  });

  it('no longer says a sprint’s managers are no Product Owner while the people table lists them as PO', () => {
    const sprintFindings = byRule(report, 'owner/sprint-without-po');
    expect(sprintFindings.map((finding) => finding.subject.name)).not.toContain('EE Sprint 7');
    for (const finding of sprintFindings) {
      const project = finding.projectKeys[0]!;
      const pos = report.people.filter((person) =>
        person.inferredFrom?.some((entry) => entry.role === 'po' && entry.projectKey === project),
      );
      for (const po of pos) expect(finding.message).not.toContain(`${po.displayName} (`);
    }
  });

  it('says when a finding rests on an inferred role, and proposes the mapping from decisions', () => {
    const [k5] = byRule(report, 'owner/sprint-without-po');
    expect(k5).toMatchObject({ subject: { name: 'K5 Sprint 1' }, provisional: true });
    expect(k5?.suggestion).toMatch(
      /Keon Amini \(inferred PO from \d+ backlog decisions in K5, \d+% of their decisions there\)/u,
    );
    expect(byRule(report, 'owner/role-mapping-missing')).toHaveLength(1);
    expect(proposed(report, 'EE', 'po')[0]).toBe('5e9711ba34f7b90c0fbc37d3');
    expect(byRule(report, 'owner/project-missing-role')).toEqual([]);
  });
});
