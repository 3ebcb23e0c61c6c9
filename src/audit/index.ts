import { effectiveSettings } from '../config/defaults';
import type { AuditConfig, EffectiveSettings } from '../config/types';
import type { Thresholds } from '../criteria';
import type { Finding } from '../domain/finding';
import type { Instant, Site } from '../domain/model';
import { inferRoleIn, RoleDirectory, type DecisionCounts } from '../roles';
import { RULE_LIST } from '../rules';
import type { AnyRule, ClassifiedAction } from '../rules/types';
import { buildIndex, classifySite, countedOnce, outsideWindow } from './index-site';
import {
  buildCoverage,
  personProfiles,
  projectSummaries,
  roadmapSummaries,
  securedIssues,
  sprintSummaries,
  type SecuredIssue,
  type Coverage,
  type PersonProfile,
  type ProjectSummary,
  type RoadmapItemSummary,
  type SprintSummary,
} from './report';
import { runRules, type RuleRun } from './run-rules';
import { auditWindow, projectWindow, type AuditWindow } from './window';

export interface AuditOptions {
  /** The audit's "now": the snapshot's capture time when replaying, else the clock. */
  now: Date;
  /** Only actions from this instant on are judged, in every project; else each project's configured window. */
  since?: Date;
  /** Only these projects. */
  projectKeys?: string[];
  rules?: readonly AnyRule[];
  /** When the report was made (defaults to now); kept apart so replays can be compared byte for byte. */
  generatedAt?: Date;
}

export interface AuditReport {
  generatedAt: Instant;
  now: Instant;
  window: AuditWindow;
  site: { baseUrl: string };
  coverage: Coverage;
  people: PersonProfile[];
  projects: ProjectSummary[];
  sprints: SprintSummary[];
  roadmapItems: RoadmapItemSummary[];
  findings: Finding[];
  suppressed: RuleRun['suppressed'];
  /** Issues behind an issue security level, with what each adds: views leave out those the viewer may not see. */
  securedIssues: SecuredIssue[];
}

/** The whole pipeline over a normalised site: classify, work out who is who, run the rules, build the report. */
export function auditSite(fullSite: Site, config: AuditConfig, options: AuditOptions): AuditReport {
  const site =
    options.projectKeys && options.projectKeys.length > 0
      ? restrictToProjects(fullSite, options.projectKeys)
      : fullSite;
  const settings = settingsLookup(config);
  const window = auditWindow(config, options);
  const windowOf = (projectKey: string) => projectWindow(window, projectKey);
  const { actions, repeated } = countedOnce(classifySite(site, windowOf, (key) => settings(key).thresholds));
  const roles = new RoleDirectory(
    site,
    config,
    roleEvidence(site, actions, windowOf, (key) => settings(key).thresholds),
  );
  const index = buildIndex(site, actions);
  const run = runRules({
    rules: options.rules ?? RULE_LIST,
    config,
    index,
    actions,
    roles,
    now: options.now,
    windowOf,
  });
  return {
    generatedAt: (options.generatedAt ?? options.now).toISOString(),
    now: options.now.toISOString(),
    window,
    site: { baseUrl: site.baseUrl },
    coverage: {
      ...buildCoverage(site, {
        inWindow: actions.length,
        repeats: repeated.length,
        ...outsideWindow(site, windowOf),
      }),
      unread: [...site.problems, ...run.notChecked],
    },
    people: personProfiles(index, actions, roles),
    projects: projectSummaries(index, roles, actions, windowOf),
    sprints: sprintSummaries(index, roles),
    roadmapItems: roadmapSummaries(index, roles, settings, run.findings),
    findings: run.findings,
    suppressed: run.suppressed,
    securedIssues: securedIssues(index, roles, site.items, (item, own) =>
      outsideWindow({ items: [item], actions: own }, windowOf),
    ),
  };
}

/** Each project's effective settings, worked out once per project. */
export function settingsLookup(config: AuditConfig): (projectKey: string) => EffectiveSettings {
  const cache = new Map<string, EffectiveSettings>();
  return (projectKey) => {
    let found = cache.get(projectKey);
    if (!found) cache.set(projectKey, (found = effectiveSettings(config, projectKey)));
    return found;
  };
}

/** What kinds of action each person took in each project (apps left out): what role inference goes by. */
export function countDecisions(
  site: Pick<Site, 'people'>,
  actions: readonly ClassifiedAction[],
): Map<string, Map<string, DecisionCounts>> {
  const decisions = new Map<string, Map<string, DecisionCounts>>();
  const apps = new Set(site.people.filter((person) => person.kind === 'app').map((person) => person.accountId));
  for (const { action, item, classification } of actions) {
    if (!action.authorId || apps.has(action.authorId)) continue;
    const project = decisions.get(item.projectKey) ?? new Map<string, DecisionCounts>();
    const counts = project.get(action.authorId) ?? { strategic: 0, tactical: 0, neutral: 0 };
    counts[classification.role]++;
    project.set(action.authorId, counts);
    decisions.set(item.projectKey, project);
  }
  return decisions;
}

/**
 * What role inference goes by: each project's decisions in its window, or in its whole history where the window's
 * decisions point to nobody. On a quiet project (or an archive) who habitually decided there is still the evidence
 * for a proposed mapping, where the window alone would propose nobody.
 */
export function roleEvidence(
  site: Site,
  windowed: readonly ClassifiedAction[],
  windowOf: (projectKey: string) => { since?: Date; until: Date },
  thresholdsFor: (projectKey: string) => Thresholds,
): Map<string, Map<string, DecisionCounts>> {
  const counts = countDecisions(site, windowed);
  const pointsToSomeone = (projectKey: string) => {
    const people = [...(counts.get(projectKey)?.values() ?? [])];
    const totals = {
      strategic: people.reduce((sum, each) => sum + each.strategic, 0),
      tactical: people.reduce((sum, each) => sum + each.tactical, 0),
    };
    return people.some((each) => inferRoleIn(projectKey, each, totals) !== undefined);
  };
  const thin = new Set(site.projects.map((project) => project.key).filter((key) => !pointsToSomeone(key)));
  if (thin.size === 0) return counts;
  const historyOf = (projectKey: string) => {
    const { until } = windowOf(projectKey);
    return thin.has(projectKey) ? { until } : { since: new Date(until.getTime() + 1), until };
  };
  const { actions: history } = countedOnce(classifySite(site, historyOf, thresholdsFor));
  const fromHistory = countDecisions(site, history);
  for (const key of thin) {
    const people = fromHistory.get(key);
    if (people) counts.set(key, people);
  }
  return counts;
}

/** The part of a site that belongs to the given projects (sprints and boards that serve them included). */
export function restrictToProjects(site: Site, projectKeys: string[]): Site {
  const keys = new Set(projectKeys);
  const items = site.items.filter((item) => keys.has(item.projectKey));
  const itemKeys = new Set(items.map((item) => item.key));
  const sprintIds = new Set(items.flatMap((item) => item.sprintIds));
  const boards = site.boards.filter((board) => board.projectKey !== undefined && keys.has(board.projectKey));
  const boardIds = new Set(boards.map((board) => board.id));
  return {
    ...site,
    projects: site.projects.filter((project) => keys.has(project.key)),
    boards,
    sprints: site.sprints.filter(
      (sprint) => sprintIds.has(sprint.id) || (sprint.boardId !== undefined && boardIds.has(sprint.boardId)),
    ),
    items,
    actions: site.actions.filter((action) => itemKeys.has(action.itemKey)),
  };
}
