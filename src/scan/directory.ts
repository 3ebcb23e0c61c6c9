/**
 * The non-issue part of a scan: the site's field catalogue and role-mapping groups (shared by every project's
 * cache) and each project's directory (project, roles with their groups, boards, sprints). The same endpoint
 * functions and helpers as the site reader, read as the app.
 */
import type { ReadProblem } from '../domain/model';
import { boardHasSprints, listBoards, listSprints } from '../jira/api/agile';
import { findGroupIds, getFields, getProjectRoles, getServerInfo, listProjects } from '../jira/api/platform';
import type { JiraClient } from '../jira/client';
import { discoverFieldCandidates } from '../jira/fields';
import { collectGroupRefs, fieldsToRead, orProblem, readGroups, UserCollector } from '../jira/read-site';
import type { RestBoard, RestField, RestSprint } from '../jira/snapshot';
import type { ProjectDirectory, SiteData } from './state';

/** The issue fields an audit needs on this site, in a stable order (a change means the cache lacks a field). */
export function issueFields(fields: readonly RestField[]): string[] {
  return fieldsToRead(discoverFieldCandidates(fields));
}

export async function readSiteData(
  client: JiraClient,
  groupNames: readonly string[],
  problems: ReadProblem[],
): Promise<{ baseUrl?: string; data: SiteData }> {
  const info = await getServerInfo(client);
  const fields = await getFields(client);
  const users = new UserCollector();
  const refs = collectGroupRefs({}, [...groupNames]);
  const found = await orProblem(
    problems,
    'site',
    'groups',
    'group ids',
    () =>
      findGroupIds(
        client,
        refs.map((ref) => ref.name),
      ),
    new Map<string, string>(),
  );
  for (const ref of refs) ref.groupId ??= found.get(ref.name);
  const groups = await readGroups(client, refs, problems, users);
  return { ...(info.baseUrl ? { baseUrl: info.baseUrl } : {}), data: { fields, groups, users: users.list() } };
}

/**
 * Undefined when Jira does not list the project (deleted, archived, or the app may not browse it). Groups its
 * roles name that the site data already holds (those of the role mapping) are taken from there, not read again.
 */
export async function readProjectDirectory(
  client: JiraClient,
  projectKey: string,
  site: SiteData,
  problems: ReadProblem[],
): Promise<ProjectDirectory | undefined> {
  const project = (await listProjects(client, [projectKey])).find((candidate) => candidate.key === projectKey);
  if (!project) {
    problems.push({ scope: 'project', ref: projectKey, message: 'Project not found, or the app may not browse it' });
    return undefined;
  }
  const users = new UserCollector();
  users.add(project.lead);
  const roles = await orProblem(
    problems,
    'project',
    projectKey,
    'project roles',
    () => getProjectRoles(client, projectKey),
    [],
    'refusals',
    'project-roles',
  );
  users.addRoleActors(roles);
  const known = new Set(site.groups.map((group) => group.name));
  const refs = collectGroupRefs({ [projectKey]: roles }, []).filter((ref) => !known.has(ref.name));
  const unidentified = refs.filter((ref) => ref.groupId === undefined).map((ref) => ref.name);
  const found = await orProblem(
    problems,
    'site',
    'groups',
    'group ids',
    () => findGroupIds(client, unidentified),
    new Map<string, string>(),
  );
  for (const ref of refs) ref.groupId ??= found.get(ref.name);
  const groups = await readGroups(client, refs, problems, users);
  const boards = (
    await orProblem(problems, 'project', projectKey, 'boards', () => listBoards(client, projectKey), [] as RestBoard[])
  ).filter((board) => board.location?.projectKey === undefined || board.location.projectKey === projectKey);
  const sprints = await readSprints(client, boards, problems);
  return { project, roles, groups, boards, sprints, users: users.list(), problems: [...problems] };
}

export async function readSprints(
  client: JiraClient,
  boards: readonly RestBoard[],
  problems: ReadProblem[],
): Promise<Record<string, RestSprint[]>> {
  const sprints: Record<string, RestSprint[]> = {};
  await Promise.all(
    boards.filter(boardHasSprints).map(async (board) => {
      sprints[String(board.id)] = await orProblem(
        problems,
        'board',
        String(board.id),
        `sprints of board "${board.name}"`,
        () => listSprints(client, board.id),
        [] as RestSprint[],
      );
    }),
  );
  return sprints;
}
