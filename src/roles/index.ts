import { effectiveSettings } from '../config/defaults';
import type { AuditConfig, ProductRole, RoleMapping } from '../config/types';
import type { Site } from '../domain/model';

/** Where a person's role came from; `inferred` roles are guesses from the person's own decisions and say so. */
export type RoleSource = 'project-role' | 'group' | 'account' | 'inferred';

/** What an inferred role rests on: the person's decisions in one project. */
export interface RoleEvidence {
  role: ProductRole;
  projectKey: string;
  /** Decisions of the role's kind there: strategic for a PM, tactical for a PO. */
  decisions: number;
  /** All the person's decisions (strategic or tactical) there. */
  allDecisions: number;
}

export interface RoleInfo {
  roles: ProductRole[];
  sources: RoleSource[];
  /** `project`: mapped in this project; `site`: mapped elsewhere on the site; `inferred`; or `none`. */
  scope: 'project' | 'site' | 'inferred' | 'none';
  /** For inferred roles: the decisions each rests on, one entry per project and role. */
  inferredFrom?: RoleEvidence[];
}

/** What kinds of action a person took: the only input of role inference. */
export interface DecisionCounts {
  strategic: number;
  tactical: number;
  neutral: number;
}

/** Each project's decision counts by account id. */
export type DecisionsByProject = ReadonlyMap<string, ReadonlyMap<string, DecisionCounts>>;

export interface InferenceSettings {
  /** Fewer decisions of the role's kind in a project than this say nothing about a person there. */
  minDecisions: number;
  /** The share of one kind among the person's decisions in the project needed to infer the matching role. */
  minShare: number;
  /**
   * The person's decisions of the kind must be at least this share of all such decisions in the project: someone
   * who made a handful among thousands is a passer-by, not who decides there.
   */
  minProjectShare: number;
}

/**
 * No threshold on decisions as a share of all the person's actions: a PO who also answers every question on the
 * tracker makes most of their actions comments, and is still the PO.
 */
export const DEFAULT_INFERENCE: InferenceSettings = { minDecisions: 5, minShare: 0.65, minProjectShare: 0.02 };

/**
 * The people whose decisions dominate a project with nobody mapped, proposed for each role: everyone whose role is
 * inferred there (each made a fair part of the project's decisions of the kind), the most decisions first.
 */
export interface ProjectRoleProposal {
  projectKey: string;
  pm: Array<RoleEvidence & { accountId: string }>;
  po: Array<RoleEvidence & { accountId: string }>;
}

interface Mapped {
  roles: Set<ProductRole>;
  sources: Set<RoleSource>;
}

type Holder = RoleEvidence & { accountId: string };

export class RoleDirectory {
  private readonly byProject = new Map<string, Map<string, Mapped>>();
  private readonly siteWide = new Map<string, Mapped>();
  /** Per project, per person: the role inferred there and what it rests on. */
  private readonly inferred = new Map<string, Map<string, RoleEvidence>>();
  private readonly combined = new Set<string>();
  private readonly aliases: ReadonlyMap<string, string>;
  /** Projects where people (not apps) took actions. */
  private readonly acted = new Set<string>();

  constructor(
    site: Site,
    config: AuditConfig,
    decisions: DecisionsByProject,
    inference: InferenceSettings = DEFAULT_INFERENCE,
  ) {
    this.aliases = new Map(Object.entries(config.roleMapping.aliases ?? {}));
    const groupMembers = new Map(site.groups.map((group) => [group.name.toLowerCase(), group.memberIds]));
    for (const project of site.projects) {
      const settings = effectiveSettings(config, project.key);
      if (settings.combinedRole) this.combined.add(project.key);
      const mapped = new Map<string, Mapped>();
      const add = (accountId: string, role: ProductRole, source: RoleSource) => {
        const canonical = this.canonical(accountId);
        const entry = mapped.get(canonical) ?? { roles: new Set(), sources: new Set() };
        entry.roles.add(role);
        entry.sources.add(source);
        mapped.set(canonical, entry);
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
    addSiteWideMapping(this.siteWide, config.roleMapping, groupMembers, (id) => this.canonical(id));
    const apps = new Set(site.people.filter((person) => person.kind === 'app').map((person) => person.accountId));
    for (const [projectKey, byAccount] of decisions) {
      const joined = new Map<string, DecisionCounts>();
      for (const [accountId, counts] of byAccount) {
        if (apps.has(accountId)) continue;
        const canonical = this.canonical(accountId);
        const sum = joined.get(canonical) ?? { strategic: 0, tactical: 0, neutral: 0 };
        sum.strategic += counts.strategic;
        sum.tactical += counts.tactical;
        sum.neutral += counts.neutral;
        joined.set(canonical, sum);
      }
      const totals = { strategic: 0, tactical: 0 };
      for (const counts of joined.values()) {
        totals.strategic += counts.strategic;
        totals.tactical += counts.tactical;
      }
      if (joined.size > 0) this.acted.add(projectKey);
      const here = new Map<string, RoleEvidence>();
      for (const [accountId, counts] of joined) {
        if (this.siteWide.has(accountId)) continue;
        const evidence = inferRoleIn(projectKey, counts, totals, inference);
        // Inference fills gaps only: where the project has someone mapped to the role, whoever else does that work
        // stands in for them and is not a second holder.
        if (evidence && this.holders(projectKey, evidence.role).length === 0) here.set(accountId, evidence);
      }
      if (here.size > 0) this.inferred.set(projectKey, here);
    }
  }

  /** The account that stands for this one: its configured alias target, else itself. */
  canonical(accountId: string): string {
    return this.aliases.get(accountId) ?? accountId;
  }

  /**
   * The person's roles for work in this project: mapped here, else mapped elsewhere on the site, else inferred from
   * their decisions in this project. The one resolution every rule and the people table use.
   */
  rolesIn(accountId: string, projectKey: string): RoleInfo {
    const id = this.canonical(accountId);
    const here = this.byProject.get(projectKey)?.get(id);
    if (here) return { roles: sortRoles(here.roles), sources: [...here.sources].sort(), scope: 'project' };
    const elsewhere = this.siteWide.get(id);
    if (elsewhere) return { roles: sortRoles(elsewhere.roles), sources: [...elsewhere.sources].sort(), scope: 'site' };
    const evidence = this.inferred.get(projectKey)?.get(id);
    if (evidence) return { roles: [evidence.role], sources: ['inferred'], scope: 'inferred', inferredFrom: [evidence] };
    return { roles: [], sources: [], scope: 'none' };
  }

  /** The person's roles anywhere, for site-wide reports: mapped, else every role inferred in some project. */
  siteRoles(accountId: string): RoleInfo {
    const id = this.canonical(accountId);
    const mapped = this.siteWide.get(id);
    if (mapped) return { roles: sortRoles(mapped.roles), sources: [...mapped.sources].sort(), scope: 'site' };
    const evidence = [...this.inferred.values()]
      .flatMap((byAccount) => byAccount.get(id) ?? [])
      .sort((a, b) => b.decisions - a.decisions || a.projectKey.localeCompare(b.projectKey));
    if (evidence.length === 0) return { roles: [], sources: [], scope: 'none' };
    return {
      roles: sortRoles(new Set(evidence.map((entry) => entry.role))),
      sources: ['inferred'],
      scope: 'inferred',
      inferredFrom: evidence,
    };
  }

  /** People mapped to the role in this project (inferred roles do not make a project staffed). */
  holders(projectKey: string, role: ProductRole): string[] {
    return [...(this.byProject.get(projectKey) ?? new Map<string, Mapped>()).entries()]
      .filter(([, entry]) => entry.roles.has(role))
      .map(([accountId]) => accountId)
      .sort();
  }

  /** People whose role in this project is inferred, the most decisions first. */
  inferredHolders(projectKey: string, role: ProductRole): Holder[] {
    return [...(this.inferred.get(projectKey) ?? new Map<string, RoleEvidence>()).entries()]
      .filter(([, evidence]) => evidence.role === role)
      .map(([accountId, evidence]) => ({ accountId, ...evidence }))
      .sort((a, b) => b.decisions - a.decisions || a.accountId.localeCompare(b.accountId));
  }

  /** Projects where people took actions and nobody is mapped to either role, sorted. */
  unmappedProjectsWithWork(): string[] {
    return [...this.acted].filter((projectKey) => !this.hasMapping(projectKey)).sort();
  }

  /** Whether anyone at all is mapped to either role in this project. */
  hasMapping(projectKey: string): boolean {
    return (this.byProject.get(projectKey)?.size ?? 0) > 0;
  }

  /**
   * For each of these projects with nobody mapped, the people whose decisions dominate there, per role: what an admin
   * can confirm as the project's mapping. Projects with no such people are left out.
   */
  proposal(projectKeys: Iterable<string>): ProjectRoleProposal[] {
    return [...new Set(projectKeys)]
      .filter((projectKey) => !this.hasMapping(projectKey))
      .sort()
      .map((projectKey) => ({
        projectKey,
        pm: this.inferredHolders(projectKey, 'pm'),
        po: this.inferredHolders(projectKey, 'po'),
      }))
      .filter((entry) => entry.pm.length + entry.po.length > 0);
  }

  isCombinedRole(projectKey: string): boolean {
    return this.combined.has(projectKey);
  }
}

const DECISION_WORDS: Record<ProductRole, string> = { pm: 'roadmap decision', po: 'backlog decision' };

/** "inferred PO from 14 backlog decisions in TIMOB, 93% of their decisions there": how sure, in words. */
export function describeInference(evidence: RoleEvidence): string {
  const share = Math.round((100 * evidence.decisions) / Math.max(1, evidence.allDecisions));
  const word = DECISION_WORDS[evidence.role];
  return `inferred ${evidence.role.toUpperCase()} from ${evidence.decisions} ${evidence.decisions === 1 ? word : `${word}s`} in ${evidence.projectKey}, ${share}% of their decisions there`;
}

/** Site-wide groups and accounts also count for projects the site does not list (e.g. ones the reader could not see). */
function addSiteWideMapping(
  siteWide: Map<string, Mapped>,
  mapping: RoleMapping,
  groupMembers: Map<string, string[]>,
  canonical: (accountId: string) => string,
): void {
  for (const role of ['pm', 'po'] as const) {
    const add = (accountId: string, source: RoleSource) => {
      const id = canonical(accountId);
      const entry = siteWide.get(id) ?? { roles: new Set(), sources: new Set() };
      entry.roles.add(role);
      entry.sources.add(source);
      siteWide.set(id, entry);
    };
    for (const group of mapping.groups[role])
      (groupMembers.get(group.toLowerCase()) ?? []).forEach((id) => add(id, 'group'));
    mapping.accounts[role].forEach((id) => add(id, 'account'));
  }
}

/**
 * The role a person's decisions in one project point to, with what it rests on: enough decisions of one kind, most
 * of the person's decisions there, and a fair part of all such decisions in the project. Neutral actions (comments
 * that merely discuss, requests, verification) never count, so people who only talk get no role.
 */
export function inferRoleIn(
  projectKey: string,
  counts: DecisionCounts,
  projectTotals: Pick<DecisionCounts, 'strategic' | 'tactical'>,
  settings: InferenceSettings = DEFAULT_INFERENCE,
): RoleEvidence | undefined {
  const allDecisions = counts.strategic + counts.tactical;
  for (const [role, kind] of [
    ['pm', 'strategic'],
    ['po', 'tactical'],
  ] as const) {
    const decisions = counts[kind];
    if (
      decisions >= settings.minDecisions &&
      decisions >= settings.minShare * allDecisions &&
      decisions >= settings.minProjectShare * projectTotals[kind]
    )
      return { role, projectKey, decisions, allDecisions };
  }
  return undefined;
}

function lowerSet(values: string[]): Set<string> {
  return new Set(values.map((value) => value.toLowerCase()));
}

function sortRoles(roles: Set<ProductRole>): ProductRole[] {
  return (['pm', 'po'] as const).filter((role) => roles.has(role));
}
