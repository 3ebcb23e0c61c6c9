import type { Thresholds } from '../../../src/criteria';
import type {
  AuditConfig,
  ProjectSettings,
  RoleLists,
  RoleMapping,
  RuleSetting,
  SeveritySetting,
  Suppression,
} from '../../../src/config/types';
import type { FieldIssue, RoleProposalView, SettingsView } from '../../../src/resolvers/api';

export type RoleSource = Exclude<keyof RoleMapping, 'aliases'>;
export type ThresholdPath =
  | 'thresholds.strategicHorizonMonths.min'
  | 'thresholds.strategicHorizonMonths.max'
  | 'thresholds.tacticalHorizonWeeks.min'
  | 'thresholds.tacticalHorizonWeeks.max'
  | 'thresholds.roadmapMinSpanWeeks'
  | 'thresholds.roadmapMaxSpanMonths'
  | 'thresholds.sprintMaxWeeks';

export const ROLE_SOURCES: ReadonlyArray<{ id: RoleSource; label: string; hint: string }> = [
  { id: 'projectRoles', label: 'Project roles', hint: 'People holding these Jira project roles in a project.' },
  { id: 'groups', label: 'Groups', hint: 'Members of these Jira groups, in every project.' },
  { id: 'accounts', label: 'Accounts', hint: 'These Atlassian account ids, in every project.' },
];

export const THRESHOLD_FIELDS: ReadonlyArray<{
  path: ThresholdPath;
  label: string;
  unit: 'weeks' | 'months';
  hint: string;
}> = [
  {
    path: 'thresholds.strategicHorizonMonths.min',
    label: 'Strategic horizon from',
    unit: 'months',
    hint: 'C5: how far ahead a PM decision reaches, at least.',
  },
  {
    path: 'thresholds.strategicHorizonMonths.max',
    label: 'Strategic horizon to',
    unit: 'months',
    hint: 'C5: and at most.',
  },
  {
    path: 'thresholds.tacticalHorizonWeeks.min',
    label: 'Tactical horizon from',
    unit: 'weeks',
    hint: 'C5: how far ahead a PO decision reaches, at least.',
  },
  {
    path: 'thresholds.tacticalHorizonWeeks.max',
    label: 'Tactical horizon to',
    unit: 'weeks',
    hint: 'C5: and at most.',
  },
  {
    path: 'thresholds.roadmapMinSpanWeeks',
    label: 'Shortest roadmap item',
    unit: 'weeks',
    hint: 'A roadmap item planned over this many weeks or fewer is sprint-sized.',
  },
  {
    path: 'thresholds.roadmapMaxSpanMonths',
    label: 'Longest roadmap item',
    unit: 'months',
    hint: 'A roadmap item planned over more months than this is beyond the strategic horizon.',
  },
  {
    path: 'thresholds.sprintMaxWeeks',
    label: 'Longest sprint',
    unit: 'weeks',
    hint: 'A sprint longer than this is no longer a sprint.',
  },
];

export const OWNER_FIELDS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'assignee', label: 'Assignee' },
  { value: 'reporter', label: 'Reporter' },
  { value: 'creator', label: 'Creator' },
];

export type SeverityChoice = SeveritySetting | 'default';
export const SEVERITY_CHOICES: readonly SeverityChoice[] = ['default', 'off', 'info', 'warning', 'error'];

/**
 * What the settings form edits. On the site page every field has a value; on a project page an absent field (or
 * a blank threshold) means "as the site says".
 */
export interface SettingsDraft {
  roleMapping: Partial<RoleMapping>;
  combinedRoleProjects: string[];
  combinedRole?: boolean;
  ownerField?: string;
  thresholds: Record<ThresholdPath, string>;
  rules: Record<string, RuleSetting>;
  suppressions: Suppression[];
}

export function thresholdValue(thresholds: Partial<Thresholds> | undefined, path: ThresholdPath): number | undefined {
  const [, key, bound] = path.split('.') as [string, keyof Thresholds, 'min' | 'max' | undefined];
  const value = thresholds?.[key];
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : bound !== undefined ? value[bound] : undefined;
}

function thresholdTexts(thresholds: Partial<Thresholds> | undefined): Record<ThresholdPath, string> {
  return Object.fromEntries(
    THRESHOLD_FIELDS.map(({ path }) => {
      const value = thresholdValue(thresholds, path);
      return [path, value === undefined ? '' : String(value)];
    }),
  ) as Record<ThresholdPath, string>;
}

export function draftFromView(view: SettingsView): SettingsDraft {
  if (view.scope === 'site') {
    const site = view.site;
    return {
      roleMapping: structuredClone(site.roleMapping),
      combinedRoleProjects: [...site.combinedRoleProjects],
      ownerField: site.ownerField,
      thresholds: thresholdTexts(site.thresholds),
      rules: structuredClone(site.rules),
      suppressions: structuredClone(site.suppressions),
    };
  }
  const project: ProjectSettings = view.project ?? {};
  const draft: SettingsDraft = {
    roleMapping: structuredClone(project.roleMapping ?? {}),
    combinedRoleProjects: [],
    thresholds: thresholdTexts(project.thresholds),
    rules: structuredClone(project.rules ?? {}),
    suppressions: [],
  };
  if (project.combinedRole !== undefined) draft.combinedRole = project.combinedRole;
  if (project.ownerField !== undefined) draft.ownerField = project.ownerField;
  return draft;
}

/** A rule's severity set to a choice; `default` removes the setting and keeps the rule's options. */
export function withSeverity(
  rules: Record<string, RuleSetting>,
  ruleId: string,
  choice: SeverityChoice,
): Record<string, RuleSetting> {
  const { severity: _previous, ...rest } = rules[ruleId] ?? {};
  const setting: RuleSetting = choice === 'default' ? rest : { ...rest, severity: choice };
  const next = { ...rules };
  if (Object.keys(setting).length === 0) delete next[ruleId];
  else next[ruleId] = setting;
  return next;
}

export function severityChoice(rules: Record<string, RuleSetting>, ruleId: string): SeverityChoice {
  return rules[ruleId]?.severity ?? 'default';
}

export function withRoleList(
  mapping: Partial<RoleMapping>,
  source: RoleSource,
  lists: RoleLists | undefined,
): Partial<RoleMapping> {
  const next = { ...mapping };
  if (lists === undefined) delete next[source];
  else next[source] = lists;
  return next;
}

/**
 * The site configuration with every proposed person added to the site's role mapping by account (kept once, in the
 * order proposed): what "Confirm proposed roles" saves.
 */
export function withProposedRoles(site: AuditConfig, proposal: RoleProposalView): AuditConfig {
  const accounts = { pm: [...site.roleMapping.accounts.pm], po: [...site.roleMapping.accounts.po] };
  for (const project of proposal.projects)
    for (const role of ['pm', 'po'] as const)
      for (const holder of project[role])
        if (!accounts[role].includes(holder.accountId)) accounts[role].push(holder.accountId);
  return { ...site, roleMapping: { ...site.roleMapping, accounts } };
}

/** Adds a value to a list unless it is blank or already there (compared without case, as Jira names are). */
export function addUnique(list: readonly string[], value: string): string[] {
  const text = value.trim();
  if (text === '' || list.some((entry) => entry.toLowerCase() === text.toLowerCase())) return [...list];
  return [...list, text];
}

interface Built<T> {
  settings: T;
  /** Problems found before sending: thresholds that are not numbers. */
  issues: FieldIssue[];
}

function readThresholds(
  texts: Record<ThresholdPath, string>,
  required: boolean,
): { values: Partial<Record<ThresholdPath, number>>; issues: FieldIssue[] } {
  const values: Partial<Record<ThresholdPath, number>> = {};
  const issues: FieldIssue[] = [];
  for (const { path } of THRESHOLD_FIELDS) {
    const text = texts[path].trim();
    if (text === '') {
      if (required) issues.push({ path, message: 'must be a number' });
      continue;
    }
    const value = Number(text);
    if (!Number.isFinite(value)) issues.push({ path, message: 'must be a number' });
    else values[path] = value;
  }
  return { values, issues };
}

export function buildSiteSettings(site: AuditConfig, draft: SettingsDraft): Built<AuditConfig> {
  const { values, issues } = readThresholds(draft.thresholds, true);
  const value = (path: ThresholdPath): number => {
    const given = values[path] ?? thresholdValue(site.thresholds, path);
    if (given === undefined) throw new Error(`The site's settings have no ${path}`);
    return given;
  };
  const settings: AuditConfig = {
    ...site,
    roleMapping: { ...site.roleMapping, ...draft.roleMapping },
    combinedRoleProjects: draft.combinedRoleProjects,
    ownerField: draft.ownerField ?? site.ownerField,
    thresholds: {
      strategicHorizonMonths: {
        min: value('thresholds.strategicHorizonMonths.min'),
        max: value('thresholds.strategicHorizonMonths.max'),
      },
      tacticalHorizonWeeks: {
        min: value('thresholds.tacticalHorizonWeeks.min'),
        max: value('thresholds.tacticalHorizonWeeks.max'),
      },
      roadmapMinSpanWeeks: value('thresholds.roadmapMinSpanWeeks'),
      roadmapMaxSpanMonths: value('thresholds.roadmapMaxSpanMonths'),
      sprintMaxWeeks: value('thresholds.sprintMaxWeeks'),
    },
    rules: draft.rules,
    suppressions: draft.suppressions,
  };
  return { settings, issues };
}

/**
 * A project's overrides: only what the form sets. A horizon is one setting (min and max together), so setting
 * one bound keeps the other at the site's value.
 */
export function buildProjectSettings(
  site: AuditConfig,
  previous: ProjectSettings | undefined,
  draft: SettingsDraft,
): Built<ProjectSettings> {
  const { values, issues } = readThresholds(draft.thresholds, false);
  const thresholds: Partial<Thresholds> = {};
  const range = (key: 'strategicHorizonMonths' | 'tacticalHorizonWeeks') => {
    const min = values[`thresholds.${key}.min`];
    const max = values[`thresholds.${key}.max`];
    if (min === undefined && max === undefined) return;
    thresholds[key] = { min: min ?? site.thresholds[key].min, max: max ?? site.thresholds[key].max };
  };
  range('strategicHorizonMonths');
  range('tacticalHorizonWeeks');
  for (const key of ['roadmapMinSpanWeeks', 'roadmapMaxSpanMonths', 'sprintMaxWeeks'] as const) {
    const value = values[`thresholds.${key}`];
    if (value !== undefined) thresholds[key] = value;
  }
  const { roleMapping: _r, combinedRole: _c, ownerField: _o, thresholds: _t, rules: _u, ...others } = previous ?? {};
  const settings: ProjectSettings = { ...others };
  if (Object.keys(draft.roleMapping).length > 0) settings.roleMapping = draft.roleMapping;
  if (draft.combinedRole !== undefined) settings.combinedRole = draft.combinedRole;
  if (draft.ownerField !== undefined) settings.ownerField = draft.ownerField;
  if (Object.keys(thresholds).length > 0) settings.thresholds = thresholds;
  if (Object.keys(draft.rules).length > 0) settings.rules = draft.rules;
  return { settings, issues };
}

/**
 * Field issues as the form's paths: a project's own settings may come back prefixed `projects.KEY.`; the summary
 * at the top lists every issue, the fields show theirs.
 */
export function localIssues(issues: readonly FieldIssue[], projectKey: string | undefined): FieldIssue[] {
  const prefix = projectKey !== undefined ? `projects.${projectKey}.` : undefined;
  return issues.map((issue) =>
    prefix !== undefined && issue.path.startsWith(prefix) ? { ...issue, path: issue.path.slice(prefix.length) } : issue,
  );
}

/** The issues about a field: at its path or anywhere under it (`roleMapping.groups.pm` owns `roleMapping.groups.pm.0`). */
export function issuesAt(issues: readonly FieldIssue[], path: string): FieldIssue[] {
  return issues.filter((issue) => issue.path === path || issue.path.startsWith(`${path}.`));
}

/** Reads the FieldIssue[] an INVALID_INPUT error carries, ignoring anything malformed. */
export function fieldIssues(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (entry): entry is FieldIssue =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as FieldIssue).path === 'string' &&
      typeof (entry as FieldIssue).message === 'string',
  );
}

/** Whether the draft differs from what was loaded (compared as data, whatever order its keys were set in). */
export function isDirty(view: SettingsView, draft: SettingsDraft): boolean {
  return canonical(draftFromView(view)) !== canonical(draft);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
