import { profileInProject, type PersonProfile } from '../audit/report';
import { effectiveSettings } from '../config/defaults';
import { ConfigError } from '../config/schema';
import type { AuditConfig } from '../config/types';
import { listBoards } from '../jira/api/agile';
import { getMyPermissions, listProjects } from '../jira/api/platform';
import { JiraError, type JiraClient } from '../jira/client';
import { needsUserConsent } from '../jira/transport';
import { PagingError } from '../jira/api/paging';
import type { RestBoard } from '../jira/snapshot';
import { roleMappingGroups } from '../jobs/consumer';
import { RULE_LIST, RULE_METAS } from '../rules';
import { BackgroundScanner, readHistory } from '../scan';
import { ConfigRepository, StaleVersionError } from '../store/config-store';
import type {
  BoardPanel,
  FieldIssue,
  Finding,
  ResolverApi,
  RoadmapItemSummary,
  RoadmapView,
  RuleInfo,
  SettingsView,
  WeeklySummary,
} from './api';
import { projectKeyOf } from '../domain/issue-key';
import { readModuleContext } from './context';
import { FINDINGS_PAGE_SIZE, queryFindings } from './findings-query';
import { auditForViewer, type ViewerAudit } from './viewer-audit';
import { fail, ok, type ResolverResponse } from './response';
import type { AppServices, CallerContext } from './services';
import { exportSettings, importSettings } from './settings-transfer';

type Handler<K extends keyof ResolverApi> = (
  services: AppServices,
  payload: ResolverApi[K]['payload'],
  context: CallerContext,
) => Promise<ResolverResponse<ResolverApi[K]['result']>>;

export const RULE_INFO: RuleInfo[] = RULE_LIST.map((rule) => ({
  id: rule.meta.id,
  category: rule.meta.category,
  description: rule.meta.description,
  defaultSeverity: rule.meta.defaultSeverity,
  criteria: rule.meta.criteria,
  optionsSchema: rule.meta.optionsSchema,
  defaultOptions: rule.defaultOptions,
}));

/** A refresh step from a resolver stops starting requests after this long, leaving time to audit within 25 s. */
const REFRESH_BUDGET_MS = 8_000;

/** A project's weekly history counts what the background audit saw of every project: only for viewers who see them all. */
async function trendOf(
  services: AppServices,
  projectKey: string | undefined,
  audit: ViewerAudit,
): Promise<WeeklySummary[]> {
  return projectKey && audit.seesEveryCachedProject ? readHistory(services.store, projectKey) : [];
}

/** People who worked in the view's project, with the counts of their work there (all of it on the global page). */
function peopleInScope(people: readonly PersonProfile[], projectKey: string | undefined): PersonProfile[] {
  if (projectKey === undefined) return [...people];
  return people
    .filter((person) => person.projects.includes(projectKey))
    .map((person) => profileInProject(person, projectKey));
}

function inScope(projectKey: string | undefined, keys: readonly string[]): boolean {
  return projectKey === undefined || keys.includes(projectKey);
}

/** The board, sprint and project a call is about: from the payload, else from the module the UI was opened in. */
function boardInContext(payload: { boardId?: number; sprintId?: number } | undefined, context: CallerContext) {
  const fromModule = readModuleContext({ moduleKey: context.moduleKey ?? 'unknown', extension: context.extension });
  return {
    boardId: payload?.boardId ?? (fromModule.ok ? fromModule.data.boardId : null),
    sprintId: payload?.sprintId ?? (fromModule.ok ? fromModule.data.sprintId : null),
    projectKey: fromModule.ok ? (fromModule.data.projectKey ?? undefined) : undefined,
  };
}

async function findBoard(services: AppServices, boardId: number): Promise<RestBoard | undefined> {
  return (await listBoards(services.jiraAsUser())).find((candidate) => candidate.id === boardId);
}

const getBoardPanel: Handler<'getBoardPanel'> = async (services, payload, context) => {
  const { boardId, sprintId } = boardInContext(payload, context);
  if (!boardId) return fail('INVALID_INPUT', 'Open the panel from a board, a backlog or a sprint: no board was given.');
  const board = await findBoard(services, boardId);
  if (!board) return fail('NOT_FOUND', `Board ${boardId} does not exist or you may not see it.`);
  return ok(await boardPanel(services, board, sprintId));
};

async function boardPanel(services: AppServices, board: RestBoard, sprintId: number | null): Promise<BoardPanel> {
  const projectKey = board.location?.projectKey;
  const config = await new ConfigRepository(services.store, RULE_METAS).effective();
  const audit = await auditForViewer(services, config, projectKey);
  const { report, names, baseUrl, freshness } = audit;

  const boardSprints = report.sprints.filter((sprint) => sprint.boardId === board.id);
  const chosen =
    (sprintId ? report.sprints.find((sprint) => sprint.id === sprintId) : undefined) ??
    boardSprints
      .filter((sprint) => sprint.state === 'active')
      .sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? ''))[0];
  const ownerIds = projectKey
    ? (report.projects.find((project) => project.key === projectKey)?.productOwners ?? [])
    : [];
  const panel: BoardPanel = {
    generatedAt: report.generatedAt,
    siteUrl: baseUrl,
    coverage: report.coverage,
    freshness,
    board: { id: board.id, name: board.name, type: board.type, ...(projectKey ? { projectKey } : {}) },
    findings: report.findings.filter((finding) => inScope(projectKey, finding.projectKeys)),
    people: peopleInScope(report.people, projectKey),
    trend: await trendOf(services, projectKey, audit),
  };
  if (chosen)
    panel.sprint = {
      ...chosen,
      productOwners: ownerIds.map((accountId) => ({ accountId, displayName: names.get(accountId) ?? 'Unknown user' })),
    };
  return panel;
}

const getRoadmap: Handler<'getRoadmap'> = async (services, payload, context) => {
  const fromModule = readModuleContext({ moduleKey: context.moduleKey ?? 'unknown', extension: context.extension });
  return roadmapView(
    services,
    payload?.projectKey ?? (fromModule.ok ? (fromModule.data.projectKey ?? undefined) : undefined),
  );
};

/** The findings a project page sends at once; the cross-project page sends FINDINGS_PAGE_SIZE and pages the rest. */
const PROJECT_FINDINGS_PAGE_SIZE = 2_000;

/** The roadmap view's data before its findings are paged. */
async function roadmapScope(
  services: AppServices,
  projectKey: string | undefined,
): Promise<ResolverResponse<{ audit: ViewerAudit; items: RoadmapItemSummary[]; findings: Finding[] }>> {
  const config = await new ConfigRepository(services.store, RULE_METAS).effective();
  const audit = await auditForViewer(services, config, projectKey);
  if (projectKey && !audit.visible.includes(projectKey))
    return fail('NOT_FOUND', `Project ${projectKey} does not exist or you may not browse it.`);
  const { report } = audit;
  return ok({
    audit,
    items: report.roadmapItems.filter((item) => inScope(projectKey, [item.projectKey])),
    findings: report.findings.filter((finding) => inScope(projectKey, finding.projectKeys)),
  });
}

async function roadmapView(
  services: AppServices,
  projectKey: string | undefined,
): Promise<ResolverResponse<RoadmapView>> {
  const scoped = await roadmapScope(services, projectKey);
  if (!scoped.ok) return scoped;
  const { audit, items, findings } = scoped.data;
  const { report, names } = audit;
  const projects = report.projects.filter((project) => inScope(projectKey, [project.key]));
  const mentioned = new Set([
    ...projects.flatMap((project) => [...project.productManagers, ...project.productOwners]),
    ...items.flatMap((item) => (item.ownerId ? [item.ownerId] : [])),
  ]);
  const pageSize = projectKey ? PROJECT_FINDINGS_PAGE_SIZE : FINDINGS_PAGE_SIZE;
  const view: RoadmapView = {
    generatedAt: report.generatedAt,
    siteUrl: audit.baseUrl,
    coverage: report.coverage,
    freshness: audit.freshness,
    scope: projectKey ? { projectKey } : {},
    projects,
    items,
    sprints: report.sprints.filter((sprint) => inScope(projectKey, sprint.projectKey ? [sprint.projectKey] : [])),
    people: peopleInScope(report.people, projectKey),
    findings: findings.slice(0, pageSize),
    findingPage: { total: findings.length, pageSize },
    rules: RULE_INFO,
    directory: [...mentioned]
      .sort()
      .map((accountId) => ({ accountId, displayName: names.get(accountId) ?? 'Unknown user' })),
    trend: await trendOf(services, projectKey, audit),
  };
  return ok(view);
}

const getFindings: Handler<'getFindings'> = async (services, payload) => {
  if (!payload || typeof payload.offset !== 'number' || typeof payload.limit !== 'number')
    return fail('INVALID_INPUT', 'Say which findings to list: an offset and a limit are needed.');
  const scoped = await roadmapScope(services, payload.scope?.projectKey);
  if (!scoped.ok) return scoped;
  return ok(queryFindings(scoped.data.findings, scoped.data.items, payload.query ?? {}, payload.offset, payload.limit));
};

/**
 * Runs one refresh step of the viewer's project now (as the app: the cache is shared, so it holds what the app
 * sees, and views filter it by what the viewer may browse), then returns the view it was asked from. A project
 * never scanned gets the first step of its full scan; the background scan completes it.
 */
const refreshProject: Handler<'refreshProject'> = async (services, payload, context) => {
  const { boardId, sprintId, projectKey: contextProject } = boardInContext(payload, context);
  const board = boardId ? await findBoard(services, boardId) : undefined;
  if (boardId && !board) return fail('NOT_FOUND', `Board ${boardId} does not exist or you may not see it.`);
  const projectKey = payload?.projectKey ?? board?.location?.projectKey ?? contextProject;
  if (!projectKey) return fail('INVALID_INPUT', 'Say which project to refresh: no project or board was given.');
  const mayBrowse = (await listProjects(services.jiraAsUser(), [projectKey])).some(
    (project) => project.key === projectKey,
  );
  if (!mayBrowse) return fail('NOT_FOUND', `Project ${projectKey} does not exist or you may not browse it.`);

  const config = await new ConfigRepository(services.store, RULE_METAS).effective();
  const step = await new BackgroundScanner().step(services.jiraAsApp(), services.store, projectKey, {
    timeBudgetMs: REFRESH_BUDGET_MS,
    now: services.now,
    groups: roleMappingGroups(config),
  });
  const refresh = {
    done: step.done,
    busy: step.busy === true,
    issuesWritten: step.issuesWritten,
    requests: step.requests,
  };
  if (board)
    return ok({ projectKey, refresh, view: { kind: 'board', panel: await boardPanel(services, board, sprintId) } });
  const roadmap = await roadmapView(services, projectKey);
  return roadmap.ok ? ok({ projectKey, refresh, view: { kind: 'roadmap', roadmap: roadmap.data } }) : roadmap;
};

/** Jira's project key format (the configuration's schema accepts the same). */
const PROJECT_KEY = /^[A-Z][A-Z0-9_]*$/;

const projectNotFound = (projectKey: string) =>
  fail<never>('NOT_FOUND', `Project ${projectKey} does not exist or you may not browse it.`);

/** Who asks about settings: whether they administer Jira, and the projects Jira lists to them. */
interface SettingsViewer {
  siteAdmin: boolean;
  projects: ReadonlySet<string>;
}

async function settingsViewer(client: JiraClient): Promise<SettingsViewer> {
  const [global, projects] = await Promise.all([getMyPermissions(client, ['ADMINISTER']), listProjects(client)]);
  return { siteAdmin: global.ADMINISTER === true, projects: new Set(projects.map((project) => project.key)) };
}

/** A payload's project: absent (site scope), a well-formed key, or something else, which no save or read may use. */
function payloadProject(value: unknown): string | undefined | 'invalid' {
  if (value === undefined) return undefined;
  return typeof value === 'string' && PROJECT_KEY.test(value) ? value : 'invalid';
}

/**
 * Projects a finding id names. Ids are `rule|type:subject[|discriminator]` (src/audit/run-rules.ts): an item's
 * subject is an issue key, a project's its key, and people's findings carry the project as discriminator.
 */
function projectsOfFinding(findingId: string): string[] {
  const [, subject = '', ...rest] = findingId.split('|');
  const type = subject.slice(0, subject.indexOf(':'));
  const id = subject.slice(subject.indexOf(':') + 1);
  const keys = rest.filter((part) => PROJECT_KEY.test(part));
  if (type === 'item' && id.includes('-')) keys.push(projectKeyOf(id));
  if (type === 'project') keys.push(id);
  return keys;
}

/**
 * The site configuration as the viewer may see it. Site admins see (and save) all of it; anyone else sees nothing
 * it says about projects they may not browse: those projects' overrides and combined-role declarations, and
 * accepted findings unless every project the finding names is one they may browse.
 */
function siteConfigFor(config: AuditConfig, viewer: SettingsViewer): AuditConfig {
  if (viewer.siteAdmin) return config;
  const browsable = (key: string) => viewer.projects.has(key);
  return {
    ...config,
    combinedRoleProjects: config.combinedRoleProjects.filter(browsable),
    projects: Object.fromEntries(Object.entries(config.projects).filter(([key]) => browsable(key))),
    suppressions: config.suppressions.filter((suppression) => {
      const keys = projectsOfFinding(suppression.findingId);
      return keys.length > 0 && keys.every(browsable);
    }),
  };
}

async function settingsView(
  services: AppServices,
  projectKey: string | undefined,
  client: JiraClient,
  viewer: SettingsViewer,
): Promise<SettingsView> {
  const repository = new ConfigRepository(services.store, RULE_METAS);
  const site = await repository.site();
  const canEdit = await mayEdit(client, viewer, projectKey);
  const roleNames = new Set([...site.config.roleMapping.projectRoles.pm, ...site.config.roleMapping.projectRoles.po]);
  const groupNames = new Set([...site.config.roleMapping.groups.pm, ...site.config.roleMapping.groups.po]);
  const view: SettingsView = {
    scope: projectKey ? 'project' : 'site',
    site: siteConfigFor(site.config, viewer),
    version: site.version,
    canEdit,
    rules: RULE_INFO,
    projectRoleNames: [...roleNames].sort(),
    groupNames: [...groupNames].sort(),
  };
  if (projectKey) {
    const project = await repository.project(projectKey);
    const effective = await repository.effective();
    Object.assign(view, {
      projectKey,
      project: project.settings,
      version: project.version,
      effective: effectiveSettings(effective, projectKey),
    });
  }
  return view;
}

/** Site settings need Jira's "Administer Jira"; a project's need "Administer Projects" there (or site admin). */
async function mayEdit(client: JiraClient, viewer: SettingsViewer, projectKey: string | undefined): Promise<boolean> {
  if (viewer.siteAdmin) return true;
  if (!projectKey) return false;
  return (await getMyPermissions(client, ['ADMINISTER_PROJECTS'], projectKey)).ADMINISTER_PROJECTS === true;
}

const getSettings: Handler<'getSettings'> = async (services, payload) => {
  const projectKey = payloadProject(payload?.projectKey);
  if (projectKey === 'invalid') return fail('INVALID_INPUT', 'projectKey must be a Jira project key.');
  const client = services.jiraAsUser();
  const viewer = await settingsViewer(client);
  if (projectKey && !viewer.projects.has(projectKey)) return projectNotFound(projectKey);
  return ok(await settingsView(services, projectKey, client, viewer));
};

/**
 * Every save is checked here, whatever the UI showed: the payload names a project Jira lists to the caller, the
 * page it was made from (Forge's context, which the caller cannot forge) is that project's or a site page, and
 * the caller administers Jira (site settings) or the project (its settings).
 */
const saveSettings: Handler<'saveSettings'> = async (services, payload, context) => {
  if (!payload || typeof payload.version !== 'number')
    return fail('INVALID_INPUT', 'A save needs the settings and the version they were read at.');
  const projectKey = payloadProject(payload.projectKey);
  if (projectKey === 'invalid') return fail('INVALID_INPUT', 'projectKey must be a Jira project key.');
  const page = readModuleContext({ moduleKey: context.moduleKey ?? 'unknown', extension: context.extension });
  const pageProject = page.ok ? (page.data.projectKey ?? undefined) : undefined;
  if (pageProject !== undefined && pageProject !== projectKey) {
    return fail('FORBIDDEN', `This page saves the settings of project ${pageProject} only.`);
  }
  const client = services.jiraAsUser();
  const viewer = await settingsViewer(client);
  if (projectKey && !viewer.projects.has(projectKey)) return projectNotFound(projectKey);
  if (!(await mayEdit(client, viewer, projectKey))) {
    return fail(
      'FORBIDDEN',
      projectKey
        ? `Only Jira admins and admins of project ${projectKey} may change its settings.`
        : 'Only Jira admins may change the site settings.',
    );
  }
  const repository = new ConfigRepository(services.store, RULE_METAS);
  const by = { at: services.now(), ...(context.accountId ? { accountId: context.accountId } : {}) };
  try {
    if (projectKey) await repository.saveProject(projectKey, payload.settings, payload.version, by);
    else await repository.saveSite(payload.settings, payload.version, by);
  } catch (error) {
    if (error instanceof ConfigError)
      return fail(
        'INVALID_INPUT',
        'Some settings are not valid; nothing was saved.',
        error.issues satisfies FieldIssue[],
      );
    if (error instanceof StaleVersionError) return fail('CONFLICT', error.message, { version: error.current });
    throw error;
  }
  return ok(await settingsView(services, projectKey, client, viewer));
};

const getContext: Handler<'getContext'> = async (_services, _payload, context) => readModuleContext(context);

export const HANDLERS: { [K in keyof ResolverApi]: Handler<K> } = {
  getContext,
  getBoardPanel,
  getRoadmap,
  getFindings,
  getSettings,
  saveSettings,
  refreshProject,
  exportSettings,
  importSettings,
};

/** Runs a handler and turns what Jira or the code threw into the typed error the UI understands. */
export async function runHandler<K extends keyof ResolverApi>(
  name: K,
  services: AppServices,
  payload: ResolverApi[K]['payload'],
  context: CallerContext,
): Promise<ResolverResponse<ResolverApi[K]['result']>> {
  try {
    return await (HANDLERS[name] as Handler<K>)(services, payload, context);
  } catch (error) {
    if (needsUserConsent(error)) throw error;
    return failureFrom(error);
  }
}

function failureFrom<T>(error: unknown): ResolverResponse<T> {
  if (error instanceof JiraError) {
    if (error.status === 401 || error.status === 403) return fail('FORBIDDEN', `Jira refused: ${error.message}`);
    if (error.status === 429)
      return fail('RATE_LIMITED', 'Jira is rate limiting the app right now; try again in a few minutes.');
    if (error.transient)
      return fail('JIRA_UNAVAILABLE', `Jira did not answer properly: ${error.message}. Try again shortly.`);
    if (error.status === 404) return fail('NOT_FOUND', error.message);
    return fail('INTERNAL', error.message);
  }
  if (error instanceof PagingError) return fail('JIRA_UNAVAILABLE', error.message);
  if (error instanceof ConfigError)
    return fail('INTERNAL', `The stored configuration is not valid: ${error.problems.join('; ')}`);
  return fail('INTERNAL', error instanceof Error ? error.message : String(error));
}
