import { auditSite } from '../../src/audit';
import { auditByProject } from '../../src/audit/sharded';
import { auditWindow, describeWindow, projectWindow } from '../../src/audit/window';
import { formatReport } from '../../src/cli/format-report';
import { defaultConfig } from '../../src/config/defaults';
import { ConfigError, parseConfig } from '../../src/config/schema';
import type { AuditConfig } from '../../src/config/types';
import type { Action, Site } from '../../src/domain/model';
import { RULE_METAS, RULES } from '../../src/rules';
import { change, item, NOW, person, project, site, sprint } from '../fixtures/build-site';

/** Pat is the PM of PAY and MOB and pulls a story into the sprint in each: once 30 days ago, once 200 days ago. */
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const pull = (key: string, sprintId: number, at: string): Action =>
  change(key, 'pat', at, [{ meaning: 'sprint', toValue: String(sprintId), toText: `Sprint ${sprintId}` }]);

function twoProjects(): Site {
  return site({
    people: [person('pat', 'Pat Manager'), person('olga', 'Olga Owner')],
    projects: [project('MOB', { pm: ['pat'], po: ['olga'] }), project('PAY', { pm: ['pat'], po: ['olga'] })],
    boards: [
      { id: 1, name: 'MOB board', type: 'scrum', projectKey: 'MOB' },
      { id: 2, name: 'PAY board', type: 'scrum', projectKey: 'PAY' },
    ],
    sprints: [sprint(5, { boardId: 1 }), sprint(6, { boardId: 2 })],
    items: [item('MOB-1', { sprintIds: [5] }), item('PAY-1', { sprintIds: [6] }), item('PAY-2', { sprintIds: [6] })],
    actions: [pull('PAY-2', 6, daysAgo(200)), pull('MOB-1', 5, daysAgo(30)), pull('PAY-1', 6, daysAgo(30))],
  });
}

const pmTactical = [RULES['overlap/pm-tactical-action']];
const flagged = (config: AuditConfig, options: { since?: Date } = {}) =>
  auditSite(twoProjects(), config, { now: NOW, rules: pmTactical, ...options })
    .findings.flatMap((finding) => finding.evidence.map((evidence) => evidence.issueKey))
    .sort();

describe('the audit window', () => {
  it('is the last 90 days by default', () => {
    const window = auditWindow(defaultConfig(), { now: NOW });
    expect(window).toEqual({ until: NOW.toISOString(), since: daysAgo(90), days: 90 });
    expect(describeWindow(window)).toBe('last 90 days (2026-08-24 to 2026-11-22)');
  });

  it('keeps behaviour rules to actions inside it: the pull 200 days ago is not judged', () => {
    expect(flagged(defaultConfig())).toEqual(['MOB-1', 'PAY-1']);
  });

  it('is set per project: a year for PAY takes in its older pull, MOB keeps the site window', () => {
    const config: AuditConfig = { ...defaultConfig(), projects: { PAY: { auditWindowDays: 365 } } };
    expect(flagged(config)).toEqual(['MOB-1', 'PAY-1', 'PAY-2']);
    const window = auditWindow(config, { now: NOW });
    expect(window.projects).toEqual({ PAY: { since: daysAgo(365), days: 365 } });
    expect(projectWindow(window, 'MOB').since.toISOString()).toBe(daysAgo(90));
    expect(describeWindow(window)).toBe(
      'last 90 days (2026-08-24 to 2026-11-22); PAY: last 365 days (2025-11-22 to 2026-11-22)',
    );
  });

  it('is set for the site, and a project may narrow it', () => {
    const config: AuditConfig = { ...defaultConfig(), auditWindowDays: 365, projects: { MOB: { auditWindowDays: 7 } } };
    expect(flagged(config)).toEqual(['PAY-1', 'PAY-2']);
  });

  it('starts at --since for every project when given one, whatever the configuration', () => {
    const config: AuditConfig = { ...defaultConfig(), projects: { PAY: { auditWindowDays: 7 } } };
    const since = new Date(daysAgo(250));
    expect(flagged(config, { since })).toEqual(['MOB-1', 'PAY-1', 'PAY-2']);
    expect(auditWindow(config, { now: NOW, since })).toEqual({ until: NOW.toISOString(), since: daysAgo(250) });
  });

  it('feeds role inference only from inside it', () => {
    const unmapped = { ...twoProjects(), projects: [project('MOB'), project('PAY')] };
    const counts = (config: AuditConfig) =>
      auditSite(unmapped, config, { now: NOW }).people.find((person) => person.accountId === 'pat')?.counts;
    expect(counts(defaultConfig())).toMatchObject({ tactical: 2 });
    expect(counts({ ...defaultConfig(), auditWindowDays: 365 })).toMatchObject({ tactical: 3 });
  });

  it('is said in the report, with what it left out and why', () => {
    const report = auditSite(twoProjects(), defaultConfig(), { now: NOW });
    expect(report.window).toEqual({ until: NOW.toISOString(), since: daysAgo(90), days: 90 });
    expect(report.coverage).toMatchObject({
      actions: 3,
      actionsInWindow: 2,
      actionsBeforeWindow: 1,
      actionsAfterNow: 0,
    });
    const table = formatReport(report, 'table');
    expect(table).toContain('Audit window: last 90 days (2026-08-24 to 2026-11-22).');
    expect(table).toContain('2 of 3 actions judged (not judged: 1 older)');
    expect(formatReport(report, 'markdown')).toContain('Audit window: last 90 days');
    expect(JSON.parse(formatReport(report, 'json'))).toMatchObject({ window: { days: 90, since: daysAgo(90) } });
  });

  it("counts actions after the audit's now as not judged, and says so", () => {
    const report = auditSite(twoProjects(), defaultConfig(), { now: new Date(daysAgo(100)) });
    expect(report.coverage).toMatchObject({ actionsInWindow: 0, actionsBeforeWindow: 1, actionsAfterNow: 2 });
    expect(formatReport(report, 'table')).toContain("2 after 2026-08-14, the audit's now");
  });

  it('gives the sharded audit the same report as the whole-site audit, per-project windows included', () => {
    const config: AuditConfig = { ...defaultConfig(), projects: { PAY: { auditWindowDays: 365 } } };
    const target = twoProjects();
    const whole = auditSite(target, config, { now: NOW });
    expect(whole.findings.length).toBeGreaterThan(0);
    expect(auditByProject(target, config, { now: NOW })).toEqual(whole);
  });
});

describe('auditWindowDays in the configuration', () => {
  const rules = RULE_METAS;

  it('defaults to 90 and is taken at site and project level', () => {
    expect(parseConfig({ version: 1 }, rules).auditWindowDays).toBe(90);
    const parsed = parseConfig({ version: 1, auditWindowDays: 30, projects: { PAY: { auditWindowDays: 180 } } }, rules);
    expect(parsed.auditWindowDays).toBe(30);
    expect(parsed.projects.PAY?.auditWindowDays).toBe(180);
  });

  it.each([
    [{ auditWindowDays: 0 }, 'auditWindowDays must be at least 1 day'],
    [{ auditWindowDays: 12.5 }, 'auditWindowDays must be a whole number'],
    [{ projects: { PAY: { auditWindowDays: 4000 } } }, 'projects.PAY.auditWindowDays must be at most 3650 days'],
  ])('rejects %j, naming the setting', (given, problem) => {
    expect(() => parseConfig({ version: 1, ...given }, rules)).toThrow(ConfigError);
    try {
      parseConfig({ version: 1, ...given }, rules);
    } catch (error) {
      expect((error as ConfigError).problems).toContain(problem);
    }
  });
});
