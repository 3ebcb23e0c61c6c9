import { auditSite, type AuditReport } from '../../src/audit';
import { auditByProject } from '../../src/audit/sharded';
import { withoutIssues } from '../../src/audit/visibility';
import type { Finding } from '../../src/domain/finding';
import { demoConfig, generateDemoSite } from '../../src/dev/demo';
import { normaliseSite } from '../../src/jira/normalise';

/**
 * The demo site's secured roadmap item (behind "Leadership only") as a viewer the level does not list gets it: the
 * report of the app's whole read, without the item, any trace of it, or its part of any count.
 */
const snapshot = generateDemoSite();
const site = normaliseSite(snapshot);
const now = new Date(snapshot.capturedAt!);
const report = auditSite(site, demoConfig(), { now });
const secured = site.items.filter((item) => item.securityLevelId !== undefined);
const [item] = secured;
const view = withoutIssues(report, new Set([item!.key]));

const actionsOf = (people: AuditReport['people']) =>
  people.reduce((sum, person) => sum + person.counts.strategic + person.counts.tactical + person.counts.neutral, 0);

describe('a report without the issues a viewer may not see', () => {
  it('knows the demo site’s secured issue, with findings on it', () => {
    expect(secured.map((entry) => entry.securityLevelId)).toEqual(['10200']);
    expect(report.securedIssues.map((entry) => entry.key)).toEqual([item!.key]);
    expect(report.findings.some((finding) => finding.issueKeys.includes(item!.key))).toBe(true);
  });

  it('the audit a project at a time knows the same secured issues', () => {
    expect(auditByProject(site, demoConfig(), { now }).securedIssues).toEqual(report.securedIssues);
  });

  it('holds no trace of the issue: neither its key nor its summary', () => {
    const text = JSON.stringify(view);
    expect(text).not.toMatch(new RegExp(`\\b${item!.key}\\b`));
    expect(text).not.toContain(item!.summary);
    expect(view.findings.length).toBeGreaterThan(0);
  });

  it('keeps a finding about several issues with the rest of them, and drops one whose text names the hidden one', () => {
    const other = site.items.find((candidate) => candidate.projectKey === item!.projectKey && candidate !== item)!;
    const about = (id: string, message: string): Finding => ({
      ...report.findings[0]!,
      id,
      subject: { type: 'person', id: 'someone' },
      issueKeys: [item!.key, other.key],
      message,
      suggestion: 'Agree who decides',
      evidence: [
        { issueKey: item!.key, at: report.now, what: 'Moved the item' },
        { issueKey: other.key, at: report.now, what: 'Moved it back' },
      ],
    });
    const planted = {
      ...report,
      findings: [
        about('shared', 'Two people disagree about two items'),
        about('named', `Two people disagree about ${item!.summary}`),
      ],
    };
    const { findings } = withoutIssues(planted, new Set([item!.key]));
    expect(findings.map((finding) => finding.id)).toEqual(['shared']);
    expect(findings[0]).toMatchObject({
      issueKeys: [other.key],
      evidence: [{ issueKey: other.key, what: 'Moved it back' }],
    });
  });

  it('keeps every finding that has nothing of the hidden issue', () => {
    const untouched = report.findings.filter((finding) => !JSON.stringify(finding).includes(item!.key));
    for (const finding of untouched)
      if (!JSON.stringify(finding).includes(item!.summary)) expect(view.findings).toContainEqual(finding);
  });

  it('counts without it: issues, actions, the project’s items, its parent’s children and people’s work', () => {
    const share = report.securedIssues[0]!;
    expect(share.actions).toBeGreaterThan(0);
    expect(view.coverage.issues).toBe(report.coverage.issues - 1);
    expect(view.coverage.actions).toBe(report.coverage.actions - share.actions);
    expect(view.coverage.actionsInWindow).toBe(report.coverage.actionsInWindow - share.actionsInWindow);
    const project = (of: AuditReport) => of.projects.find((entry) => entry.key === item!.projectKey)!;
    expect(project(view).items).toBe(project(report).items - 1);
    expect(project(view).actions).toBe(project(report).actions - share.actionsInWindow);
    expect(share.roadmapParentKey).toBe(item!.parentKey);
    const parent = (of: AuditReport) => of.roadmapItems.find((entry) => entry.key === item!.parentKey)!;
    expect(parent(view).children).toBe(parent(report).children - 1);
    const taken = Object.values(share.byPerson).reduce(
      (sum, counts) => sum + counts.strategic + counts.tactical + counts.neutral,
      0,
    );
    expect(taken).toBeGreaterThan(0);
    expect(actionsOf(view.people)).toBe(actionsOf(report.people) - taken);
    expect(view.roadmapItems).toHaveLength(report.roadmapItems.length - 1);
  });

  it('leaves the report as it is when nothing is hidden, or only issues it does not hold', () => {
    expect(withoutIssues(report, new Set())).toBe(report);
    expect(withoutIssues(report, new Set(['NOPE-1']))).toBe(report);
  });
});

describe('a secured issue in a sprint', () => {
  // A sprint item with no children whose decisions during its sprints count among their deciders, secured.
  const candidates = site.items.filter(
    (candidate) =>
      candidate.sprintIds.length > 0 &&
      candidate.securityLevelId === undefined &&
      !site.items.some((other) => other.parentKey === candidate.key),
  );
  const level = snapshot.issues.find((issue) => issue.key === item!.key)!.fields.security;
  const securing = (key: string) => ({
    ...snapshot,
    issues: snapshot.issues.map((issue) =>
      issue.key === key ? { ...issue, fields: { ...issue.fields, security: level } } : issue,
    ),
  });
  const found = candidates
    .map((candidate) => {
      const securedReport = auditSite(normaliseSite(securing(candidate.key)), demoConfig(), { now });
      const share = securedReport.securedIssues.find((entry) => entry.key === candidate.key)!;
      return { candidate, securedReport, share };
    })
    .find(({ share }) => Object.values(share.decidersBySprint).some((deciders) => Object.keys(deciders).length > 0))!;

  it('takes its decisions out of its sprints’ deciders, as if it were not there', () => {
    const { candidate, securedReport } = found;
    const hidden = withoutIssues(securedReport, new Set([candidate.key]));
    const absent = auditSite(
      normaliseSite({ ...snapshot, issues: snapshot.issues.filter((issue) => issue.key !== candidate.key) }),
      demoConfig(),
      { now },
    );
    const decidersOf = (of: AuditReport, sprintId: number) =>
      of.sprints.find((sprint) => sprint.id === sprintId)!.byProject[candidate.projectKey]?.deciders ?? {};
    for (const sprintId of candidate.sprintIds) {
      expect(decidersOf(hidden, sprintId)).toEqual(decidersOf(absent, sprintId));
      expect(decidersOf(securedReport, sprintId)).not.toEqual(decidersOf(absent, sprintId));
    }
  });
});
