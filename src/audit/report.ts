import type { EffectiveSettings, ProductRole } from '../config/types';
import type { Finding } from '../domain/finding';
import type { Action, Instant, Item, ReadProblem, Site, Sprint } from '../domain/model';
import { plannedSpan, sprintLengthDays, duringSprint } from '../horizon';
import { isRoadmapItem, ownerOf } from '../horizon/roadmap';
import type { ProjectRoleProposal, RoleDirectory, RoleInfo } from '../roles';
import type { AuditIndex, ClassifiedAction } from '../rules/types';
import { personName } from '../domain/text';
import { isHumanDecider } from '../rules/support';
import { decisionWeeks, deciderOf, type DatedDecision, type DecisionWeek } from './weekly';

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
  byProject: Record<string, SprintWork>;
}

/** A sprint's work in one project: what a panel opened on the sprint or its board is about. */
export interface SprintWork {
  items: number;
  poDecisions: number;
  /** The keys of the sprint's items in this project. */
  keys: string[];
  /**
   * Roadmap items (epics and above) these items hang under, up their parent chains: each with the projects its
   * chain passes through, so that a viewer who may not browse one of them does not see the link.
   */
  hangsUnder: Record<string, string[]>;
  /** Who decided what on these items during the sprint. */
  deciders: SprintDeciders;
}

/** Strategic and tactical decisions by account id. */
export type SprintDeciders = Record<string, { strategic: number; tactical: number }>;

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
  /** The last weeks' decisions from the project's histories, by who took them (src/audit/weekly.ts). */
  weeks: DecisionWeek[];
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
    const work = (key: string) =>
      (byProject[key] ??= { items: 0, poDecisions: 0, keys: [], hangsUnder: {}, deciders: {} });
    for (const item of items) {
      const counts = work(item.projectKey);
      counts.items++;
      counts.keys.push(item.key);
      const chainProjects = new Set([item.projectKey]);
      for (const ancestor of ancestorsOf(index, item)) {
        chainProjects.add(ancestor.projectKey);
        if (isRoadmapItem(ancestor)) counts.hangsUnder[ancestor.key] ??= [...chainProjects].sort();
      }
      for (const [decider, taken] of Object.entries(decidersDuring(index, roles, item, sprint))) {
        const known = (counts.deciders[decider] ??= { strategic: 0, tactical: 0 });
        known.strategic += taken.strategic;
        known.tactical += taken.tactical;
      }
      const decisions = poDecisionsDuring(index, roles, item, sprint);
      poDecisions += decisions;
      counts.poDecisions += decisions;
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

/** The items up an item's parent chain, nearest first (a chain that loops is walked once). */
function ancestorsOf(index: AuditIndex, item: Item): Item[] {
  const found: Item[] = [];
  const seen = new Set([item.key]);
  for (let parent = item.parentKey; parent !== undefined && !seen.has(parent);) {
    seen.add(parent);
    const next = index.items.get(parent);
    if (!next) break;
    found.push(next);
    parent = next.parentKey;
  }
  return found;
}

/** Tactical decisions on the item, made during the sprint by its project's POs (mapped or inferred). */
/** Who took an item's strategic and tactical decisions during a sprint, by person. */
function decidersDuring(index: AuditIndex, roles: RoleDirectory, item: Item, sprint: Sprint): SprintDeciders {
  const deciders: SprintDeciders = {};
  for (const { action, classification } of index.actionsByItem.get(item.key) ?? []) {
    if (classification.role === 'neutral' || !action.authorId || !duringSprint(action.at, sprint)) continue;
    (deciders[roles.canonical(action.authorId)] ??= { strategic: 0, tactical: 0 })[classification.role]++;
  }
  return deciders;
}

function poDecisionsDuring(index: AuditIndex, roles: RoleDirectory, item: Item, sprint: Sprint): number {
  let decisions = 0;
  for (const { action, classification } of index.actionsByItem.get(item.key) ?? []) {
    if (classification.role !== 'tactical' || !action.authorId || !duringSprint(action.at, sprint)) continue;
    if (roles.rolesIn(action.authorId, item.projectKey).roles.includes('po')) decisions++;
  }
  return decisions;
}

/**
 * An issue behind an issue security level and what it adds to the report: a viewer the level does not list must get
 * the report as if the issue were not there (see `withoutIssues` in visibility.ts), counts included.
 */
export interface SecuredIssue {
  key: string;
  projectKey: string;
  securityLevelId: string;
  /** Text naming the issue by its summary gives it away as much as its key does. */
  summary: string;
  actions: number;
  actionsInWindow: number;
  actionsBeforeWindow: number;
  actionsAfterNow: number;
  /** Its judged actions by who took them, as people's profiles count them. */
  byPerson: Record<string, RoleCounts>;
  /** The sprints it is in, with the PO decisions it adds to each… */
  poDecisionsBySprint: Record<string, number>;
  /** …and the decisions it adds to each sprint's deciders. */
  decidersBySprint: Record<string, SprintDeciders>;
  /** The roadmap item that counts it among its children, if any. */
  roadmapParentKey?: string;
}

/** The secured issues among `items`, with what each adds to the report's counts. */
export function securedIssues(
  index: AuditIndex,
  roles: RoleDirectory,
  items: readonly Item[],
  outside: (item: Item, actions: Action[]) => { before: number; after: number },
): SecuredIssue[] {
  const secured = items.filter((item) => item.securityLevelId !== undefined);
  if (secured.length === 0) return [];
  const keys = new Set(secured.map((item) => item.key));
  const actionsOf = new Map<string, Action[]>();
  for (const action of index.site.actions)
    if (keys.has(action.itemKey)) actionsOf.set(action.itemKey, [...(actionsOf.get(action.itemKey) ?? []), action]);
  return secured.map((item) => {
    const judged = index.actionsByItem.get(item.key) ?? [];
    const all = actionsOf.get(item.key) ?? [];
    const byPerson: Record<string, RoleCounts> = {};
    for (const { action, classification } of judged)
      if (action.authorId) (byPerson[roles.canonical(action.authorId)] ??= emptyCounts())[classification.role]++;
    const poDecisionsBySprint: Record<string, number> = {};
    const decidersBySprint: Record<string, SprintDeciders> = {};
    for (const sprintId of item.sprintIds) {
      const sprint = index.sprints.get(sprintId);
      if (!sprint) continue;
      poDecisionsBySprint[String(sprintId)] = poDecisionsDuring(index, roles, item, sprint);
      decidersBySprint[String(sprintId)] = decidersDuring(index, roles, item, sprint);
    }
    const parent = item.parentKey === undefined ? undefined : index.items.get(item.parentKey);
    const { before, after } = outside(item, all);
    return {
      key: item.key,
      projectKey: item.projectKey,
      securityLevelId: item.securityLevelId!,
      summary: item.summary,
      actions: all.length,
      actionsInWindow: judged.length,
      actionsBeforeWindow: before,
      actionsAfterNow: after,
      byPerson,
      poDecisionsBySprint,
      decidersBySprint,
      ...(parent && isRoadmapItem(parent) ? { roadmapParentKey: parent.key } : {}),
    };
  });
}

/**
 * The ids of the findings about each issue, by key. A finding about a person (a dual role, decisions on the other
 * role's side) is theirs alone: the issues it names are its evidence, so it is not counted on them.
 */
export function findingsByItem(findings: readonly Finding[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const finding of findings) {
    if (finding.subject.type === 'person') continue;
    for (const key of finding.issueKeys) byKey.set(key, [...(byKey.get(key) ?? []), finding.id]);
  }
  return byKey;
}

export function roadmapSummaries(
  index: AuditIndex,
  roles: RoleDirectory,
  settings: (projectKey: string) => EffectiveSettings,
  findings: readonly Finding[],
): RoadmapItemSummary[] {
  const findingsByKey = findingsByItem(findings);
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
  windowOf: (projectKey: string) => { since: Date; until: Date },
): ProjectSummary[] {
  const actionCounts = new Map<string, number>();
  const decided = new Map<string, DatedDecision[]>();
  for (const { action, item, classification } of actions) {
    actionCounts.set(item.projectKey, (actionCounts.get(item.projectKey) ?? 0) + 1);
    if (action.kind === 'comment' || classification.role === 'neutral' || !isHumanDecider(index, action.authorId))
      continue;
    const decider = deciderOf(roles.rolesIn(action.authorId, item.projectKey).roles);
    const project = decided.get(item.projectKey) ?? [];
    project.push({ at: action.at, decider, kind: classification.role });
    decided.set(item.projectKey, project);
  }
  const itemCounts = new Map<string, number>();
  for (const item of index.site.items) itemCounts.set(item.projectKey, (itemCounts.get(item.projectKey) ?? 0) + 1);
  const firstRecorded = firstActions(index);
  const proposals = new Map(
    roles.proposal(index.site.projects.map((project) => project.key)).map((entry) => [entry.projectKey, entry]),
  );
  return index.site.projects.map((project) => {
    const proposal = proposals.get(project.key);
    const window = windowOf(project.key);
    return {
      key: project.key,
      name: project.name,
      productManagers: roles.holders(project.key, 'pm'),
      productOwners: roles.holders(project.key, 'po'),
      ...(proposal ? { proposedRoles: { pm: proposal.pm, po: proposal.po } } : {}),
      combinedRole: roles.isCombinedRole(project.key),
      items: itemCounts.get(project.key) ?? 0,
      actions: actionCounts.get(project.key) ?? 0,
      weeks: decisionWeeks(decided.get(project.key) ?? [], {
        since: window.since,
        now: window.until,
        firstRecorded: firstRecorded.get(project.key),
      }),
    };
  });
}

/** Each project's earliest recorded action, in or before the window: before it, a project has no data. */
function firstActions(index: AuditIndex): Map<string, Instant> {
  const first = new Map<string, Instant>();
  for (const action of index.site.actions) {
    const projectKey = index.items.get(action.itemKey)?.projectKey;
    if (projectKey === undefined) continue;
    const known = first.get(projectKey);
    if (known === undefined || action.at < known) first.set(projectKey, action.at);
  }
  return first;
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
