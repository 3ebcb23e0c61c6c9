import type { RestProject, RestProjectRole, RestUser, SnapshotGroup } from '../../../jira/snapshot';
import { badRequest, ISSUE_NOT_FOUND, JiraHttpError, notFound, projectNotFound } from '../errors';
import { boolParam, firstParam, listParam, offsetPage, pageBean } from '../params';
import type { RequestContext, Route } from '../route';
import type { Site, Viewer } from '../site';

/** Keys of the `Project` bean that Jira only returns when `expand` asks for them. */
const PROJECT_EXPANSIONS = ['description', 'lead', 'issueTypes', 'url', 'projectKeys', 'permissions', 'insight'];
/** The `UserDetails` bean (group members, changelog authors) allows only these keys. */
const USER_DETAILS_KEYS = [
  'self',
  'accountId',
  'accountType',
  'active',
  'avatarUrls',
  'displayName',
  'emailAddress',
  'key',
  'name',
  'timeZone',
];

type Grant = 'admin' | 'projectAdmin' | 'browse' | 'anyone';

interface PermissionInfo {
  key: string;
  /** Jira Software's own permissions carry no numeric id. */
  id?: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
  grant: Grant;
}

const PERMISSIONS: PermissionInfo[] = [
  {
    key: 'ADMINISTER',
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
    grant: 'admin',
  },
  {
    key: 'SYSTEM_ADMIN',
    id: '44',
    name: 'Jira System Administrators',
    type: 'GLOBAL',
    description: 'Ability to perform all administration functions.',
    grant: 'admin',
  },
  {
    key: 'USER_PICKER',
    id: '27',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description: 'View and select users or groups from the user picker, and share issues.',
    grant: 'anyone',
  },
  {
    key: 'BROWSE_PROJECTS',
    id: '10',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
    grant: 'browse',
  },
  {
    key: 'ADMINISTER_PROJECTS',
    id: '23',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
    grant: 'projectAdmin',
  },
  {
    key: 'CREATE_ISSUES',
    id: '11',
    name: 'Create Issues',
    type: 'PROJECT',
    description: 'Ability to create issues.',
    grant: 'browse',
  },
  {
    key: 'EDIT_ISSUES',
    id: '12',
    name: 'Edit Issues',
    type: 'PROJECT',
    description: 'Ability to edit issues.',
    grant: 'browse',
  },
  {
    key: 'ASSIGN_ISSUES',
    id: '13',
    name: 'Assign Issues',
    type: 'PROJECT',
    description: 'Ability to assign issues to other people.',
    grant: 'browse',
  },
  {
    key: 'ADD_COMMENTS',
    id: '15',
    name: 'Add Comments',
    type: 'PROJECT',
    description: 'Ability to comment on issues.',
    grant: 'browse',
  },
  {
    key: 'SCHEDULE_ISSUES',
    id: '28',
    name: 'Schedule Issues',
    type: 'PROJECT',
    description: "Ability to view or edit an issue's due date.",
    grant: 'browse',
  },
  {
    key: 'TRANSITION_ISSUES',
    id: '46',
    name: 'Transition Issues',
    type: 'PROJECT',
    description: 'Ability to transition issues.',
    grant: 'browse',
  },
  {
    key: 'MANAGE_SPRINTS_PERMISSION',
    name: 'Manage sprints',
    type: 'PROJECT',
    description: 'Ability to manage sprints.',
    grant: 'browse',
  },
];

function projectSelf(context: RequestContext, project: RestProject): string {
  return `${context.origin}/rest/api/3/project/${project.id}`;
}

function userSelf(context: RequestContext, user: RestUser): string {
  return `${context.origin}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`;
}

function projectView(
  context: RequestContext,
  project: RestProject,
  expand: ReadonlySet<string>,
): Record<string, unknown> {
  const view: Record<string, unknown> = { expand: PROJECT_EXPANSIONS.join(','), self: projectSelf(context, project) };
  for (const [name, value] of Object.entries(project)) {
    if (!PROJECT_EXPANSIONS.includes(name) || expand.has(name)) view[name] = value;
  }
  return view;
}

function sortProjects(projects: RestProject[], orderBy: string): RestProject[] {
  const descending = orderBy.startsWith('-');
  const field = orderBy.replace(/^[+-]/, '');
  if (field !== 'key' && field !== 'name')
    throw badRequest(`The Jira emulator orders projects by key or name, not '${orderBy}'.`);
  const sorted = [...projects].sort((a, b) => a[field].localeCompare(b[field]));
  return descending ? sorted.reverse() : sorted;
}

function searchProjects(context: RequestContext) {
  const { query, site, viewer } = context;
  const keys = new Set(listParam(query, 'keys'));
  const ids = new Set(listParam(query, 'id'));
  const types = new Set(listParam(query, 'typeKey'));
  const text = firstParam(query, 'query')?.toLowerCase();
  const matching = site
    .visibleProjects(viewer)
    .filter(
      (project) =>
        (keys.size === 0 || keys.has(project.key)) &&
        (ids.size === 0 || ids.has(String(project.id))) &&
        (types.size === 0 || types.has(project.projectTypeKey ?? '')) &&
        (text === undefined || project.key.toLowerCase().includes(text) || project.name.toLowerCase().includes(text)),
    );
  const ordered = sortProjects(matching, firstParam(query, 'orderBy') ?? 'key');
  const expand = new Set(listParam(query, 'expand'));
  const page = pageBean(ordered, offsetPage(query, { defaultMax: 50, cap: 100 }), context.url);
  return {
    body: { ...page, values: page.values.map((project) => projectView(context, project, expand)) },
    objects: page.values.length,
  };
}

/** One project the viewer may browse (or administer), as Jira answers `GET /project/{projectIdOrKey}`. */
function getProject(context: RequestContext) {
  const reference = context.params['projectIdOrKey'] ?? '';
  const project = context.site.visibleProject(context.viewer, reference);
  if (!project) throw projectNotFound(reference);
  return { body: projectView(context, project, new Set(listParam(context.query, 'expand'))), objects: 1 };
}

function roleUrl(context: RequestContext, project: RestProject, role: RestProjectRole): string {
  return `${context.origin}/rest/api/3/project/${project.key}/role/${role.id}`;
}

/** Role lists need Administer Projects somewhere on the site (or Administer Jira); Jira answers others 401. */
function projectRoles(context: RequestContext) {
  const { site, viewer } = context;
  const reference = context.params['projectIdOrKey'] ?? '';
  const project = site.visibleProject(viewer, reference);
  if (!project) throw projectNotFound(reference);
  if (!site.snapshot.projects.some((candidate) => viewer.administers(candidate))) {
    throw new JiraHttpError(401, ['You cannot edit the configuration of this project.']);
  }
  const roles = site.roles(project);
  return {
    body: Object.fromEntries(roles.map((role) => [role.name, roleUrl(context, project, role)])),
    objects: roles.length,
  };
}

/** A role's actors need Administer Projects for that project (or Administer Jira); Jira answers others 404. */
function projectRole(context: RequestContext) {
  const { site, viewer, query } = context;
  const reference = context.params['projectIdOrKey'] ?? '';
  const project = site.visibleProject(viewer, reference);
  if (!project || !viewer.administers(project)) throw projectNotFound(reference);
  const roleId = Number(context.params['id']);
  if (!Number.isInteger(roleId)) throw badRequest(`Failed to convert 'id' with value: '${context.params['id'] ?? ''}'`);
  const role = site.roles(project).find((candidate) => Number(candidate.id) === roleId);
  if (!role) throw notFound(`Could not find project role with id ${roleId}.`);
  const excludeInactive = boolParam(query, 'excludeInactiveUsers', false);
  const actors = (role.actors ?? [])
    .filter((actor) => !excludeInactive || !actor.actorUser || site.user(actor.actorUser.accountId)?.active !== false)
    .sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? ''));
  return { body: { ...role, self: roleUrl(context, project, role), actors }, objects: 1 + actors.length };
}

function groupsOf(site: Site, user: RestUser): SnapshotGroup[] {
  return site.groups().filter((group) => group.members.includes(user.accountId));
}

function myself(context: RequestContext) {
  const { viewer, site, query } = context;
  const body: Record<string, unknown> = { ...viewer.user, self: userSelf(context, viewer.user) };
  if (listParam(query, 'expand').includes('groups')) {
    const groups = groupsOf(site, viewer.user);
    body['groups'] = {
      size: groups.length,
      items: groups.map((group) => ({ name: group.name, groupId: group.groupId })),
    };
  }
  return { body, objects: 1 };
}

function has(grant: Grant, viewer: Viewer, projects: readonly RestProject[]): boolean {
  switch (grant) {
    case 'anyone':
      return true;
    case 'admin':
      return viewer.isAdmin;
    case 'projectAdmin':
      return projects.some((project) => viewer.administers(project));
    case 'browse':
      return projects.some((project) => viewer.canBrowse(project));
  }
}

/** The projects a permission is evaluated against: the one named by project or issue, or every project (global context). */
function permissionContext(context: RequestContext): readonly RestProject[] {
  const { query, site, viewer } = context;
  const projectReference = firstParam(query, 'projectId') ?? firstParam(query, 'projectKey');
  if (projectReference !== undefined) {
    const project = site.visibleProject(viewer, projectReference);
    if (!project) throw projectNotFound(projectReference);
    return [project];
  }
  const issueReference = firstParam(query, 'issueId') ?? firstParam(query, 'issueKey');
  if (issueReference !== undefined) {
    const issue = site.visibleIssue(viewer, issueReference);
    const project = issue && site.projectOf(issue);
    if (!project) throw notFound(ISSUE_NOT_FOUND);
    return [project];
  }
  return site.snapshot.projects;
}

function myPermissions(context: RequestContext) {
  const keys = listParam(context.query, 'permissions');
  if (keys.length === 0)
    throw badRequest('The permissions parameter is required: a comma-separated list of permission keys.');
  const known = keys.map((key) => {
    const permission = PERMISSIONS.find((candidate) => candidate.key === key);
    if (!permission) throw badRequest(`The Jira emulator does not know the permission key '${key}'.`);
    return permission;
  });
  const projects = permissionContext(context);
  const permissions = Object.fromEntries(
    known.map(({ grant, ...permission }) => [
      permission.key,
      { ...permission, havePermission: has(grant, context.viewer, projects) },
    ]),
  );
  return { body: { permissions }, objects: known.length };
}

interface BulkProjectPermissions {
  permissions?: unknown;
  projects?: unknown;
  issues?: unknown;
}

function knownPermission(key: unknown, type: PermissionInfo['type']): PermissionInfo {
  const permission = PERMISSIONS.find((candidate) => candidate.key === key && candidate.type === type);
  if (!permission)
    throw badRequest(`Unrecognized ${type === 'GLOBAL' ? 'global' : 'project'} permission: '${String(key)}'.`);
  return permission;
}

function idList(value: unknown, what: string): number[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((id) => !Number.isSafeInteger(id)))
    throw badRequest(`${what} must be a list of numeric ids.`);
  return value as number[];
}

/**
 * `POST /permissions/check`: which of the global permissions the caller has, and for each project permission, which
 * of the given projects and issues it holds in (ids it may not see are left out, never refused). Checking another
 * user's permissions (`accountId`) needs Administer Jira, as on Jira.
 */
function checkPermissions(context: RequestContext) {
  const { site, viewer } = context;
  const body = (context.body ?? {}) as {
    accountId?: unknown;
    globalPermissions?: unknown;
    projectPermissions?: unknown;
  };
  if (body.accountId !== undefined && body.accountId !== viewer.user.accountId) {
    if (!viewer.isAdmin)
      throw new JiraHttpError(403, ['You must have Administer Jira permission to check another user.']);
    throw badRequest("The Jira emulator checks only the caller's own permissions.");
  }
  const globals = Array.isArray(body.globalPermissions) ? body.globalPermissions : [];
  const grantedGlobal = globals
    .map((key) => knownPermission(key, 'GLOBAL'))
    .filter((permission) => has(permission.grant, viewer, site.snapshot.projects))
    .map((permission) => permission.key);
  const entries = (Array.isArray(body.projectPermissions) ? body.projectPermissions : []) as BulkProjectPermissions[];
  const projectPermissions = entries.flatMap((entry) => {
    if (!Array.isArray(entry.permissions) || entry.permissions.length === 0)
      throw badRequest('Each projectPermissions entry needs its permissions.');
    const projects = idList(entry.projects, 'projects')
      .map((id) => site.project(String(id)))
      .filter((project): project is RestProject => project !== undefined);
    const issues = idList(entry.issues, 'issues').flatMap((id) => {
      const issue = site.visibleIssue(viewer, String(id));
      const project = issue && site.projectOf(issue);
      return issue && project ? [{ id: Number(issue.id), project }] : [];
    });
    return entry.permissions.map((key) => {
      const { grant, key: permission } = knownPermission(key, 'PROJECT');
      return {
        permission,
        projects: projects.filter((project) => has(grant, viewer, [project])).map((project) => Number(project.id)),
        issues: issues.filter((issue) => has(grant, viewer, [issue.project])).map((issue) => issue.id),
      };
    });
  });
  const objects = projectPermissions.reduce((sum, entry) => sum + entry.projects.length + entry.issues.length, 0);
  return { body: { globalPermissions: grantedGlobal, projectPermissions }, objects: grantedGlobal.length + objects };
}

function searchUsers(context: RequestContext) {
  const { startAt, maxResults } = offsetPage(context.query, { defaultMax: 50, cap: 1000 });
  const users = context.site.snapshot.users
    .slice(startAt, startAt + maxResults)
    .map((user) => ({ ...user, self: userSelf(context, user) }));
  return { body: users, objects: users.length };
}

function getUser(context: RequestContext) {
  const accountId = firstParam(context.query, 'accountId');
  if (accountId === undefined || accountId === '')
    throw badRequest('The accountId query parameter needs to be provided.');
  const user = context.site.user(accountId);
  if (!user) throw notFound('Specified user does not exist or you do not have required permissions');
  return { body: { ...user, self: userSelf(context, user) }, objects: 1 };
}

function bulkGroups(context: RequestContext) {
  const { query, site } = context;
  const ids = new Set(listParam(query, 'groupId'));
  const names = new Set(listParam(query, 'groupName'));
  const groups = site
    .groups()
    .filter((group) => (ids.size === 0 || ids.has(group.groupId ?? '')) && (names.size === 0 || names.has(group.name)))
    .map((group) => ({ name: group.name, groupId: group.groupId }));
  const page = pageBean(groups, offsetPage(query, { defaultMax: 50, cap: 50 }), context.url);
  return { body: page, objects: page.values.length };
}

function userDetails(context: RequestContext, accountId: string): Record<string, unknown> {
  const user = context.site.user(accountId);
  if (!user) return { accountId };
  const details: Record<string, unknown> = { self: userSelf(context, user) };
  for (const key of USER_DETAILS_KEYS) if (key in user && key !== 'self') details[key] = user[key];
  return details;
}

function groupMembers(context: RequestContext) {
  const { query, site } = context;
  const name = firstParam(query, 'groupname');
  const id = firstParam(query, 'groupId');
  if (name !== undefined && id !== undefined) throw badRequest('Only one of groupname and groupId may be given.');
  if (name === undefined && id === undefined) throw badRequest('You must specify a group name or a group id.');
  const group = site
    .groups()
    .find((candidate) => (id !== undefined ? candidate.groupId === id : candidate.name === name));
  if (!group) throw notFound(`Group '${id ?? name}' does not exist.`);
  const includeInactive = boolParam(query, 'includeInactiveUsers', false);
  const members = group.members.filter((accountId) => includeInactive || site.user(accountId)?.active !== false);
  const page = pageBean(members, offsetPage(query, { defaultMax: 50, cap: 50 }), context.url);
  return {
    body: { ...page, values: page.values.map((accountId) => userDetails(context, accountId)) },
    objects: page.values.length,
  };
}

/** Jira's instant format: milliseconds and an offset without a colon. */
function jiraInstant(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

function serverInfo({ site, now }: RequestContext) {
  const body = {
    baseUrl: site.snapshot.baseUrl,
    displayUrl: site.snapshot.baseUrl,
    deploymentType: 'Cloud',
    serverTime: jiraInstant(now),
    serverTimeZone: 'Etc/UTC',
    serverTitle: 'Jira',
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
  };
  return { body, objects: 1 };
}

export const platformRoutes: Route[] = [
  { method: 'GET', url: '/rest/api/3/serverInfo', handle: serverInfo },
  {
    method: 'GET',
    url: '/rest/api/3/field',
    handle: ({ site }) => ({ body: site.snapshot.fields, objects: site.snapshot.fields.length }),
  },
  { method: 'GET', url: '/rest/api/3/project/search', handle: searchProjects },
  { method: 'GET', url: '/rest/api/3/project/:projectIdOrKey', handle: getProject },
  { method: 'GET', url: '/rest/api/3/project/:projectIdOrKey/role', handle: projectRoles },
  { method: 'GET', url: '/rest/api/3/project/:projectIdOrKey/role/:id', handle: projectRole },
  { method: 'GET', url: '/rest/api/3/myself', handle: myself },
  { method: 'GET', url: '/rest/api/3/mypermissions', handle: myPermissions },
  { method: 'POST', url: '/rest/api/3/permissions/check', handle: checkPermissions },
  { method: 'GET', url: '/rest/api/3/users/search', handle: searchUsers },
  { method: 'GET', url: '/rest/api/3/user', handle: getUser },
  { method: 'GET', url: '/rest/api/3/group/bulk', handle: bulkGroups },
  { method: 'GET', url: '/rest/api/3/group/member', handle: groupMembers },
];
