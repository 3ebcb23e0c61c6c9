import { subDays } from 'date-fns';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import type { RestComment, RestIssue, RestUser, SiteSnapshot } from '../../src/jira/snapshot';
import { HttpTransport } from '../../src/jira/transport-http';
import { MemoryJobQueue, runScheduledLocally } from '../../src/jobs';
import type { ResolverApi, ResolverName, ResolverResponse } from '../../src/resolvers/api';
import { runHandler } from '../../src/resolvers/registry';
import type { AppServices } from '../../src/resolvers/services';
import { BackgroundScanner } from '../../src/scan';
import { MemoryStore } from '../../src/store/key-value';

/**
 * Fixtures for permission tests: a site with one project taken out (what a viewer who may not browse it should
 * see the site as), the traces that project leaves in data (keys, summaries, names, its people), and a site
 * served by the emulator with the app's own store, called through the real resolvers as any of its users.
 */

export function projectKeyOf(issue: RestIssue): string {
  const project = issue.fields['project'] as { key?: unknown } | undefined;
  return typeof project?.key === 'string' ? project.key : issue.key.slice(0, issue.key.lastIndexOf('-'));
}

/** The site as if the project had never existed: its project, roles, boards and their sprints, issues and grants gone. */
export function withoutProject(snapshot: SiteSnapshot, projectKey: string): SiteSnapshot {
  const site = structuredClone(snapshot);
  const boards = new Set(
    site.boards.filter((board) => board.location?.projectKey === projectKey).map((board) => String(board.id)),
  );
  site.projects = site.projects.filter((project) => project.key !== projectKey);
  delete site.projectRoles[projectKey];
  site.boards = site.boards.filter((board) => !boards.has(String(board.id)));
  site.sprints = Object.fromEntries(Object.entries(site.sprints).filter(([boardId]) => !boards.has(boardId)));
  site.issues = site.issues.filter((issue) => projectKeyOf(issue) !== projectKey);
  site.permissions = Object.fromEntries(
    Object.entries(site.permissions ?? {}).map(([accountId, grant]) => [
      accountId,
      {
        ...grant,
        ...(grant.projects ? { projects: grant.projects.filter((key) => key !== projectKey) } : {}),
        ...(grant.projectAdmin ? { projectAdmin: grant.projectAdmin.filter((key) => key !== projectKey) } : {}),
      },
    ]),
  );
  return site;
}

/** The site with no issue security: every issue visible to whoever may browse its project. */
export function withoutIssueSecurity(snapshot: SiteSnapshot): SiteSnapshot {
  const site = structuredClone(snapshot);
  delete site.issueSecurity;
  for (const issue of site.issues) delete issue.fields['security'];
  return site;
}

/**
 * A copy of the site where one more person works in the project and nowhere else: they hold its Product Manager
 * role (when it has one), and on a few of its issues re-date the due date and comment, three days before capture.
 */
export function withPersonOnlyIn(snapshot: SiteSnapshot, projectKey: string, person: RestUser): SiteSnapshot {
  const site = structuredClone(snapshot);
  const at = subDays(new Date(site.capturedAt!), 3).toISOString();
  site.users.push(person);
  const role = site.projectRoles[projectKey]?.find((candidate) => candidate.name === 'Product Manager');
  role?.actors?.push({
    id: 990_000,
    displayName: person.displayName,
    type: 'atlassian-user-role-actor',
    actorUser: { accountId: person.accountId },
  });
  const author = {
    accountId: person.accountId,
    displayName: person.displayName,
    active: true,
    accountType: 'atlassian',
  };
  site.issues
    .filter((issue) => projectKeyOf(issue) === projectKey)
    .slice(0, 3)
    .forEach((issue, index) => {
      const changelog = issue.changelog ?? { histories: [] };
      changelog.histories.unshift({
        id: String(990_000 + index),
        author,
        created: at,
        items: [
          {
            field: 'duedate',
            fieldtype: 'jira',
            fieldId: 'duedate',
            from: null,
            fromString: null,
            to: '2027-03-31',
            toString: '2027-03-31',
          },
        ],
      });
      changelog.total = changelog.histories.length;
      changelog.maxResults = changelog.histories.length;
      issue.changelog = changelog;
      const comments = issue.fields['comment'] as
        { comments: RestComment[]; total?: number; maxResults?: number } | undefined;
      const comment: RestComment = {
        id: String(990_000 + index),
        author,
        updateAuthor: author,
        created: at,
        updated: at,
        body: { type: 'doc', version: 1, content: [] },
      };
      if (comments) {
        comments.comments.push(comment);
        comments.total = comments.comments.length;
        comments.maxResults = Math.max(comments.maxResults ?? 0, comments.comments.length);
      } else issue.fields['comment'] = { comments: [comment], total: 1, maxResults: 1, startAt: 0 };
      issue.fields['duedate'] = '2027-03-31';
      issue.fields['updated'] = at;
    });
  return site;
}

/** Every value under an `accountId` key anywhere in a JSON value. */
function accountIdsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((entry) => accountIdsIn(entry, into));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, entry] of Object.entries(value)) {
      if (key === 'accountId' && typeof entry === 'string') into.add(entry);
      else accountIdsIn(entry, into);
    }
  }
  return into;
}

/** The site's data about its work, leaving out the site-wide lists of users and groups that name everyone. */
function workOf(snapshot: SiteSnapshot): unknown {
  const { users: _users, groups: _groups, permissions: _permissions, ...work } = snapshot;
  return work;
}

/**
 * What of the project must never reach a viewer who may not browse it: the pattern of its issue keys and its
 * project key, and every string only it holds (its name, board and sprint names, issue summaries, and the account
 * ids and display names of people who appear in its work and nowhere else in the site's work, nor in a group that
 * work names). Strings the rest of the site holds as well are left out: finding them proves nothing.
 */
export interface Traces {
  projectKey: string;
  patterns: RegExp[];
  strings: string[];
  /** People who work in the project only. */
  people: Array<{ accountId: string; displayName: string }>;
}

export function tracesOf(snapshot: SiteSnapshot, projectKey: string): Traces {
  const rest = withoutProject(snapshot, projectKey);
  const restText = JSON.stringify(workOf(rest));
  const project = snapshot.projects.find((candidate) => candidate.key === projectKey)!;
  const issues = snapshot.issues.filter((issue) => projectKeyOf(issue) === projectKey);
  const boards = snapshot.boards.filter((board) => board.location?.projectKey === projectKey);
  const sprints = boards.flatMap((board) => snapshot.sprints[String(board.id)] ?? []);
  const own = { project, roles: snapshot.projectRoles[projectKey], boards, sprints, issues };

  // Members of a group the rest of the site's work names (a project role's actors) may be shown for that work.
  const elsewhere = accountIdsIn(workOf(rest));
  for (const group of rest.groups)
    if (restText.includes(JSON.stringify(group.name))) group.members.forEach((accountId) => elsewhere.add(accountId));
  const people = [...accountIdsIn(own)]
    .filter((accountId) => !elsewhere.has(accountId))
    .map((accountId) => ({
      accountId,
      displayName: snapshot.users.find((user) => user.accountId === accountId)?.displayName ?? accountId,
    }));
  const candidates = [
    project.name,
    ...boards.map((board) => board.name),
    ...sprints.map((sprint) => sprint.name),
    ...issues.map((issue) => (typeof issue.fields['summary'] === 'string' ? issue.fields['summary'] : '')),
    ...people.flatMap((person) => [person.accountId, person.displayName]),
  ];
  const strings = [...new Set(candidates)].filter(
    (text) => text.trim() !== '' && !restText.includes(JSON.stringify(text).slice(1, -1)),
  );
  return {
    projectKey,
    patterns: [new RegExp(`\\b${projectKey}-\\d+\\b`), new RegExp(`"${projectKey}"`)],
    strings,
    people,
  };
}

/** The traces of the project found in a JSON text: empty when nothing of it is there. */
export function tracesIn(text: string, traces: Traces): string[] {
  return [
    ...traces.patterns.flatMap((pattern) => pattern.exec(text)?.[0] ?? []),
    ...traces.strings.filter((candidate) => text.includes(JSON.stringify(candidate).slice(1, -1))),
  ];
}

/** A site served by the emulator with the app's store: the real resolvers called as any user, the pipeline run as the app. */
export interface ServedSite {
  snapshot: SiteSnapshot;
  emulator: RunningEmulator;
  store: MemoryStore;
  call<K extends ResolverName>(
    name: K,
    as: string,
    payload: ResolverApi[K]['payload'],
    extension?: unknown,
  ): Promise<ResolverResponse<ResolverApi[K]['result']>>;
  /** Runs the scheduled trigger and every job it queues, as the app: scans of every project, then the audit. */
  fillCache(): Promise<void>;
  /** Every key and value in the store, to compare before and after a call. */
  stored(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function serveSite(snapshot: SiteSnapshot, appLogin: string): Promise<ServedSite> {
  const emulator = await startEmulator(snapshot);
  const store = new MemoryStore();
  const now = () => new Date(snapshot.capturedAt!);
  const client = (login: string) =>
    new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: login, apiToken: 'test' }));
  return {
    snapshot,
    emulator,
    store,
    call(name, as, payload, extension = {}) {
      const services: AppServices = { jiraAsUser: () => client(as), jiraAsApp: () => client(appLogin), store, now };
      return runHandler(name, services, payload, { accountId: as, moduleKey: 'test', extension });
    },
    async fillCache() {
      const queue = new MemoryJobQueue();
      await runScheduledLocally({
        jira: () => client(appLogin),
        store,
        queue,
        scanner: new BackgroundScanner(),
        now,
        stepBudgetMs: 60_000,
      });
    },
    async stored() {
      const keys = await store.keysWithPrefix('');
      return Object.fromEntries(await Promise.all(keys.map(async (key) => [key, await store.get(key)] as const)));
    },
    close: () => emulator.close(),
  };
}
