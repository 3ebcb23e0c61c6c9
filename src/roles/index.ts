import { effectiveSettings } from '../config/defaults';
import type { AuditConfig, ProductRole, RoleMapping } from '../config/types';
import type { Site } from '../domain/model';

/** Where a person's role came from; `inferred` roles are guesses from the person's own actions and say so. */
export type RoleSource = 'project-role' | 'group' | 'account' | 'inferred';

export interface RoleInfo {
  roles: ProductRole[];
  sources: RoleSource[];
  /** `project`: mapped in this project; `site`: mapped elsewhere on the site; `inferred`; or `none`. */
  scope: 'project' | 'site' | 'inferred' | 'none';
}

/** What kinds of action a person took: the only input of role inference. */
export interface DecisionCounts {
  strategic: number;
  tactical: number;
  neutral: number;
}

export interface InferenceSettings {
  /** Fewer decisions than this say nothing about a person. */
  minDecisions: number;
  /** Decisions must be at least this share of the person's actions: a developer who re-estimates now and then is no PO. */
  minDecisionShare: number;
  /** The share of one kind among the decisions needed to infer the matching role. */
  minShare: number;
}

export const DEFAULT_INFERENCE: InferenceSettings = { minDecisions: 3, minDecisionShare: 0.25, minShare: 0.65 };

interface Mapped {
  roles: Set<ProductRole>;
  sources: Set<RoleSource>;
}

export class RoleDirectory {
  private readonly byProject = new Map<string, Map<string, Mapped>>();
  private readonly siteWide = new Map<string, Mapped>();
  private readonly inferred = new Map<string, ProductRole>();
  private readonly combined = new Set<string>();

  constructor(
    site: Site,
    config: AuditConfig,
    decisions: ReadonlyMap<string, DecisionCounts>,
    inference: InferenceSettings = DEFAULT_INFERENCE,
  ) {
    const groupMembers = new Map(site.groups.map((group) => [group.name.toLowerCase(), group.memberIds]));
    for (const project of site.projects) {
      const settings = effectiveSettings(config, project.key);
      if (settings.combinedRole) this.combined.add(project.key);
      const mapped = new Map<string, Mapped>();
      const add = (accountId: string, role: ProductRole, source: RoleSource) => {
        const entry = mapped.get(accountId) ?? { roles: new Set(), sources: new Set() };
        entry.roles.add(role);
        entry.sources.add(source);
        mapped.set(accountId, entry);
      };
      for (const role of ['pm', 'po'] as const) {
        const names = lowerSet(settings.roleMapping.projectRoles[role]);
        for (const projectRole of project.roles) {
          if (!names.has(projectRole.name.toLowerCase())) continue;
          projectRole.accountIds.forEach((id) => add(id, role, 'project-role'));
          for (const group of projectRole.groupNames)
            (groupMembers.get(group.toLowerCase()) ?? []).forEach((id) => add(id, role, 'project-role'));
        }
        for (const group of settings.roleMapping.groups[role])
          (groupMembers.get(group.toLowerCase()) ?? []).forEach((id) => add(id, role, 'group'));
        settings.roleMapping.accounts[role].forEach((id) => add(id, role, 'account'));
      }
      this.byProject.set(project.key, mapped);
      for (const [accountId, entry] of mapped) {
        const known = this.siteWide.get(accountId) ?? { roles: new Set(), sources: new Set() };
        entry.roles.forEach((role) => known.roles.add(role));
        entry.sources.forEach((source) => known.sources.add(source));
        this.siteWide.set(accountId, known);
      }
    }
    addSiteWideMapping(this.siteWide, config.roleMapping, groupMembers);
    for (const [accountId, counts] of decisions) {
      if (this.siteWide.has(accountId)) continue;
      const role = inferRole(counts, inference);
      if (role) this.inferred.set(accountId, role);
    }
  }

  /** The person's roles for work in this project: mapped here, else mapped elsewhere on the site, else inferred. */
  rolesIn(accountId: string, projectKey: string): RoleInfo {
    const here = this.byProject.get(projectKey)?.get(accountId);
    if (here) return { roles: sortRoles(here.roles), sources: [...here.sources].sort(), scope: 'project' };
    const elsewhere = this.siteWide.get(accountId);
    if (elsewhere) return { roles: sortRoles(elsewhere.roles), sources: [...elsewhere.sources].sort(), scope: 'site' };
    const guess = this.inferred.get(accountId);
    if (guess) return { roles: [guess], sources: ['inferred'], scope: 'inferred' };
    return { roles: [], sources: [], scope: 'none' };
  }

  /** The person's roles anywhere, for site-wide reports. */
  siteRoles(accountId: string): RoleInfo {
    const mapped = this.siteWide.get(accountId);
    if (mapped) return { roles: sortRoles(mapped.roles), sources: [...mapped.sources].sort(), scope: 'site' };
    const guess = this.inferred.get(accountId);
    return guess
      ? { roles: [guess], sources: ['inferred'], scope: 'inferred' }
      : { roles: [], sources: [], scope: 'none' };
  }

  /** People mapped to the role in this project (inferred roles do not make a project staffed). */
  holders(projectKey: string, role: ProductRole): string[] {
    return [...(this.byProject.get(projectKey) ?? new Map<string, Mapped>()).entries()]
      .filter(([, entry]) => entry.roles.has(role))
      .map(([accountId]) => accountId)
      .sort();
  }

  isCombinedRole(projectKey: string): boolean {
    return this.combined.has(projectKey);
  }
}

/** Site-wide groups and accounts also count for projects the site does not list (e.g. ones the reader could not see). */
function addSiteWideMapping(
  siteWide: Map<string, Mapped>,
  mapping: RoleMapping,
  groupMembers: Map<string, string[]>,
): void {
  for (const role of ['pm', 'po'] as const) {
    const add = (accountId: string, source: RoleSource) => {
      const entry = siteWide.get(accountId) ?? { roles: new Set(), sources: new Set() };
      entry.roles.add(role);
      entry.sources.add(source);
      siteWide.set(accountId, entry);
    };
    for (const group of mapping.groups[role])
      (groupMembers.get(group.toLowerCase()) ?? []).forEach((id) => add(id, 'group'));
    mapping.accounts[role].forEach((id) => add(id, 'account'));
  }
}

export function inferRole(
  counts: DecisionCounts,
  settings: InferenceSettings = DEFAULT_INFERENCE,
): ProductRole | undefined {
  const decisions = counts.strategic + counts.tactical;
  if (decisions < settings.minDecisions || decisions < settings.minDecisionShare * (decisions + counts.neutral))
    return undefined;
  if (counts.strategic / decisions >= settings.minShare) return 'pm';
  if (counts.tactical / decisions >= settings.minShare) return 'po';
  return undefined;
}

function lowerSet(values: string[]): Set<string> {
  return new Set(values.map((value) => value.toLowerCase()));
}

function sortRoles(roles: Set<ProductRole>): ProductRole[] {
  return (['pm', 'po'] as const).filter((role) => roles.has(role));
}
