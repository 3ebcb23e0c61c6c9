import { DEFAULT_THRESHOLDS } from '../criteria';
import type { AuditConfig, EffectiveSettings, ProjectSettings, RoleLists, RoleMapping } from './types';

export const DEFAULT_ROLE_MAPPING: RoleMapping = {
  projectRoles: { pm: ['Product Manager'], po: ['Product Owner'] },
  groups: { pm: [], po: [] },
  accounts: { pm: [], po: [] },
};

/** The audit window's default length: a quarter, so panels show how people work now rather than years ago. */
export const DEFAULT_AUDIT_WINDOW_DAYS = 90;

export function defaultConfig(): AuditConfig {
  return {
    version: 1,
    roleMapping: structuredClone(DEFAULT_ROLE_MAPPING),
    combinedRoleProjects: [],
    ownerField: 'assignee',
    thresholds: structuredClone(DEFAULT_THRESHOLDS),
    rules: {},
    auditWindowDays: DEFAULT_AUDIT_WINDOW_DAYS,
    suppressions: [],
    projects: {},
  };
}

/** The site's settings with one project's overrides laid over them, list by list and threshold by threshold. */
export function effectiveSettings(config: AuditConfig, projectKey: string | undefined): EffectiveSettings {
  const project: ProjectSettings = (projectKey !== undefined ? config.projects[projectKey] : undefined) ?? {};
  return {
    roleMapping: mergeMapping(config.roleMapping, project.roleMapping),
    combinedRole:
      project.combinedRole ?? (projectKey !== undefined && config.combinedRoleProjects.includes(projectKey)),
    ownerField: project.ownerField ?? config.ownerField,
    thresholds: {
      ...config.thresholds,
      ...project.thresholds,
      strategicHorizonMonths: {
        ...config.thresholds.strategicHorizonMonths,
        ...project.thresholds?.strategicHorizonMonths,
      },
      tacticalHorizonWeeks: { ...config.thresholds.tacticalHorizonWeeks, ...project.thresholds?.tacticalHorizonWeeks },
    },
    rules: mergeRules(config.rules, project.rules),
    auditWindowDays: project.auditWindowDays ?? config.auditWindowDays,
  };
}

function mergeMapping(site: RoleMapping, project: Partial<RoleMapping> | undefined): RoleMapping {
  const lists = (siteLists: RoleLists, projectLists: RoleLists | undefined): RoleLists => ({
    pm: projectLists?.pm ?? siteLists.pm,
    po: projectLists?.po ?? siteLists.po,
  });
  return {
    projectRoles: lists(site.projectRoles, project?.projectRoles),
    groups: lists(site.groups, project?.groups),
    accounts: lists(site.accounts, project?.accounts),
  };
}

function mergeRules(site: AuditConfig['rules'], project: ProjectSettings['rules']): AuditConfig['rules'] {
  const merged: AuditConfig['rules'] = { ...site };
  for (const [rule, setting] of Object.entries(project ?? {})) {
    merged[rule] = { ...site[rule], ...setting, options: { ...site[rule]?.options, ...setting.options } };
  }
  return merged;
}
