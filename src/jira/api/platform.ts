import type { JiraClient } from '../client';
import type { RestField, RestProject, RestProjectRole, RestUser } from '../snapshot';
import { orNotFound } from '../errors';
import { readAllOffsetPages } from './paging';

export async function getFields(client: JiraClient): Promise<RestField[]> {
  const { body } = await client.get<RestField[]>('/rest/api/3/field');
  return Array.isArray(body) ? body : [];
}

export interface ServerInfo {
  baseUrl?: string;
  serverTime?: string;
  deploymentType?: string;
}

/** The site's own base URL and clock (callable by anyone, no scope needed). */
export async function getServerInfo(client: JiraClient): Promise<ServerInfo> {
  const { body } = await client.get<ServerInfo>('/rest/api/3/serverInfo', undefined, { countObjects: () => 1 });
  return body ?? {};
}

export type PermissionKey = 'BROWSE_PROJECTS' | 'ADMINISTER_PROJECTS' | 'ADMINISTER' | (string & {});

/** Which of the given permissions the caller has, globally or in one project. */
export async function getMyPermissions(
  client: JiraClient,
  permissions: PermissionKey[],
  projectKey?: string,
): Promise<Record<string, boolean>> {
  const { body } = await client.get<{ permissions?: Record<string, { havePermission?: boolean }> }>(
    '/rest/api/3/mypermissions',
    { permissions: permissions.join(','), projectKey },
    { countObjects: (answer) => Object.keys(answer?.permissions ?? {}).length },
  );
  const result: Record<string, boolean> = {};
  for (const key of permissions) result[key] = body?.permissions?.[key]?.havePermission === true;
  return result;
}

/** One project by key or id, if the caller may browse it (Jira answers 404 for a missing or hidden project alike). */
export async function getProject(client: JiraClient, projectIdOrKey: string): Promise<RestProject | undefined> {
  return orNotFound(
    client.get<RestProject>(`/rest/api/3/project/${encodeURIComponent(projectIdOrKey)}`, undefined, {
      countObjects: () => 1,
    }),
  );
}

/**
 * Which of the global permissions the caller holds, and in which of the given projects (by id) it holds a project
 * permission: one request whatever the number of projects.
 */
export async function checkPermissions(
  client: JiraClient,
  request: { global?: PermissionKey[]; project?: { permission: PermissionKey; projectIds: readonly string[] } },
): Promise<{ global: Set<string>; projects: Set<string> }> {
  const { global = [], project } = request;
  const asked = project && project.projectIds.length > 0 ? project : undefined;
  if (global.length === 0 && !asked) return { global: new Set(), projects: new Set() };
  const { body } = await client.post<{
    globalPermissions?: string[];
    projectPermissions?: Array<{ permission?: string; projects?: number[] }>;
  }>(
    '/rest/api/3/permissions/check',
    {
      ...(global.length > 0 ? { globalPermissions: global } : {}),
      ...(asked
        ? { projectPermissions: [{ permissions: [asked.permission], projects: asked.projectIds.map(Number) }] }
        : {}),
    },
    {
      countObjects: (answer) =>
        (answer?.globalPermissions?.length ?? 0) +
        (answer?.projectPermissions ?? []).reduce((sum, entry) => sum + (entry.projects?.length ?? 0), 0),
    },
  );
  const granted = (body?.projectPermissions ?? []).find((entry) => entry.permission === asked?.permission);
  return {
    global: new Set((body?.globalPermissions ?? []).filter((key) => global.includes(key))),
    projects: new Set((granted?.projects ?? []).map(String)),
  };
}

/** Every project the caller can browse (with its lead, which Jira only returns when asked), optionally only some keys. */
export async function listProjects(client: JiraClient, keys?: string[]): Promise<RestProject[]> {
  const query = { expand: 'lead', ...(keys && keys.length > 0 ? { keys } : {}) };
  return readAllOffsetPages<RestProject>(client, '/rest/api/3/project/search', query, 100);
}

/** The project's roles with their actors: one request for the role list, one per role for its actors. */
export async function getProjectRoles(client: JiraClient, projectKey: string): Promise<RestProjectRole[]> {
  const key = encodeURIComponent(projectKey);
  const { body: links } = await client.get<Record<string, string>>(`/rest/api/3/project/${key}/role`, undefined, {
    countObjects: (answer) => Object.keys(answer ?? {}).length,
  });
  const roleIds = Object.values(links ?? {})
    .map((url) => /\/role\/(\d+)\/?$/.exec(String(url))?.[1])
    .filter((id): id is string => id !== undefined);
  return Promise.all(
    roleIds.map(async (id) => {
      const { body } = await client.get<RestProjectRole>(`/rest/api/3/project/${key}/role/${id}`, undefined, {
        countObjects: (role) => 1 + (role?.actors?.length ?? 0),
      });
      return body;
    }),
  );
}

/** Group ids for group names (names can change; ids do not). Names Jira does not know are left out. */
export async function findGroupIds(client: JiraClient, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const groups = await readAllOffsetPages<{ name?: string; groupId?: string }>(
    client,
    '/rest/api/3/group/bulk',
    { groupName: names },
    50,
  );
  return new Map(groups.filter((group) => group.name && group.groupId).map((group) => [group.name!, group.groupId!]));
}

/** Members of a group, by id where known (names can change), including inactive accounts. */
export async function getGroupMembers(
  client: JiraClient,
  group: { name: string; groupId?: string },
): Promise<RestUser[]> {
  const query = group.groupId
    ? { groupId: group.groupId, includeInactiveUsers: true }
    : { groupname: group.name, includeInactiveUsers: true };
  return readAllOffsetPages<RestUser>(client, '/rest/api/3/group/member', query, 50);
}
