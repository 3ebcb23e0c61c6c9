import { defaultConfig, effectiveSettings } from '../../src/config/defaults';
import type { AuditConfig } from '../../src/config/types';
import type { SettingsView } from '../../src/resolvers/api';
import {
  addUnique,
  buildProjectSettings,
  buildSiteSettings,
  draftFromView,
  fieldIssues,
  isDirty,
  issuesAt,
  localIssues,
  severityChoice,
  withRoleList,
  withSeverity,
} from '../../static/app/src/settings-model';

function siteView(config: AuditConfig = defaultConfig()): SettingsView {
  return {
    scope: 'site',
    site: config,
    version: 3,
    canEdit: true,
    rules: [],
    projectRoleNames: ['Product Manager', 'Product Owner'],
    groupNames: [],
  };
}

function projectView(config: AuditConfig, projectKey: string): SettingsView {
  return {
    ...siteView(config),
    scope: 'project',
    projectKey,
    project: config.projects[projectKey] ?? {},
    effective: effectiveSettings(config, projectKey),
  };
}

describe('site settings', () => {
  it('round-trips the loaded configuration unchanged', () => {
    const config = {
      ...defaultConfig(),
      suppressions: [{ findingId: 'a|b', reason: 'agreed' }],
      projects: { MOB: { combinedRole: true } },
    };
    const view = siteView(config);
    const draft = draftFromView(view);
    expect(isDirty(view, draft)).toBe(false);
    expect(buildSiteSettings(config, draft)).toEqual({ settings: config, issues: [] });
  });

  it('reads thresholds as numbers and reports blanks and non-numbers by path', () => {
    const view = siteView();
    const draft = draftFromView(view);
    draft.thresholds['thresholds.sprintMaxWeeks'] = '3';
    draft.thresholds['thresholds.strategicHorizonMonths.max'] = '36';
    expect(buildSiteSettings(view.site, draft).settings.thresholds).toEqual({
      strategicHorizonMonths: { min: 6, max: 36 },
      tacticalHorizonWeeks: { min: 1, max: 4 },
      roadmapMinSpanWeeks: 4,
      roadmapMaxSpanMonths: 24,
      sprintMaxWeeks: 3,
    });
    draft.thresholds['thresholds.sprintMaxWeeks'] = '';
    draft.thresholds['thresholds.roadmapMinSpanWeeks'] = 'four';
    expect(buildSiteSettings(view.site, draft).issues).toEqual([
      { path: 'thresholds.roadmapMinSpanWeeks', message: 'must be a number' },
      { path: 'thresholds.sprintMaxWeeks', message: 'must be a number' },
    ]);
    expect(isDirty(view, draft)).toBe(true);
  });
});

describe('project settings', () => {
  const config: AuditConfig = {
    ...defaultConfig(),
    rules: { 'trace/sprint-item-without-roadmap-link': { severity: 'warning', options: { ignoreTypes: ['Bug'] } } },
    projects: { MOB: { thresholds: { sprintMaxWeeks: 3 }, rules: { 'overlap/dual-role': { severity: 'off' } } } },
  };

  it('starts from the project’s own overrides only and sends them back unchanged', () => {
    const view = projectView(config, 'MOB');
    const draft = draftFromView(view);
    expect(draft.thresholds['thresholds.sprintMaxWeeks']).toBe('3');
    expect(draft.thresholds['thresholds.roadmapMinSpanWeeks']).toBe('');
    expect(draft.ownerField).toBeUndefined();
    expect(buildProjectSettings(config, view.project, draft)).toEqual({ settings: config.projects.MOB, issues: [] });
  });

  it('keeps a horizon whole: setting one bound takes the other from the site', () => {
    const view = projectView(config, 'MOB');
    const draft = draftFromView(view);
    draft.thresholds['thresholds.tacticalHorizonWeeks.max'] = '3';
    draft.thresholds['thresholds.sprintMaxWeeks'] = '';
    expect(buildProjectSettings(config, view.project, draft).settings.thresholds).toEqual({
      tacticalHorizonWeeks: { min: 1, max: 3 },
    });
  });

  it('drops what follows the site and keeps settings the form does not edit', () => {
    const previous = { ...config.projects.MOB, futureSetting: 'kept' } as never;
    const view = { ...projectView(config, 'MOB'), project: previous };
    const draft = draftFromView(view);
    draft.thresholds['thresholds.sprintMaxWeeks'] = '';
    draft.rules = withSeverity(draft.rules, 'overlap/dual-role', 'default');
    draft.combinedRole = true;
    draft.roleMapping = withRoleList(draft.roleMapping, 'groups', { pm: ['pm-team'], po: [] });
    expect(buildProjectSettings(config, previous, draft).settings).toEqual({
      futureSetting: 'kept',
      combinedRole: true,
      roleMapping: { groups: { pm: ['pm-team'], po: [] } },
    });
  });
});

describe('rule severities', () => {
  const rules = {
    'trace/sprint-item-without-roadmap-link': { severity: 'info' as const, options: { ignoreTypes: ['Bug'] } },
  };

  it('sets and reads a severity', () => {
    const next = withSeverity(rules, 'overlap/dual-role', 'error');
    expect(severityChoice(next, 'overlap/dual-role')).toBe('error');
    expect(severityChoice(next, 'owner/sprint-without-po')).toBe('default');
    expect(next['trace/sprint-item-without-roadmap-link']).toBe(rules['trace/sprint-item-without-roadmap-link']);
  });

  it('"default" removes the severity but keeps the options, and the rule when nothing is left', () => {
    expect(withSeverity(rules, 'trace/sprint-item-without-roadmap-link', 'default')).toEqual({
      'trace/sprint-item-without-roadmap-link': { options: { ignoreTypes: ['Bug'] } },
    });
    expect(withSeverity({ 'overlap/dual-role': { severity: 'off' } }, 'overlap/dual-role', 'default')).toEqual({});
  });
});

describe('lists', () => {
  it('adds trimmed names once, ignoring case, and nothing blank', () => {
    expect(addUnique(['Product Manager'], '  Head of Product ')).toEqual(['Product Manager', 'Head of Product']);
    expect(addUnique(['Product Manager'], 'product manager')).toEqual(['Product Manager']);
    expect(addUnique(['Product Manager'], '   ')).toEqual(['Product Manager']);
  });

  it('sets or removes one source of a role mapping', () => {
    const mapping = { groups: { pm: ['a'], po: [] } };
    expect(withRoleList(mapping, 'accounts', { pm: [], po: ['557058:x'] })).toEqual({
      groups: { pm: ['a'], po: [] },
      accounts: { pm: [], po: ['557058:x'] },
    });
    expect(withRoleList(mapping, 'groups', undefined)).toEqual({});
  });
});

describe('field issues', () => {
  const issues = [
    { path: 'roleMapping.groups.pm.1', message: 'must be a string' },
    { path: 'thresholds.strategicHorizonMonths', message: 'min (30) must not be above max (24)' },
    { path: 'thresholds.sprintMaxWeeks', message: 'must be at least 1 week' },
  ];

  it('gives a field the issues at its path and under it', () => {
    expect(issuesAt(issues, 'roleMapping.groups.pm')).toEqual([issues[0]]);
    expect(issuesAt(issues, 'roleMapping.groups')).toEqual([issues[0]]);
    expect(issuesAt(issues, 'thresholds.sprintMax')).toEqual([]);
    expect(issuesAt(issues, 'thresholds.strategicHorizonMonths')).toEqual([issues[1]]);
  });

  it('reads a project’s issues relative to its settings', () => {
    expect(
      localIssues(
        [
          { path: 'projects.MOB.thresholds.sprintMaxWeeks', message: 'x' },
          { path: 'ownerField', message: 'y' },
        ],
        'MOB',
      ),
    ).toEqual([
      { path: 'thresholds.sprintMaxWeeks', message: 'x' },
      { path: 'ownerField', message: 'y' },
    ]);
  });

  it('takes only well-formed FieldIssue details', () => {
    expect(fieldIssues([{ path: 'a', message: 'b' }, { path: 1 }, 'x', null])).toEqual([{ path: 'a', message: 'b' }]);
    expect(fieldIssues({ version: 3 })).toEqual([]);
  });
});
