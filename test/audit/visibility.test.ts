import { auditSite } from '../../src/audit';
import { reportForViewer, type ReportSlice } from '../../src/audit/visibility';
import { demoConfig, generateDemoSite } from '../../src/dev/demo';
import { normaliseSite } from '../../src/jira/normalise';
import { projectSlice } from '../../src/scan/reports';

const snapshot = generateDemoSite();
const site = normaliseSite(snapshot);
const report = auditSite(site, demoConfig(), { now: new Date(snapshot.capturedAt!) });
const keys = site.projects.map((project) => project.key);
const slices: ReportSlice[] = keys.map((projectKey) => ({
  projectKey,
  report: projectSlice(report, projectKey),
  coverage: {
    ...report.coverage,
    projects: 1,
    issues: site.items.filter((item) => item.projectKey === projectKey).length,
  },
  names: {},
}));

describe('what a viewer sees of stored project reports', () => {
  it('shows everything to a viewer who may browse every project, once each', () => {
    const { report: view } = reportForViewer(slices, new Set(keys));
    expect(view.findings).toEqual(report.findings);
    expect(view.people).toEqual(report.people);
    expect(view.roadmapItems).toEqual(report.roadmapItems);
    expect(view.coverage).toEqual(report.coverage);
  });

  it('holds nothing of a project the viewer may not browse: findings, counts by project, people only there', () => {
    const hidden = 'PAY';
    const visible = new Set(keys.filter((key) => key !== hidden));
    const { report: view } = reportForViewer(slices, visible);
    const text = JSON.stringify(view);
    expect(text).not.toMatch(/\bPAY(-\d+)?\b/);
    expect(view.findings.length).toBeGreaterThan(0);
    expect(view.findings.length).toBeLessThan(report.findings.length);
    expect(view.coverage.projects).toBe(visible.size);
    expect(view.coverage.issues).toBe(site.items.filter((item) => item.projectKey !== hidden).length);
    for (const person of view.people) {
      const counts = Object.values(person.byProject);
      expect(person.counts.strategic).toBe(counts.reduce((sum, entry) => sum + entry.strategic, 0));
      expect(person.projects).not.toContain(hidden);
    }
    const onlyThere = report.people.filter((person) => person.projects.length === 1 && person.projects[0] === hidden);
    expect(view.people.filter((person) => onlyThere.some((other) => other.accountId === person.accountId))).toEqual([]);
    for (const item of view.roadmapItems)
      expect(item.children).toBe(Object.values(item.childrenByProject).reduce((sum, count) => sum + count, 0));
  });
});
