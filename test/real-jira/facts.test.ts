/**
 * Facts the data has, pinned on real cases: whose a sprint is, whether a source records goals, when an item is
 * open, one move written twice, and actions after the capture time.
 * @needs-shared real-jira/devlake real-jira/issueshark real-jira/jirametrics real-jira/appcelerator-tidev.tgz
 */
import { join } from 'node:path';
import { auditSite, type AuditReport } from '../../src/audit';
import { buildIndex, classifySite, countedOnce } from '../../src/audit/index-site';
import { defaultConfig } from '../../src/config/defaults';
import { DEFAULT_THRESHOLDS } from '../../src/criteria';
import { isOpen } from '../../src/domain/item-state';
import type { Site } from '../../src/domain/model';
import { sprintProjects } from '../../src/domain/sprint-project';
import { loadAppcelerator, loadDevlake, loadIssueshark, loadJirametrics } from '../../src/jira/import';
import { normaliseSite } from '../../src/jira/normalise';
import { REAL_JIRA } from './support';

/** An audit that judges all of a site's history: a window reaching back to its first action. */
function auditAll(site: Site, now: Date): AuditReport {
  const first = site.actions.reduce((min, action) => (action.at < min ? action.at : min), now.toISOString());
  const days = Math.ceil((now.getTime() - new Date(first).getTime()) / 86_400_000) + 1;
  return auditSite(site, { ...defaultConfig(), auditWindowDays: days }, { now });
}

describe('devlake', () => {
  const result = loadDevlake(join(REAL_JIRA, 'devlake'));
  const site = normaliseSite(result.snapshot);
  const now = new Date(result.snapshot.capturedAt!);
  const report = auditAll(site, now);

  it('knows that the source records goals ("goal": "" on every sprint), so "EE Sprint 7" has none', () => {
    const sprint7 = site.sprints.find((sprint) => sprint.name === 'EE Sprint 7')!;
    expect(sprint7).toMatchObject({ id: 7, state: 'closed', goalKnown: true });
    expect(sprint7.goal).toBeUndefined();
    expect(report.findings.map((finding) => finding.id)).toContain('owner/sprint-without-po|sprint:7');
  });

  it('files sprints of a board with no location under the project of their items (EE Sprint 7: EE)', () => {
    expect(sprintProjects(site).get(7)).toBe('EE');
  });

  it('does not call EE-1, resolved in 2020 in a status of the "new" category, open, nor flag its 2025 due date', () => {
    const ee1 = site.items.find((item) => item.key === 'EE-1')!;
    expect(ee1).toMatchObject({ status: { category: 'new' }, resolved: '2020-06-19T06:31:18.495Z', sprintIds: [7] });
    expect(isOpen(ee1)).toBe(false);
    expect(
      report.findings.filter((finding) => finding.issueKeys.includes('EE-1') && finding.rule.startsWith('horizon/')),
    ).toEqual([]);
  });

  it('counts "moved under K5-1" once: the parent change is kept, the Epic Link written 22 ms later repeats it', () => {
    const classified = classifySite(
      site,
      () => ({ until: now }),
      () => DEFAULT_THRESHOLDS,
    );
    const { actions, repeated } = countedOnce(classified);
    expect(repeated.map(({ action }) => action.id).sort()).toEqual(['K5-2:h422892', 'K5-3:h422897']);
    const kept = actions.map(({ action }) => action.id);
    expect(kept).toContain('K5-2:h422890');
    expect(kept).toContain('K5-3:h422895');
    expect(report.coverage.repeatedMoves).toBe(2);
    const moves = buildIndex(site, actions)
      .actionsByItem.get('K5-2')!
      .filter(({ action }) => action.kind === 'change' && action.changes.some((change) => change.toText === 'K5-1'));
    expect(moves).toHaveLength(1);
    const k5po = report.findings.find((finding) => finding.id === 'owner/project-missing-role|project:K5|po')!;
    expect(k5po.message).toContain('4 tactical decisions');
  });
});

describe('issueSHARK', () => {
  const result = loadIssueshark(join(REAL_JIRA, 'issueshark'));
  const site = normaliseSite(result.snapshot);

  it('takes the latest activity as capture time, so no action comes after it (5 of 30 did by the last update)', () => {
    const latestUpdate = site.items.reduce(
      (max, item) => (item.updated && item.updated > max ? item.updated : max),
      '',
    );
    expect(site.actions.filter((action) => action.at > latestUpdate)).toHaveLength(5);
    expect(site.actions.filter((action) => action.at > result.snapshot.capturedAt!)).toHaveLength(0);
    expect(auditAll(site, new Date(result.snapshot.capturedAt!)).coverage).toMatchObject({
      actions: 30,
      actionsInWindow: 30,
      actionsAfterNow: 0,
    });
  });

  it("says how many actions come after the audit's now when told an earlier now, rather than leaving them out silently", () => {
    const latestUpdate = site.items.reduce(
      (max, item) => (item.updated && item.updated > max ? item.updated : max),
      '',
    );
    const coverage = auditAll(site, new Date(latestUpdate)).coverage;
    expect(coverage).toMatchObject({ actions: 30, actionsInWindow: 25, actionsAfterNow: 5 });
  });
});

describe('jirametrics', () => {
  it('records goals ("goal": "" on its sprint)', () => {
    const site = normaliseSite(loadJirametrics(join(REAL_JIRA, 'jirametrics')).snapshot);
    expect(site.sprints.length).toBeGreaterThan(0);
    expect(site.sprints.every((sprint) => sprint.goalKnown === true)).toBe(true);
  });
});

describe('Appcelerator', () => {
  let site: Site;
  let report: AuditReport;
  beforeAll(() => {
    const result = loadAppcelerator(join(REAL_JIRA, 'appcelerator-tidev.tgz'));
    site = normaliseSite(result.snapshot);
    report = auditAll(site, new Date(result.snapshot.capturedAt!));
  }, 120_000);

  it('files "2016 Sprint 1 SDK" under TIMOB, where 41 of its 42 items come from, not under MOD', () => {
    const sprint = site.sprints.find((candidate) => candidate.name === '2016 Sprint 1 SDK')!;
    const items = site.items.filter((item) => item.sprintIds.includes(sprint.id));
    expect(items).toHaveLength(42);
    expect(items.filter((item) => item.projectKey === 'TIMOB')).toHaveLength(41);
    expect(sprintProjects(site).get(sprint.id)).toBe('TIMOB');
    expect(report.sprints.find((summary) => summary.id === sprint.id)?.projectKey).toBe('TIMOB');
  });

  it('files no sprint under a project fewer of its items come from than another', () => {
    const homes = sprintProjects(site);
    const minority = site.sprints.filter((sprint) => {
      const counts = new Map<string, number>();
      for (const item of site.items)
        if (item.sprintIds.includes(sprint.id)) counts.set(item.projectKey, (counts.get(item.projectKey) ?? 0) + 1);
      const home = homes.get(sprint.id);
      return home !== undefined && [...counts.values()].some((count) => count > (counts.get(home) ?? 0));
    });
    expect(minority).toEqual([]);
  });

  it('has no goal field, so no sprint is said to have no goal', () => {
    expect(site.sprints.some((sprint) => sprint.goalKnown)).toBe(false);
    expect(report.findings.filter((finding) => finding.rule === 'owner/sprint-without-po')).toEqual([]);
    expect(report.sprints.every((sprint) => !sprint.goalKnown)).toBe(true);
  });
});
