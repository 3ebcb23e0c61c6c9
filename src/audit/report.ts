import type { EffectiveSettings, ProductRole } from '../config/types';
import type { Finding } from '../domain/finding';
import type { Instant, ReadProblem, Site } from '../domain/model';
import { plannedSpan, sprintLengthDays, duringSprint } from '../horizon';
import { isRoadmapItem, ownerOf } from '../horizon/roadmap';
import type { ProjectRoleProposal, RoleDirectory, RoleInfo } from '../roles';
import type { AuditIndex, ClassifiedAction } from '../rules/types';
import { personName } from '../domain/text';

export interface RoleCounts {
  strategic: number;
  tactical: number;
  neutral: number;
}

export interface PersonProfile {
  accountId: string;
  displayName: string;
  kind: string;
  /** The account is deactivated or deleted (Jira shows "Former user"): its past work counts, but it is nobody to ask. */
  former?: true;
  roles: ProductRole[];
  roleSources: RoleInfo['sources'];
  roleScope: RoleInfo['scope'];
  /** For inferred roles: the decisions each rests on, per project. */
  inferredFrom?: RoleInfo['inferredFrom'];
  counts: RoleCounts;
  /** Shares of all actions in the window, 0..1. */
  share: RoleCounts;
  projects: string[];
  /** The same counts per project, so a view of one project can show the person's work there. */
  byProject: Record<string, RoleCounts>;
}

export interface SprintSummary {
  id: number;
  name: string;
  state: string;
  boardId?: number;
  projectKey?: string;
  startDate?: Instant;
  endDate?: Instant;
  lengthDays?: number;
  goal?: string;
  /** Whether the source records sprint goals, so that a missing goal means none was set. */
  goalKnown: boolean;
  items: number;
  /** Tactical decisions on the sprint's items, made during the sprint by its project's POs (mapped or inferred). */
  poDecisions: number;
  /** Both counts by the project of the items, so a viewer who may not browse some of them sees only the rest. */
  byProject: Record<string, { items: number; poDecisions: number }>;
}

export interface RoadmapItemSummary {
  key: string;
  summary: string;
  projectKey: string;
  type: string;
  hierarchyLevel: number;
  ownerId?: string;
  ownerName?: string;
  ownerRoles: ProductRole[];
  start?: string;
  end?: string;
  spanDays?: number;
  children: number;
  /** Children by project, so a viewer who may not browse some projects counts only the rest. */
  childrenByProject: Record<string, number>;
  findings: string[];
}

export interface ProjectSummary {
  key: string;
  name: string;
  productManagers: string[];
  productOwners: string[];
  /** With nobody mapped: the people whose decisions dominate, proposed per role, for an admin to confirm. */
  proposedRoles?: Pick<ProjectRoleProposal, 'pm' | 'po'>;
  combinedRole: boolean;
  items: number;
  actions: number;
}

export interface Coverage {
  projects: number;
  issues: number;
  actions: number;
  /** Actions judged: inside their project's window, each decision once. */
  actionsInWindow: number;
  /** Actions older than their project's window: not judged. */
  actionsBeforeWindow: number;
  /** Actions later than the audit's now (an export's capture time estimated too early, a clock ahead): not judged. */
  actionsAfterNow: number;
  /** Changes inside the window that repeat another's move (a parent and an Epic Link written together), counted with it. */
  repeatedMoves: number;
  people: number;
  boards: number;
  sprints: number;
  /** What could not be read or taken in, and why. */
  unread: ReadProblem[];
}

export function buildCoverage(
  site: Site,
  actions: { inWindow: number; before: number; after: number; repeats: number },
): Coverage {
  return {
    projects: site.projects.length,
    issues: site.items.length,
    actions: site.actions.length,
    actionsInWindow: actions.inWindow,
    actionsBeforeWindow: actions.before,
    actionsAfterNow: actions.after,
    repeatedMoves: actions.repeats,
    people: site.people.length,
    boards: site.boards.length,
    sprints: site.sprints.length,
    unread: site.problems,
  };
}

export function personProfiles(
  index: AuditIndex,
  actions: readonly ClassifiedAction[],
  roles: RoleDirectory,
): PersonProfile[] {
  const counts = new Map<string, { counts: RoleCounts; byProject: Record<string, RoleCounts> }>();
  for (const { action, item, classification } of actions) {
    if (!action.authorId) continue;
    // One person's several accounts (configured aliases) are one row.
    const accountId = roles.canonical(action.authorId);
    const entry = counts.get(accountId) ?? { counts: emptyCounts(), byProject: {} };
    entry.counts[classification.role]++;
    (entry.byProject[item.projectKey] ??= emptyCounts())[classification.role]++;
    counts.set(accountId, entry);
  }
  return [...counts.entries()]
    .map(([accountId, entry]) => {
      const person = index.people.get(accountId);
      const role = roles.siteRoles(accountId);
      return {
        accountId,
        displayName: person?.displayName ?? 'Unknown user',
        kind: person?.kind ?? 'unknown',
        ...(person && (person.deleted || !person.active) ? { former: true as const } : {}),
        roles: role.roles,
        roleSources: role.sources,
        roleScope: role.scope,
        ...(role.inferredFrom ? { inferredFrom: role.inferredFrom } : {}),
        counts: entry.counts,
        share: shares(entry.counts),
        projects: Object.keys(entry.byProject).sort(),
        byProject: entry.byProject,
      };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.accountId.localeCompare(b.accountId));
}

export function sprintSummaries(index: AuditIndex, roles: RoleDirectory): SprintSummary[] {
  return index.site.sprints.map((sprint) => {
    const items = index.itemsBySprint.get(sprint.id) ?? [];
    const projectKey = index.sprintProjects.get(sprint.id);
    let poDecisions = 0;
    const byProject: SprintSummary['byProject'] = {};
    for (const item of items) {
      const counts = (byProject[item.projectKey] ??= { items: 0, poDecisions: 0 });
      counts.items++;
      for (const { action, classification } of index.actionsByItem.get(item.key) ?? []) {
        if (classification.role !== 'tactical' || !action.authorId || !duringSprint(action.at, sprint)) continue;
        const role = roles.rolesIn(action.authorId, item.projectKey);
        if (role.roles.includes('po')) {
          poDecisions++;
          counts.poDecisions++;
        }
      }
    }
    const summary: SprintSummary = {
      id: sprint.id,
      name: sprint.name,
      state: sprint.state,
      items: items.length,
      poDecisions,
      byProject,
      goalKnown: sprint.goalKnown === true,
    };
    if (sprint.boardId !== undefined) summary.boardId = sprint.boardId;
    if (projectKey) summary.projectKey = projectKey;
    if (sprint.startDate) summary.startDate = sprint.startDate;
    if (sprint.endDate) summary.endDate = sprint.endDate;
    const length = sprintLengthDays(sprint);
    if (length !== undefined) summary.lengthDays = length;
    if (sprint.goal) summary.goal = sprint.goal;
    return summary;
  });
}

export function roadmapSummaries(
  index: AuditIndex,
  roles: RoleDirectory,
  settings: (projectKey: string) => EffectiveSettings,
  findings: readonly Finding[],
): RoadmapItemSummary[] {
  const findingsByKey = new Map<string, string[]>();
  for (const finding of findings)
    for (const key of finding.issueKeys) findingsByKey.set(key, [...(findingsByKey.get(key) ?? []), finding.id]);
  return index.site.items.filter(isRoadmapItem).map((item) => {
    const ownerId = ownerOf(item, settings(item.projectKey));
    const span = plannedSpan(item);
    const summary: RoadmapItemSummary = {
      key: item.key,
      summary: item.summary,
      projectKey: item.projectKey,
      type: item.type.name,
      hierarchyLevel: item.type.hierarchyLevel,
      ownerRoles: ownerId ? roles.rolesIn(ownerId, item.projectKey).roles : [],
      children: index.children.get(item.key)?.length ?? 0,
      childrenByProject: countBy(index.children.get(item.key) ?? [], (child) => child.projectKey),
      findings: findingsByKey.get(item.key) ?? [],
    };
    if (ownerId) {
      summary.ownerId = ownerId;
      summary.ownerName = personName(index, ownerId);
    }
    if (span) Object.assign(summary, { start: span.start, end: span.end, spanDays: span.days });
    return summary;
  });
}

export function projectSummaries(
  index: AuditIndex,
  roles: RoleDirectory,
  actions: readonly ClassifiedAction[],
): ProjectSummary[] {
  const actionCounts = new Map<string, number>();
  for (const { item } of actions) actionCounts.set(item.projectKey, (actionCounts.get(item.projectKey) ?? 0) + 1);
  const itemCounts = new Map<string, number>();
  for (const item of index.site.items) itemCounts.set(item.projectKey, (itemCounts.get(item.projectKey) ?? 0) + 1);
  const proposals = new Map(
    roles.proposal(index.site.projects.map((project) => project.key)).map((entry) => [entry.projectKey, entry]),
  );
  return index.site.projects.map((project) => {
    const proposal = proposals.get(project.key);
    return {
      key: project.key,
      name: project.name,
      productManagers: roles.holders(project.key, 'pm'),
      productOwners: roles.holders(project.key, 'po'),
      ...(proposal ? { proposedRoles: { pm: proposal.pm, po: proposal.po } } : {}),
      combinedRole: roles.isCombinedRole(project.key),
      items: itemCounts.get(project.key) ?? 0,
      actions: actionCounts.get(project.key) ?? 0,
    };
  });
}

/** The profile with counts and shares of the person's work in one project only. */
export function profileInProject(profile: PersonProfile, projectKey: string): PersonProfile {
  const counts = profile.byProject[projectKey] ?? emptyCounts();
  return { ...profile, counts, share: shares(counts), projects: [projectKey], byProject: { [projectKey]: counts } };
}

function countBy<T>(values: readonly T[], keyOf: (value: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[keyOf(value)] = (counts[keyOf(value)] ?? 0) + 1;
  return counts;
}

function emptyCounts(): RoleCounts {
  return { strategic: 0, tactical: 0, neutral: 0 };
}

export function shares(counts: RoleCounts): RoleCounts {
  const total = counts.strategic + counts.tactical + counts.neutral;
  return {
    strategic: ratio(counts.strategic, total),
    tactical: ratio(counts.tactical, total),
    neutral: ratio(counts.neutral, total),
  };
}

function ratio(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 1000) / 1000;
}
