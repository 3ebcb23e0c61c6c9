import type { ReadProblem, UnreadPart } from '../domain/model';
import { boardHasSprints, listBoards, listSprints } from './api/agile';
import {
  bulkFetchChangelogs,
  BULKFETCH_MAX_ISSUES,
  dedupeAndSortHistories,
  getIssueChangelog,
  getIssueComments,
  searchIssues,
} from './api/issues';
import { findGroupIds, getFields, getGroupMembers, getProjectRoles, getServerInfo, listProjects } from './api/platform';
import { toInstant } from './dates';
import type { JiraClient } from './client';
import { classifyJiraFailure } from './errors';
import { jqlDateTime, jqlString } from './jql';
import { discoverFieldCandidates, type FieldCandidates } from './fields';
import {
  SNAPSHOT_FORMAT,
  type RestBoard,
  type RestComment,
  type RestHistory,
  type RestIssue,
  type RestProjectRole,
  type RestSprint,
  type RestUser,
  type SiteSnapshot,
  type SnapshotGroup,
} from './snapshot';

export interface ReadSiteOptions {
  /** Only these projects (keys); all the caller can browse when absent. */
  projectKeys?: string[];
  /** Only issues updated since this instant (`updated >=`), for incremental reads. */
  updatedSince?: Date;
  /** Groups to record besides those that are project-role actors (e.g. groups named in the role mapping). */
  groups?: string[];
  /** Where the site was reached; the snapshot records the site's own base URL from serverInfo when Jira gives it. */
  baseUrl: string;
  /**
   * Reads project roles and group members, which Jira shows only to admins. A panel reads issues as the viewing
   * user but the role mapping as the app: only for the projects the user's own read listed, so nothing about
   * a project the user may not browse is read on their behalf.
   */
  directoryClient?: JiraClient;
  /**
   * `bulk` (the default) reads changelogs 1000 issues a request; `per-issue` is the naive way, one changelog
   * request per issue, kept only to measure against.
   */
  changelogs?: 'bulk' | 'per-issue';
  now?: () => Date;
  onProgress?: (event: ReadProgress) => void;
}

export interface ReadProgress {
  phase: 'fields' | 'projects' | 'roles' | 'groups' | 'boards' | 'sprints' | 'issues' | 'changelogs' | 'comments';
  done: number;
  total?: number;
}

export interface SiteRead {
  snapshot: SiteSnapshot;
  /** What could not be read, and why; the rest of the site is still complete. */
  problems: ReadProblem[];
}

const SYSTEM_FIELDS = [
  'summary',
  'description',
  'issuetype',
  'status',
  'priority',
  'labels',
  'fixVersions',
  'components',
  'duedate',
  'assignee',
  'reporter',
  'creator',
  'created',
  'updated',
  'resolutiondate',
  'parent',
  'project',
  'comment',
  // Which issues sit behind an issue security level: views ask Jira, as the viewer, whether they may see those.
  'security',
];

/** The fields an audit reads: system fields plus this site's discovered custom fields, nothing else. */
export function fieldsToRead(candidates: FieldCandidates): string[] {
  const custom = Object.values(candidates)
    .flat()
    .filter((id): id is string => typeof id === 'string' && id.startsWith('customfield_'));
  return [...new Set([...SYSTEM_FIELDS, ...custom])];
}

/**
 * Reads a whole site (or some projects) into the snapshot format through the given client: fields, projects,
 * roles, the groups that matter, boards, sprints, issues by JQL with only the needed fields, full changelogs via
 * bulkfetch, and every comment. The client's usage counters tell what it cost.
 */
export async function readSite(client: JiraClient, options: ReadSiteOptions): Promise<SiteRead> {
  const problems: ReadProblem[] = [];
  const directory = options.directoryClient ?? client;
  const progress = options.onProgress ?? (() => undefined);
  const users = new UserCollector();

  progress({ phase: 'fields', done: 0 });
  const info = await getServerInfo(client);
  const fields = await getFields(client);
  const candidates = discoverFieldCandidates(fields);
  progress({ phase: 'fields', done: fields.length });

  const projects = await listProjects(client, options.projectKeys);
  progress({ phase: 'projects', done: projects.length });
  const wanted = new Set(options.projectKeys ?? []);
  for (const key of wanted) {
    if (!projects.some((project) => project.key === key)) {
      problems.push({
        scope: 'project',
        ref: key,
        message: 'Project not found, or the account may not browse it',
        unread: 'project',
      });
    }
  }
  for (const project of projects) users.add(project.lead);

  const projectRoles: SiteSnapshot['projectRoles'] = {};
  let rolesDone = 0;
  await Promise.all(
    projects.map(async (project) => {
      projectRoles[project.key] = await orProblem(
        problems,
        'project',
        project.key,
        'project roles',
        () => getProjectRoles(directory, project.key),
        [],
        'failures',
        'project-roles',
      );
      progress({ phase: 'roles', done: ++rolesDone, total: projects.length });
    }),
  );

  for (const roles of Object.values(projectRoles)) users.addRoleActors(roles);
  const groupRefs = collectGroupRefs(projectRoles, options.groups ?? []);
  const unidentified = groupRefs.filter((ref) => ref.groupId === undefined).map((ref) => ref.name);
  const foundIds = await orProblem(
    problems,
    'site',
    'groups',
    'group ids',
    () => findGroupIds(directory, unidentified),
    new Map<string, string>(),
    'failures',
    'groups',
  );
  for (const ref of groupRefs) ref.groupId ??= foundIds.get(ref.name);
  const groups = await readGroups(directory, groupRefs, problems, users, 'failures');
  progress({ phase: 'groups', done: groups.length });

  const projectKeys = new Set(projects.map((project) => project.key));
  const allBoards = await orProblem(
    problems,
    'site',
    'boards',
    'boards',
    () => listBoards(client),
    [] as RestBoard[],
    'failures',
    'boards',
  );
  const boards = allBoards.filter(
    (board) => board.location?.projectKey === undefined || projectKeys.has(board.location.projectKey),
  );
  progress({ phase: 'boards', done: boards.length });

  const sprints: SiteSnapshot['sprints'] = {};
  await Promise.all(
    boards.filter(boardHasSprints).map(async (board) => {
      sprints[String(board.id)] = await orProblem(
        problems,
        'board',
        String(board.id),
        `sprints of board "${board.name}"`,
        () => listSprints(client, board.id),
        [] as RestSprint[],
        'failures',
        'sprints',
      );
    }),
  );
  progress({ phase: 'sprints', done: Object.values(sprints).reduce((sum, list) => sum + list.length, 0) });

  const { issues, unread } = await readIssues(
    client,
    [...projectKeys].sort(),
    fieldsToRead(candidates),
    options.updatedSince,
    problems,
    progress,
  );
  await completeComments(client, issues, problems, progress, 'failures');

  const histories =
    options.changelogs === 'per-issue'
      ? await readChangelogsPerIssue(client, issues, problems)
      : await readChangelogs(client, issues, problems);
  let historyCount = 0;
  for (const issue of issues) {
    const list = histories.get(issue.id) ?? [];
    historyCount += list.length;
    issue.changelog = { startAt: 0, maxResults: list.length, total: list.length, histories: list };
    users.addIssue(issue);
  }
  progress({ phase: 'changelogs', done: historyCount });

  const snapshot: SiteSnapshot = {
    format: SNAPSHOT_FORMAT,
    capturedAt: toInstant(info.serverTime) ?? (options.now?.() ?? new Date()).toISOString(),
    baseUrl: info.baseUrl ?? options.baseUrl,
    fields,
    users: users.list(),
    groups,
    ...withoutProjects({ projects, projectRoles, boards, sprints }, unread),
    issues,
  };
  return { snapshot, problems };
}

/**
 * Each project's issues by one search. A project whose search fails part way is left out whole (projects, roles,
 * boards, sprints, issues) rather than audited on the pages that came back, and the problem says so.
 */
async function readIssues(
  client: JiraClient,
  projectKeys: string[],
  fields: string[],
  updatedSince: Date | undefined,
  problems: ReadProblem[],
  progress: (event: ReadProgress) => void,
): Promise<{ issues: RestIssue[]; unread: Set<string> }> {
  const byProject = new Map<string, RestIssue[]>();
  const unread = new Set<string>();
  let done = 0;
  await Promise.all(
    projectKeys.map(async (key) => {
      const list: RestIssue[] = [];
      const jql = `project = ${jqlString(key)}${updatedSince ? ` AND updated >= ${jqlDateTime(updatedSince)}` : ''} ORDER BY key ASC`;
      try {
        await searchIssues(client, jql, fields, (page) => {
          list.push(...page);
          done += page.length;
          progress({ phase: 'issues', done });
        });
        byProject.set(key, list);
      } catch (error) {
        if (!tolerated(error, 'failures')) throw error;
        unread.add(key);
        problems.push({
          scope: 'project',
          ref: key,
          message: `Could not read issues, so the project is left out: ${(error as Error).message}`,
          unread: 'issues',
        });
      }
    }),
  );
  return { issues: projectKeys.flatMap((key) => byProject.get(key) ?? []), unread };
}

/** Changelogs by bulkfetch, a batch at a time so that a batch that cannot be read costs only its own issues' histories. */
async function readChangelogs(
  client: JiraClient,
  issues: RestIssue[],
  problems: ReadProblem[],
): Promise<Map<string, RestHistory[]>> {
  const histories = new Map<string, RestHistory[]>();
  const batches: RestIssue[][] = [];
  for (let index = 0; index < issues.length; index += BULKFETCH_MAX_ISSUES)
    batches.push(issues.slice(index, index + BULKFETCH_MAX_ISSUES));
  await Promise.all(
    batches.map(async (batch) => {
      try {
        const read = await bulkFetchChangelogs(
          client,
          batch.map((issue) => issue.id),
        );
        for (const [id, list] of read) histories.set(id, list);
      } catch (error) {
        if (!tolerated(error, 'failures')) throw error;
        for (const issue of batch)
          problems.push({
            scope: 'history',
            ref: issue.key,
            message: `Could not read the change history: ${(error as Error).message}`,
            unread: 'history',
          });
      }
    }),
  );
  return histories;
}

async function readChangelogsPerIssue(
  client: JiraClient,
  issues: RestIssue[],
  problems: ReadProblem[],
): Promise<Map<string, RestHistory[]>> {
  const entries = await Promise.all(
    issues.map(
      async (issue) =>
        [
          issue.id,
          await orProblem(
            problems,
            'history',
            issue.key,
            'the change history',
            async () => dedupeAndSortHistories(await getIssueChangelog(client, issue.key)),
            [],
            'failures',
            'history',
          ),
        ] as const,
    ),
  );
  return new Map(entries);
}

/** Search embeds an issue's comments; where Jira says there are more than it embedded, read the rest. */
export async function completeComments(
  client: JiraClient,
  issues: RestIssue[],
  problems: ReadProblem[],
  progress: (event: ReadProgress) => void,
  tolerate: Tolerated = 'refusals',
): Promise<void> {
  const partial = issues.filter((issue) => {
    const comment = issue.fields.comment as { comments?: unknown[]; total?: number } | undefined;
    return (
      comment !== undefined && typeof comment.total === 'number' && comment.total > (comment.comments?.length ?? 0)
    );
  });
  let done = 0;
  await Promise.all(
    partial.map(async (issue) => {
      const comments = await orProblem(
        problems,
        'issue',
        issue.key,
        'comments',
        () => getIssueComments(client, issue.key),
        undefined as RestComment[] | undefined,
        tolerate,
        'comments',
      );
      if (comments)
        issue.fields.comment = { comments, startAt: 0, maxResults: comments.length, total: comments.length };
      progress({ phase: 'comments', done: ++done, total: partial.length });
    }),
  );
}

export function collectGroupRefs(
  projectRoles: SiteSnapshot['projectRoles'],
  named: string[],
): Array<{ name: string; groupId?: string }> {
  const refs = new Map<string, { name: string; groupId?: string }>();
  for (const name of named) refs.set(name, { name });
  for (const roles of Object.values(projectRoles)) {
    for (const role of roles) {
      for (const actor of role.actors ?? []) {
        const group = actor.actorGroup;
        const name = group?.name ?? group?.displayName;
        if (name) refs.set(name, { name, groupId: group?.groupId ?? refs.get(name)?.groupId });
      }
    }
  }
  return [...refs.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export async function readGroups(
  client: JiraClient,
  refs: Array<{ name: string; groupId?: string }>,
  problems: ReadProblem[],
  users: UserCollector,
  tolerate: Tolerated = 'refusals',
): Promise<SnapshotGroup[]> {
  const groups = await Promise.all(
    refs.map(async (ref) => {
      const members = await orProblem(
        problems,
        'site',
        `group ${ref.name}`,
        `members of group "${ref.name}"`,
        () => getGroupMembers(client, ref),
        undefined as RestUser[] | undefined,
        tolerate,
        'groups',
      );
      if (!members) return undefined;
      for (const member of members) users.add(member);
      const group: SnapshotGroup = { name: ref.name, members: members.map((member) => member.accountId) };
      if (ref.groupId) group.groupId = ref.groupId;
      return group;
    }),
  );
  return groups.filter((group): group is SnapshotGroup => group !== undefined);
}

/**
 * Which failures of one part of the site are recorded while the read goes on. `refusals`: a 4xx about that part
 * (no permission, gone). That includes 401: Jira answers it for project roles the caller may not administer; bad
 * credentials already failed on the first request, which is not guarded. `failures`: also what stayed transient
 * after every try (5xx, 429 beyond the wait budget, timeouts, bodies that are not JSON) and paging that does not
 * move on; a one-off read (an audit) reports those and goes on, while the background scan fails the step instead,
 * so that its previous complete result stays.
 */
type Tolerated = 'refusals' | 'failures';

function tolerated(error: unknown, tolerate: Tolerated): boolean {
  const failure = classifyJiraFailure(error);
  if (failure === 'denied' || failure === 'not-found' || failure === 'refused') return true;
  return tolerate === 'failures' && failure !== undefined;
}

export async function orProblem<T>(
  problems: ReadProblem[],
  scope: ReadProblem['scope'],
  ref: string,
  what: string,
  read: () => Promise<T>,
  fallback: T,
  tolerate: Tolerated = 'refusals',
  unread?: UnreadPart,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!tolerated(error, tolerate)) throw error;
    problems.push({
      scope,
      ref,
      message: `Could not read ${what}: ${(error as Error).message}`,
      ...(unread ? { unread } : {}),
    });
    return fallback;
  }
}

function withoutProjects(
  directory: Pick<SiteSnapshot, 'projects' | 'projectRoles' | 'boards' | 'sprints'>,
  keys: ReadonlySet<string>,
): Pick<SiteSnapshot, 'projects' | 'projectRoles' | 'boards' | 'sprints'> {
  if (keys.size === 0) return directory;
  const boards = directory.boards.filter(
    (board) => board.location?.projectKey === undefined || !keys.has(board.location.projectKey),
  );
  const kept = new Set(boards.map((board) => String(board.id)));
  return {
    projects: directory.projects.filter((project) => !keys.has(project.key)),
    projectRoles: Object.fromEntries(Object.entries(directory.projectRoles).filter(([key]) => !keys.has(key))),
    boards,
    sprints: Object.fromEntries(Object.entries(directory.sprints).filter(([boardId]) => kept.has(boardId))),
  };
}

/** Users are recorded from what the read already returned, so no extra request lists the whole directory. */
export class UserCollector {
  private readonly byId = new Map<string, RestUser>();

  add(user: unknown): void {
    if (!user || typeof user !== 'object') return;
    const candidate = user as Partial<RestUser>;
    if (typeof candidate.accountId !== 'string' || candidate.accountId === '') return;
    // Role actors carry only a name; issue fields and authors carry the rest. Keep the first value of each key.
    const record: RestUser = this.byId.get(candidate.accountId) ?? { accountId: candidate.accountId };
    for (const key of ['accountType', 'displayName', 'active', 'emailAddress', 'timeZone'] as const) {
      if (record[key] === undefined && candidate[key] !== undefined)
        (record as Record<string, unknown>)[key] = candidate[key];
    }
    this.byId.set(candidate.accountId, record);
  }

  addRoleActors(roles: RestProjectRole[]): void {
    for (const actor of roles.flatMap((role) => role.actors ?? [])) {
      if (actor.actorUser?.accountId)
        this.add({ accountId: actor.actorUser.accountId, displayName: actor.displayName });
    }
  }

  addIssue(issue: RestIssue): void {
    for (const value of Object.values(issue.fields)) {
      if (Array.isArray(value)) value.forEach((entry) => this.add(entry));
      else this.add(value);
    }
    const comments = (issue.fields.comment as { comments?: RestComment[] } | undefined)?.comments ?? [];
    for (const comment of comments) this.add(comment.author);
    for (const history of issue.changelog?.histories ?? []) this.add(history.author);
  }

  list(): RestUser[] {
    return [...this.byId.values()].sort((a, b) => a.accountId.localeCompare(b.accountId));
  }
}
