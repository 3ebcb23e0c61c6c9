import { subMonths } from 'date-fns';
import { auditSite } from '../../src/audit';
import { auditByProject } from '../../src/audit/sharded';
import { generateBenchSite } from '../../src/bench/generate';
import { defaultConfig } from '../../src/config/defaults';
import type { AuditConfig } from '../../src/config/types';
import { demoConfig, generateDemoSite } from '../../src/dev/demo';
import type { Site } from '../../src/domain/model';
import type { SiteSnapshot } from '../../src/jira/snapshot';
import { normaliseSite } from '../../src/jira/normalise';
import { change, item, NOW, person, project, site as siteOf, sprint } from '../fixtures/build-site';

/**
 * Auditing a project at a time must give the very report an audit of the whole site at once gives: the same
 * findings with the same evidence, people, sprints, roadmap items, projects and coverage.
 */
function latestAction(site: Site, snapshot: SiteSnapshot): Date {
  return new Date(site.actions.reduce((max, action) => (action.at > max ? action.at : max), snapshot.capturedAt ?? ''));
}

const sites: Array<[string, () => SiteSnapshot, () => AuditConfig]> = [
  ['the demo site', () => generateDemoSite(), demoConfig],
  ['a synthetic site of 1,000 issues', () => generateBenchSite({ issues: 1000 }).snapshot, defaultConfig],
];

describe('auditing one project at a time', () => {
  it.each(sites)('%s: gives the report of the whole-site audit', (_, snapshotOf, configOf) => {
    const snapshot = snapshotOf();
    const site = normaliseSite(snapshot);
    const now = latestAction(site, snapshot);
    const whole = auditSite(site, configOf(), { now });
    const sharded = auditByProject(site, configOf(), { now });
    expect(sharded).toEqual(whole);
    expect(whole.findings.length + whole.people.length).toBeGreaterThan(0);
  });

  it('carries what a project reads of other projects: its sprints’ items there, and the top of a chain there', () => {
    const crossed = siteOf({
      people: [person('lena', 'Lena Hoffmann'), person('ana', 'Ana Costa'), person('raj', 'Raj Patel')],
      projects: [project('PAY', { po: ['lena'] }), project('PLAT', { pm: ['ana'], po: ['raj'] })],
      boards: [{ id: 1, name: 'PAY board', type: 'scrum', projectKey: 'PAY' }],
      sprints: [sprint(1, { goal: '' })],
      items: [
        item('PAY-1', { sprintIds: [1], parentKey: 'PLAT-20' }),
        item('PLAT-7', { sprintIds: [1] }),
        item('PLAT-20'),
      ],
      actions: [
        change('PLAT-7', 'lena', '2026-11-18T10:00:00.000Z', [
          { meaning: 'storyPoints', fromValue: '3', toValue: '5' },
        ]),
        change('PLAT-7', 'raj', '2026-11-19T10:00:00.000Z', [
          { meaning: 'sprint', fromValue: '', toValue: '1', toText: 'Sprint 1' },
        ]),
        change('PLAT-20', 'ana', '2026-11-17T10:00:00.000Z', [
          { meaning: 'parent', fromValue: '30', fromText: 'PLAT-1', toValue: '', toText: '' },
        ]),
      ],
    });
    const whole = auditSite(crossed, defaultConfig(), { now: NOW });
    expect(whole.sprints[0]?.poDecisions).toBeGreaterThan(0);
    expect(whole.findings.flatMap((finding) => finding.evidence.map((evidence) => evidence.what))).toContain(
      'Ana Costa removed PLAT-1 as the parent of PLAT-20',
    );
    expect(auditByProject(crossed, defaultConfig(), { now: NOW })).toEqual(whole);
  });

  it('gives the same report with an audit window', () => {
    const snapshot = generateDemoSite();
    const site = normaliseSite(snapshot);
    const now = new Date(snapshot.capturedAt!);
    const options = { now, since: subMonths(now, 3) };
    expect(auditByProject(site, demoConfig(), options)).toEqual(auditSite(site, demoConfig(), options));
  });

  it('the demo site draws on other projects: without their data the parts would differ', () => {
    const snapshot = generateDemoSite();
    const site = normaliseSite(snapshot);
    const now = new Date(snapshot.capturedAt!);
    const whole = auditSite(site, demoConfig(), { now });
    const alone = site.projects.flatMap((project) =>
      auditSite(site, demoConfig(), { now, projectKeys: [project.key] }).findings.filter(
        (finding) => finding.projectKeys.length === 1 && finding.projectKeys[0] === project.key,
      ),
    );
    const ids = (findings: { id: string }[]) => findings.map((finding) => finding.id).sort();
    expect(ids(alone)).not.toEqual(ids(whole.findings.filter((finding) => finding.projectKeys.length === 1)));
  });
});
