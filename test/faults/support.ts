import type { FaultRule, RunningEmulator } from '../../src/dev/emulator';
import type { ReadProblem } from '../../src/domain/model';
import { JiraClient, type RetryPolicy } from '../../src/jira/client';
import type { RestIssue, SiteSnapshot } from '../../src/jira/snapshot';
import { HttpTransport } from '../../src/jira/transport-http';
import { fixtureSnapshot, PAULA } from '../fixtures/emulator/site';

/**
 * The fault suites read the emulator's small fixture site (MOB: 134 issues on two search pages, MOB-4 with more
 * comments than search embeds, a scrum board with sprints; WEB; SEC) as its admin, with short limits: a request is
 * cut after TIMEOUT_MS and tried MAX_TRIES times, and waits (backoff, Retry-After) pass on a virtual clock, so a
 * Retry-After of a second costs no real time while still being counted.
 */
export const SITE = fixtureSnapshot();
export const ADMIN = PAULA.emailAddress!;
export const GROUPS = SITE.groups.map((group) => group.name).sort();
export const PROJECT_KEYS = SITE.projects.map((project) => project.key).sort();
export const TIMEOUT_MS = 250;
export const RETRY: RetryPolicy = { maxTries: 3, baseDelayMs: 20, maxDelayMs: 100, maxThrottleWaitMs: 10_000 };

/**
 * A client with the suite's limits; `waitedMs()` is how far its waits (backoff, Retry-After) moved the virtual
 * clock. Requests held by the same Retry-After pause do not add up: each waits only what is left of it.
 */
export function faultClient(emulator: RunningEmulator): { client: JiraClient; waitedMs: () => number } {
  let waited = 0;
  const client = new JiraClient(
    new HttpTransport({ baseUrl: emulator.url, email: ADMIN, apiToken: 'any', timeoutMs: TIMEOUT_MS }),
    {
      retry: RETRY,
      random: () => 0.5,
      now: () => Date.now() + waited,
      sleep: async (ms) => {
        waited += ms;
      },
    },
  );
  return { client, waitedMs: () => waited };
}

/** Scripts the rules and returns a check that every one of them hit at least one request. */
export function script(emulator: RunningEmulator, rules: readonly FaultRule[]): () => void {
  const handles = rules.map((rule) => emulator.faults.add(rule));
  return () =>
    handles.forEach((handle, index) =>
      expect({ rule: index, hit: handle.hits > 0 }).toEqual({ rule: index, hit: true }),
    );
}

/** A search of one project (the readers quote the key and order by key). */
export const searchOf = (projectKey: string) => (request: { body: unknown }) =>
  String((request.body as { jql?: unknown })?.jql).startsWith(`project = "${projectKey}"`);

/**
 * What a list of read problems says was not read, as tags: `issues:KEY`, `roles:KEY`, `boards:KEY` (a project's),
 * `sprints:BOARD`, `comments:ISSUE`, `history:ISSUE`, `group:NAME`, `group-ids`.
 */
export function unreadTags(problems: readonly ReadProblem[]): string[] {
  return [...new Set(problems.map(tagOf))].sort();
}

function tagOf(problem: ReadProblem): string {
  const { scope, ref, message } = problem;
  if (scope === 'project') {
    for (const [pattern, kind] of [
      [/project roles/, 'roles'],
      [/boards/, 'boards'],
      [/issues|Project not found/, 'issues'],
    ] as const)
      if (pattern.test(message)) return `${kind}:${ref}`;
  }
  if (scope === 'board') return `sprints:${ref}`;
  if (scope === 'issue' && /comments/.test(message)) return `comments:${ref}`;
  if (scope === 'history') return `history:${ref}`;
  if (scope === 'site' && ref.startsWith('group ')) return `group:${ref.slice('group '.length)}`;
  if (scope === 'site' && ref === 'groups') return 'group-ids';
  return `${scope}:${ref}:${message}`;
}

/**
 * What a read site lacks or holds differently from the truth, as the same tags: every difference has to be among
 * the read's problems, or the read lost something without saying so.
 */
export function differences(read: SiteSnapshot, truth: SiteSnapshot): string[] {
  const tags = new Set<string>();
  const readProjects = new Set(read.projects.map((project) => project.key));
  const keysOf = (snapshot: SiteSnapshot, projectKey: string) =>
    snapshot.issues
      .filter((issue) => projectOf(issue) === projectKey)
      .map((issue) => issue.key)
      .sort();
  for (const project of truth.projects) {
    const key = project.key;
    if (!readProjects.has(key) || keysOf(read, key).join() !== keysOf(truth, key).join()) tags.add(`issues:${key}`);
    if (readProjects.has(key) && roleText(read.projectRoles[key]) !== roleText(truth.projectRoles[key]))
      tags.add(`roles:${key}`);
  }
  for (const board of truth.boards) {
    const located = board.location?.projectKey;
    if (located !== undefined && !readProjects.has(located)) continue;
    if (!read.boards.some((candidate) => candidate.id === board.id)) tags.add(`boards:${located}`);
    else if (idsOf(read.sprints[String(board.id)]) !== idsOf(truth.sprints[String(board.id)]))
      tags.add(`sprints:${board.id}`);
  }
  const readIssues = new Map(read.issues.map((issue) => [issue.key, issue]));
  for (const issue of truth.issues) {
    const copy = readIssues.get(issue.key);
    if (!copy) continue;
    if (idsOf(commentsOf(copy)) !== idsOf(commentsOf(issue))) tags.add(`comments:${issue.key}`);
    if (idsOf(copy.changelog?.histories) !== idsOf(issue.changelog?.histories)) tags.add(`history:${issue.key}`);
  }
  for (const group of truth.groups) {
    const copy = read.groups.find((candidate) => candidate.name === group.name);
    if (copy && [...copy.members].sort().join() !== [...group.members].sort().join()) tags.add(`group:${group.name}`);
  }
  return [...tags].sort();
}

export function projectOf(issue: Pick<RestIssue, 'key'>): string {
  return issue.key.slice(0, issue.key.lastIndexOf('-'));
}

function commentsOf(issue: RestIssue): Array<{ id: string }> {
  return ((issue.fields.comment as { comments?: Array<{ id: string }> } | undefined)?.comments ?? []).filter(Boolean);
}

function idsOf(list: ReadonlyArray<{ id: string | number }> | undefined): string {
  return (list ?? [])
    .map((entry) => String(entry.id))
    .sort()
    .join();
}

function roleText(roles: SiteSnapshot['projectRoles'][string] | undefined): string {
  return JSON.stringify(
    (roles ?? [])
      .map((role) => ({ name: role.name, actors: (role.actors ?? []).map((actor) => actor.displayName).sort() }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
}

/** Wall time of a promise, in milliseconds, with its outcome. */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; outcome: PromiseSettledResult<T> }> {
  const started = Date.now();
  const [outcome] = await Promise.allSettled([run()]);
  return { ms: Date.now() - started, outcome: outcome };
}
