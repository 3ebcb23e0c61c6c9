/**
 * Auditing a site a project at a time, so that memory grows with the largest project rather than with the site.
 *
 * Rules look across projects (an epic's initiative lives in the portfolio project, a person's strategic work in
 * one project makes their tactical work in another a dual role, role inference counts all of a person's work), so
 * each project's audit gets a compact picture of the rest of the site, built in two passes over the projects:
 * 1. `outlineProject`: where the project's items sit (key, parent, sprints), its people, boards, sprints and what
 *    could not be read — merged into a `SiteOutline`; `outlinedItems` gives the items themselves without their
 *    texts, which a project's audit needs only of the other projects' items related to its own;
 * 2. `projectDecisions`: what kinds of decision people took in the project (role inference) and the strategic
 *    decisions themselves (overlap/dual-role weighs them against tactical work elsewhere).
 * Then `auditProject` audits one project with the outline, every project's decisions, and the actions of the other
 * projects' items its rules read (`foreignNeeds`: parents up the chain, items of its sprints), keeping the findings
 * whose settings are the project's own. `mergeProjectAudits` puts the parts together into the report `auditSite`
 * would have made of the whole site at once.
 */
import type { AuditConfig } from '../config/types';
import type { Action, Item, Person, ReadProblem, Release, Site } from '../domain/model';
import { sprintProjects } from '../domain/sprint-project';
import { compareActions, compareItems, fullerPerson, withSprint } from '../domain/join';
import { RoleDirectory, type DecisionCounts } from '../roles';
import { RULE_LIST } from '../rules';
import type { AnyRule, ClassifiedAction } from '../rules/types';
import { roleEvidence, settingsLookup, type AuditOptions, type AuditReport } from './index';
import { buildIndex, classifySite, countedOnce, outsideWindow } from './index-site';
import {
  personProfiles,
  projectSummaries,
  findingsByItem,
  roadmapSummaries,
  securedIssues,
  shares,
  sprintSummaries,
  type Coverage,
  type SecuredIssue,
  type PersonProfile,
  type ProjectSummary,
  type RoadmapItemSummary,
  type SprintSummary,
} from './report';
import { compareFindings } from '../domain/finding';
import { runRules, type RuleRun } from './run-rules';
import { auditWindow, projectWindow } from './window';

/** A project as normalised on its own: its items and actions, with the people, boards and sprints it names. */
export type ProjectSite = Site;

/** Where an item sits among the site's items: what cross-project links and site order need of it. */
export type ItemLink = Pick<Item, 'key' | 'projectKey' | 'parentKey' | 'sprintIds'>;

/**
 * What the rest of the site needs of one project: everything but the actions, with its items as links only. A big
 * site's items do not fit a function's memory at once; a project's audit reads the related ones (`relatedItems`).
 */
export interface ProjectOutline extends Omit<Site, 'actions' | 'items'> {
  projectKey: string;
  actionCount: number;
  items: ItemLink[];
}

/** Every project's outline together: the site without its actions, its items as links. */
export interface SiteOutline extends Omit<Site, 'actions' | 'items'> {
  actionCount: number;
  items: ItemLink[];
}

/** What people decided in one project: counts for role inference (its own items only), and the strategic decisions themselves. */
export interface ProjectDecisions {
  projectKey: string;
  decisions: Record<string, DecisionCounts>;
  /** Strategic changes and creations (not comments) in the window: overlap/dual-role weighs them site-wide… */
  strategic: Action[];
  /** …with their items whole, so that they are classified as they were here. */
  strategicItems: Item[];
}

/** Other projects' items (whole, with their actions) that one project's audit reads. */
export interface ForeignItems {
  items: Item[];
  actions: Action[];
}

/** One project's part of the report. */
export interface ProjectAudit {
  projectKey: string;
  actionsInWindow: number;
  /** What the project's own data came to: a viewer who may browse some projects only sees the sum of theirs. */
  coverage: Coverage;
  findings: RuleRun['findings'];
  suppressed: RuleRun['suppressed'];
  /** Counts of this project's work only; merged across parts. */
  people: PersonProfile[];
  project?: ProjectSummary;
  /** The sprints that belong to this project (see `sprintProjects`), and sprints of no project. */
  sprints: SprintSummary[];
  roadmapItems: RoadmapItemSummary[];
  /** The project's own issues behind an issue security level. */
  securedIssues: SecuredIssue[];
}

export interface ShardedAuditOptions extends Pick<AuditOptions, 'now' | 'since' | 'generatedAt'> {
  rules?: readonly AnyRule[];
}

/** Pass one: the project's frame and where its items sit. */
export function outlineProject(site: ProjectSite, projectKey: string): ProjectOutline {
  const { actions, items, ...frame } = site;
  return {
    ...frame,
    projectKey,
    items: items.filter((item) => item.projectKey === projectKey).map(itemLink),
    actionCount: actions.length,
  };
}

function itemLink(item: ItemLink): ItemLink {
  return {
    key: item.key,
    projectKey: item.projectKey,
    ...(item.parentKey === undefined ? {} : { parentKey: item.parentKey }),
    sprintIds: item.sprintIds,
  };
}

/**
 * The project's items as other projects' audits read them: without their descriptions, sharing their equal parts
 * (issue types, statuses, people, empty lists) through `pool`, since a big site's items are mostly the same few
 * values over and over. Use one pool for every project of a site.
 */
export function outlinedItems(site: ProjectSite, projectKey: string, pool: ValuePool = new ValuePool()): Item[] {
  return site.items.filter((item) => item.projectKey === projectKey).map((item) => outlinedItem(item, pool));
}

/** Equal values, kept once and handed out frozen: whoever holds one shares it and may not change it. */
export class ValuePool {
  private readonly values = new Map<string, unknown>();

  share<T>(value: T): T {
    const key = typeof value === 'string' ? `s${value}` : `j${JSON.stringify(value)}`;
    const known = this.values.get(key);
    if (known !== undefined) return known as T;
    this.values.set(key, typeof value === 'object' && value !== null ? Object.freeze(value) : value);
    return value;
  }
}

/** Projects' outlines as one: people, groups, boards and sprints by id, problems once each, items in site order. */
export function mergeOutlines<Link extends ItemLink>(
  outlines: readonly (ProjectOutline & { items: Link[] })[],
): SiteOutline & { items: Link[] } {
  const first = outlines[0];
  if (!first) throw new Error('A site outline needs at least one project.');
  const people = new Map<string, Person>();
  const groups = new Map<string, Site['groups'][number]>();
  const boards = new Map<number, Site['boards'][number]>();
  const sprints = new Map<number, Site['sprints'][number]>();
  const projects = new Map<string, Site['projects'][number]>();
  const problems = new Map<string, Site['problems'][number]>();
  const releases = new Map<string, Release>();
  for (const outline of outlines) {
    for (const release of outline.releases ?? []) {
      const key = `${release.projectKey}/${release.id ?? release.name}`;
      if (!releases.has(key)) releases.set(key, release);
    }
    outline.people.forEach((person) =>
      people.set(person.accountId, fullerPerson(people.get(person.accountId), person)),
    );
    outline.groups.forEach((group) => groups.set(group.name, groups.get(group.name) ?? group));
    outline.boards.forEach((board) => boards.set(board.id, boards.get(board.id) ?? board));
    outline.sprints.forEach((sprint) => sprints.set(sprint.id, withSprint(sprints.get(sprint.id), sprint)));
    outline.projects.forEach((project) => projects.set(project.key, projects.get(project.key) ?? project));
    outline.problems.forEach((problem) => problems.set(JSON.stringify(problem), problem));
  }
  const byKey = <T>(map: Map<string, T>) =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
  const byId = <T>(map: Map<number, T>) => [...map.entries()].sort(([a], [b]) => a - b).map(([, value]) => value);
  return {
    baseUrl: first.baseUrl,
    ...(first.capturedAt
      ? { capturedAt: outlines.map((outline) => outline.capturedAt ?? '').sort()[0] || first.capturedAt }
      : {}),
    fields: first.fields,
    people: byKey(people),
    groups: byKey(groups),
    projects: byKey(projects),
    boards: byId(boards),
    sprints: byId(sprints),
    releases: [...releases.values()],
    items: outlines.flatMap((outline) => outline.items).sort(compareItems),
    problems: [...problems.values()],
    actionCount: outlines.reduce((sum, outline) => sum + outline.actionCount, 0),
  };
}

/**
 * Pass two: classify the project's actions (parents may be in other projects) and note what people decided.
 * `related` holds the other projects' items `CrossProjectLinks.relatedItems` names, outlined.
 */
export function projectDecisions(
  site: ProjectSite,
  outline: SiteOutline,
  projectKey: string,
  related: readonly Item[],
  config: AuditConfig,
  options: Pick<AuditOptions, 'now' | 'since'>,
): ProjectDecisions {
  const settings = settingsLookup(config);
  const shard = shardSite(outline, site, projectKey, { items: [], actions: [] }, related);
  const windowOf = windowsOf(config, options);
  const thresholdsFor = (key: string) => settings(key).thresholds;
  const { actions: classified } = countedOnce(classifySite(shard, windowOf, thresholdsFor));
  const strategic = classified.filter(
    ({ action, classification }) => action.kind !== 'comment' && classification.role === 'strategic',
  );
  const strategicItems = new Map(strategic.map(({ item }) => [item.key, item]));
  return {
    projectKey,
    decisions: Object.fromEntries(roleEvidence(shard, classified, windowOf, thresholdsFor).get(projectKey) ?? []),
    strategic: strategic.map(({ action }) => action),
    strategicItems: [...strategicItems.values()],
  };
}

/**
 * Keys of other projects' items whose actions the project's rules read: the parents above its items (a chain's top
 * says who cut the link) and the items of sprints that belong to the project (who managed the sprint).
 */
export function foreignNeeds(outline: SiteOutline, projectKey: string): string[] {
  const items = new Map(outline.items.map((item) => [item.key, item]));
  const needed = new Set<string>();
  for (const item of outline.items) {
    if (item.projectKey !== projectKey) continue;
    const seen = new Set([item.key]);
    for (let parentKey = item.parentKey; parentKey && !seen.has(parentKey);) {
      seen.add(parentKey);
      const parent = items.get(parentKey);
      if (!parent) break;
      if (parent.projectKey !== projectKey) needed.add(parent.key);
      parentKey = parent.parentKey;
    }
  }
  const homes = sprintProjects(outline);
  for (const item of outline.items) {
    if (item.projectKey !== projectKey && item.sprintIds.some((id) => homes.get(id) === projectKey))
      needed.add(item.key);
  }
  return [...needed].sort();
}

/**
 * Pass three: one project's findings and report sections, from its own data and what it needs of the rest (`related`
 * as for `projectDecisions`).
 */
export function auditProject(
  site: ProjectSite,
  outline: SiteOutline,
  projectKey: string,
  decided: readonly ProjectDecisions[],
  foreign: ForeignItems,
  related: readonly Item[],
  config: AuditConfig,
  options: ShardedAuditOptions,
): ProjectAudit {
  const settings = settingsLookup(config);
  const elsewhere = decided.filter((part) => part.projectKey !== projectKey);
  const carried = {
    items: [...foreign.items, ...elsewhere.flatMap((part) => part.strategicItems)],
    actions: [...foreign.actions, ...elsewhere.flatMap((part) => part.strategic)],
  };
  const shard = shardSite(outline, site, projectKey, carried, related);
  const windowOf = windowsOf(config, options);
  const { actions: classified, repeated } = countedOnce(
    classifySite(shard, windowOf, (key) => settings(key).thresholds),
  );
  const roles = new RoleDirectory(shard, config, sumDecisions(decided));
  const index = buildIndex(shard, classified, sprintProjects(outline));
  const run = runRulesFor(projectKey, { config, index, classified, roles, options, windowOf });
  const own = classified.filter((entry) => entry.item.projectKey === projectKey);
  const outside = outsideWindow(
    { items: site.items.filter((item) => item.projectKey === projectKey), actions: site.actions },
    windowOf,
  );
  const project = projectSummaries(index, roles, own, windowOf).find((summary) => summary.key === projectKey);
  const people = personProfiles(index, own, roles);
  const sprints = sprintSummaries(index, roles).filter(
    (sprint) => sprint.projectKey === projectKey || sprint.projectKey === undefined,
  );
  return {
    projectKey,
    actionsInWindow: own.length,
    coverage: {
      projects: 1,
      issues: site.items.filter((item) => item.projectKey === projectKey).length,
      actions: site.actions.length,
      actionsInWindow: own.length,
      actionsBeforeWindow: outside.before,
      actionsAfterNow: outside.after,
      repeatedMoves: repeated.filter((entry) => entry.item.projectKey === projectKey).length,
      people: people.length,
      boards: shard.boards.filter((board) => board.projectKey === projectKey).length,
      sprints: sprints.filter((sprint) => sprint.projectKey === projectKey).length,
      unread: [...site.problems, ...run.notChecked],
    },
    findings: run.findings,
    suppressed: run.suppressed,
    people,
    ...(project ? { project } : {}),
    sprints,
    roadmapItems: roadmapSummaries(index, roles, settings, run.findings).filter(
      (item) => item.projectKey === projectKey,
    ),
    securedIssues: securedIssues(
      index,
      roles,
      site.items.filter((item) => item.projectKey === projectKey),
      (item, actions) => outsideWindow({ items: [item], actions }, windowOf),
    ),
  };
}

/** The report `auditSite` makes of the whole site, from every project's part. */
export function mergeProjectAudits(
  outline: SiteOutline,
  parts: readonly ProjectAudit[],
  config: AuditConfig,
  options: ShardedAuditOptions,
): AuditReport {
  const findings = parts.flatMap((part) => part.findings).sort(compareFindings);
  const suppressed = parts.flatMap((part) => part.suppressed).sort((a, b) => compareFindings(a.finding, b.finding));
  const findingsByKey = findingsByItem(findings);
  const projects = new Map(parts.flatMap((part) => (part.project ? [[part.project.key, part.project] as const] : [])));
  const sprints = new Map(parts.flatMap((part) => part.sprints.map((sprint) => [sprint.id, sprint] as const)));
  const roadmapItems = new Map(parts.flatMap((part) => part.roadmapItems.map((item) => [item.key, item] as const)));
  const secured = new Map(parts.flatMap((part) => part.securedIssues.map((issue) => [issue.key, issue] as const)));
  return {
    generatedAt: (options.generatedAt ?? options.now).toISOString(),
    now: options.now.toISOString(),
    window: auditWindow(config, options),
    site: { baseUrl: outline.baseUrl },
    coverage: {
      projects: outline.projects.length,
      issues: outline.items.length,
      actions: outline.actionCount,
      actionsInWindow: parts.reduce((sum, part) => sum + part.actionsInWindow, 0),
      actionsBeforeWindow: parts.reduce((sum, part) => sum + part.coverage.actionsBeforeWindow, 0),
      actionsAfterNow: parts.reduce((sum, part) => sum + part.coverage.actionsAfterNow, 0),
      repeatedMoves: parts.reduce((sum, part) => sum + part.coverage.repeatedMoves, 0),
      people: outline.people.length,
      boards: outline.boards.length,
      sprints: outline.sprints.length,
      // A part's own problems are the outline's for its project, plus what its rules could not check.
      unread: uniqueProblems([...outline.problems, ...parts.flatMap((part) => part.coverage.unread)]),
    },
    people: mergePeople(parts.flatMap((part) => part.people)),
    projects: outline.projects.flatMap((project) => projects.get(project.key) ?? []),
    sprints: outline.sprints.flatMap((sprint) => sprints.get(sprint.id) ?? []),
    roadmapItems: outline.items.flatMap((item) => {
      const summary = roadmapItems.get(item.key);
      return summary ? [{ ...summary, findings: findingsByKey.get(item.key) ?? [] }] : [];
    }),
    findings,
    suppressed,
    securedIssues: outline.items.flatMap((item) => secured.get(item.key) ?? []),
  };
}

function uniqueProblems(problems: readonly ReadProblem[]): ReadProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify([problem.scope, problem.ref, problem.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The three passes over a site already in memory, one project at a time: for tests and callers holding a site. */
export function auditByProject(site: Site, config: AuditConfig, options: ShardedAuditOptions): AuditReport {
  const keys = site.projects.map((project) => project.key);
  const parts = keys.map((key) => projectPart(site, key));
  const pool = new ValuePool();
  const outline = mergeOutlines(parts.map((part, i) => outlineProject(part, keys[i]!)));
  const outlined = new Map(
    parts.flatMap((part, i) => outlinedItems(part, keys[i]!, pool).map((item) => [item.key, item])),
  );
  const links = new CrossProjectLinks(outline);
  const related = keys.map((key) => links.relatedItems(key).map((link) => outlined.get(link.key)!));
  const decided = parts.map((part, i) => projectDecisions(part, outline, keys[i]!, related[i]!, config, options));
  const audits = parts.map((part, i) => {
    const needed = new Set(foreignNeeds(outline, keys[i]!));
    const foreign = {
      items: site.items.filter((item) => needed.has(item.key)),
      actions: site.actions.filter((action) => needed.has(action.itemKey)),
    };
    return auditProject(part, outline, keys[i]!, decided, foreign, related[i]!, config, options);
  });
  return mergeProjectAudits(outline, audits, config, options);
}

/** One project's items and actions with the whole site's frame, as normalising its cache alone would give. */
function projectPart(site: Site, projectKey: string): ProjectSite {
  const items = site.items.filter((item) => item.projectKey === projectKey);
  const keys = new Set(items.map((item) => item.key));
  return { ...site, items, actions: site.actions.filter((action) => keys.has(action.itemKey)) };
}

/**
 * The site one project's audit sees: its own items and the needed foreign ones whole, the related ones outlined
 * (no other item can change its results), in site order, and the actions of its own items and of the foreign items
 * it carries.
 */
function shardSite(
  outline: SiteOutline,
  site: ProjectSite,
  projectKey: string,
  foreign: ForeignItems,
  related: readonly Item[],
): Site {
  const shown = new Map<string, Item>();
  for (const item of related) shown.set(item.key, item);
  for (const item of foreign.items) shown.set(item.key, item);
  for (const item of site.items) if (item.projectKey === projectKey) shown.set(item.key, item);
  const actions = new Map<string, Action>();
  for (const action of [...site.actions, ...foreign.actions]) actions.set(action.id, action);
  const { actionCount: _count, ...frame } = outline;
  return {
    ...frame,
    people: outline.people,
    items: outline.items.flatMap((link) => shown.get(link.key) ?? []),
    actions: [...actions.values()].sort(compareActions),
  };
}

function runRulesFor(
  projectKey: string,
  input: {
    config: AuditConfig;
    index: ReturnType<typeof buildIndex>;
    classified: ClassifiedAction[];
    roles: RoleDirectory;
    options: ShardedAuditOptions;
    windowOf: (projectKey: string) => { since: Date; until: Date };
  },
): RuleRun {
  const { options } = input;
  return runRules({
    rules: options.rules ?? RULE_LIST,
    config: input.config,
    index: input.index,
    actions: input.classified,
    roles: input.roles,
    now: options.now,
    windowOf: input.windowOf,
    homeProjects: new Set([projectKey]),
  });
}

/** Every project's counts together, each project's from its own part. */
function sumDecisions(parts: readonly ProjectDecisions[]): Map<string, Map<string, DecisionCounts>> {
  return new Map(parts.map((part) => [part.projectKey, new Map(Object.entries(part.decisions))]));
}

/** One profile per person: counts summed over the projects' parts, shares worked out again. */
function mergePeople(profiles: readonly PersonProfile[]): PersonProfile[] {
  const merged = new Map<string, PersonProfile>();
  for (const profile of profiles) {
    const known = merged.get(profile.accountId);
    if (!known) {
      merged.set(profile.accountId, { ...profile, counts: { ...profile.counts }, byProject: { ...profile.byProject } });
      continue;
    }
    known.counts.strategic += profile.counts.strategic;
    known.counts.tactical += profile.counts.tactical;
    known.counts.neutral += profile.counts.neutral;
    Object.assign(known.byProject, profile.byProject);
  }
  return [...merged.values()]
    .map((profile) => ({ ...profile, share: shares(profile.counts), projects: Object.keys(profile.byProject).sort() }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.accountId.localeCompare(b.accountId));
}

/** Each project's audit window, as the whole-site audit has it. */
function windowsOf(
  config: AuditConfig,
  options: Pick<AuditOptions, 'now' | 'since'>,
): (projectKey: string) => { since: Date; until: Date } {
  const window = auditWindow(config, options);
  return (projectKey) => projectWindow(window, projectKey);
}

/** An item as other projects need it: without its description, its repeated parts shared. */
function outlinedItem(item: Item, pool: ValuePool): Item {
  const { description: _description, ...rest } = item;
  const outlined: Item = {
    ...rest,
    projectKey: pool.share(item.projectKey),
    type: pool.share({ ...item.type }),
    status: pool.share({ ...item.status }),
    labels: item.labels.length === 0 ? pool.share([] as string[]) : item.labels,
    fixVersions: item.fixVersions.length === 0 ? pool.share([] as string[]) : item.fixVersions,
    sprintIds: item.sprintIds.length === 0 ? pool.share([] as number[]) : item.sprintIds,
    userFields: Object.fromEntries(
      Object.entries(item.userFields).map(([field, ids]) => [
        pool.share(field),
        ids.length === 1 ? pool.share([...ids]) : ids,
      ]),
    ),
  };
  for (const field of ['assigneeId', 'reporterId', 'creatorId', 'priority', 'teamName'] as const) {
    const value = item[field];
    if (value !== undefined) outlined[field] = pool.share(value);
  }
  return outlined;
}

/**
 * How the site's items hang together across projects, worked out once per outline: what decides which of a
 * project's results another project's change can alter (the audit job re-audits only those, src/scan/digests.ts).
 */
export class CrossProjectLinks<Link extends ItemLink = ItemLink> {
  private readonly items: ReadonlyMap<string, Link>;
  private readonly children = new Map<string, Link[]>();
  private readonly sprintItems = new Map<number, Link[]>();
  private readonly homes: ReadonlyMap<number, string>;

  constructor(private readonly outline: Pick<SiteOutline, 'boards' | 'sprints'> & { items: readonly Link[] }) {
    this.items = new Map(outline.items.map((item) => [item.key, item]));
    for (const item of outline.items) {
      if (item.parentKey) this.children.set(item.parentKey, [...(this.children.get(item.parentKey) ?? []), item]);
      for (const id of item.sprintIds) this.sprintItems.set(id, [...(this.sprintItems.get(id) ?? []), item]);
    }
    this.homes = sprintProjects(outline);
  }

  /**
   * Other projects' items (as links) one project's results can depend on: up and down its items' parent chains
   * (an epic's initiative, an initiative's children), and the items of the sprints it owns, shares or that belong
   * to no project. Site order.
   */
  relatedItems(projectKey: string): Link[] {
    const related = new Map<string, Link>();
    const own = this.outline.items.filter((item) => item.projectKey === projectKey);
    const note = (item: Link) => {
      if (item.projectKey === projectKey || related.has(item.key)) return false;
      related.set(item.key, item);
      return true;
    };
    for (const item of own) {
      const seen = new Set([item.key]);
      for (let parent = this.parentOf(item); parent && !seen.has(parent.key); parent = this.parentOf(parent)) {
        seen.add(parent.key);
        note(parent);
      }
    }
    const below = [...own];
    const visited = new Set(own.map((item) => item.key));
    for (let next = below.pop(); next; next = below.pop()) {
      for (const child of this.children.get(next.key) ?? []) {
        if (visited.has(child.key)) continue;
        visited.add(child.key);
        note(child);
        below.push(child);
      }
    }
    const sprintIds = new Set(own.flatMap((item) => item.sprintIds));
    for (const sprint of this.outline.sprints) {
      const home = this.homes.get(sprint.id);
      if (home === projectKey || home === undefined) sprintIds.add(sprint.id);
    }
    for (const id of sprintIds) (this.sprintItems.get(id) ?? []).forEach(note);
    return [...related.values()].sort(compareItems);
  }

  /** Keys of the items some other project's audit reads whole (see `foreignNeeds`), of every project. */
  carriedKeys(): Set<string> {
    const carried = new Set<string>();
    for (const item of this.outline.items) {
      const seen = new Set([item.key]);
      for (let parent = this.parentOf(item); parent && !seen.has(parent.key); parent = this.parentOf(parent)) {
        seen.add(parent.key);
        if (parent.projectKey !== item.projectKey) carried.add(parent.key);
      }
      if (item.sprintIds.some((id) => (this.homes.get(id) ?? item.projectKey) !== item.projectKey))
        carried.add(item.key);
    }
    return carried;
  }

  private parentOf(item: Link): Link | undefined {
    return item.parentKey ? this.items.get(item.parentKey) : undefined;
  }
}

/**
 * What every project's audit reads of all projects' decisions: the roles inferred in each project with what they
 * rest on, the projects where people acted with nobody mapped, and the strategic decisions overlap/dual-role weighs.
 */
export function sharedDecisionFacts(
  outline: SiteOutline,
  decided: readonly ProjectDecisions[],
  config: AuditConfig,
): { roles: unknown; strategic: unknown } {
  const { actionCount: _count, ...frame } = outline;
  const roles = new RoleDirectory({ ...frame, items: [], actions: [] }, config, sumDecisions(decided));
  return {
    roles: {
      unmapped: roles.unmappedProjectsWithWork(),
      inferred: outline.projects.map((project) => [
        project.key,
        roles.inferredHolders(project.key, 'pm'),
        roles.inferredHolders(project.key, 'po'),
      ]),
    },
    strategic: decided.map((part) => [part.projectKey, part.strategic, part.strategicItems]),
  };
}

/** Stored outlined items sharing their equal parts again through `pool`, as `outlinedItems` made them. */
export function pooledItems(items: readonly Item[], pool: ValuePool): Item[] {
  return items.map((item) => outlinedItem(item, pool));
}
