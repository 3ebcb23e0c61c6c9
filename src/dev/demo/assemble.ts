import type {
  RestBoard,
  RestComment,
  RestHistory,
  RestIssue,
  RestProject,
  RestProjectRole,
  RestRoleActor,
  RestSprint,
  SiteSnapshot,
  SnapshotGroup,
  SnapshotPermissions,
} from '../../jira/snapshot';
import { SNAPSHOT_FORMAT } from '../../jira/snapshot';
import {
  BASE_URL,
  CUSTOM,
  FIELDS,
  FLAG_OPTION,
  ISSUE_TYPES,
  PRIORITIES,
  RESOLUTIONS,
  SEVERITY_OPTIONS,
  STATUS_CATEGORIES,
  STATUSES,
  type StatusName,
} from './catalog';
import { calendarDate, formatJiraTime } from './clock';
import type { CommentDraft, Segment } from './comments';
import type { ItemStory } from './lifecycle';
import { PEOPLE, person, restUser, type Person } from './people';
import type { Random } from './random';
import type { ProjectSpec, RoleName, Scenario } from './scenario/types';
import { initialRank, simulate, type HistoryDraft, type IssueState, type VersionRef } from './simulate';
import type { ItemPlan, Skeleton, SprintPlan } from './skeleton';

/** Turns the simulated site into the snapshot: every object in the REST shape of the endpoint it comes from. */
export function assembleSnapshot(
  skeleton: Skeleton,
  scenario: Scenario,
  stories: Map<ItemPlan, ItemStory>,
  random: Random,
): SiteSnapshot {
  const { timeline } = skeleton;
  const versions = versionsOf(scenario, timeline.now, skeleton);
  const simulations = new Map(
    skeleton.items.map((item, index) => {
      const story = stories.get(item)!;
      return [item, simulate(item, initialState(item, story, skeleton, index), story.events, versions.refs)] as const;
    }),
  );
  const historyIds = sequence(
    skeleton.items.flatMap((item) =>
      simulations.get(item)!.histories.map((history) => ({ key: history, at: history.at, item })),
    ),
    10_100,
    random,
  );
  const commentIds = sequence(
    skeleton.items.flatMap((item) =>
      stories.get(item)!.comments.map((comment) => ({ key: comment, at: comment.at, item })),
    ),
    10_000,
    random,
  );
  const security = securityLevels(scenario, skeleton);
  const issues = [...skeleton.items]
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((item) => {
      const { state, histories } = simulations.get(item)!;
      const comments = stories.get(item)!.comments;
      return issueOf(item, state, histories, comments, {
        simulations,
        versions,
        historyIds,
        commentIds,
        skeleton,
        security,
      });
    });
  return {
    format: SNAPSHOT_FORMAT,
    capturedAt: new Date(timeline.now).toISOString(),
    baseUrl: BASE_URL,
    fields: FIELDS,
    users: PEOPLE.map(userOf),
    groups: scenario.groups.map((group): SnapshotGroup => ({
      name: group.name,
      groupId: group.groupId,
      members: group.members.map((handle) => person(handle).accountId),
    })),
    projects: scenario.projects.map(projectOf),
    projectRoles: Object.fromEntries(scenario.projects.map((project) => [project.key, rolesOf(project, scenario)])),
    boards: scenario.projects.flatMap(boardsOf),
    sprints: sprintsByBoard(skeleton.sprints),
    issues,
    permissions: permissionsOf(scenario),
    issueSecurity: Object.fromEntries(
      scenario.issueSecurity.map((level) => [
        level.id,
        { name: level.name, members: level.members.map((handle) => person(handle).accountId) },
      ]),
    ),
  };
}

/** The security level each secured item sits behind, as its `security` field gives it. */
function securityLevels(scenario: Scenario, skeleton: Skeleton): Map<ItemPlan, Record<string, string>> {
  const byRef = new Map(skeleton.items.flatMap((item) => (item.roadmap ? [[item.roadmap.ref, item] as const] : [])));
  return new Map(
    scenario.issueSecurity.flatMap((level) =>
      level.items.map((ref) => {
        const item = byRef.get(ref);
        if (!item) throw new Error(`issue security level ${level.name} names no roadmap item ${ref}`);
        return [item, { self: `${BASE_URL}/rest/api/3/securitylevel/${level.id}`, id: level.id, name: level.name }];
      }),
    ),
  );
}

// ---- state at creation -----------------------------------------------------------------------------------

function initialState(item: ItemPlan, story: ItemStory, skeleton: Skeleton, position: number): IssueState {
  const onTimeline = (value: string | undefined): string | null =>
    value === undefined ? null : calendarDate(skeleton.timeline.day(value));
  const spec = item.roadmap;
  const created = item.createdWith;
  const useTarget = spec !== undefined && (item.kind === 'initiative' || item.project.roadmapDates === 'target');
  const useStartAndDue = spec !== undefined && !useTarget;
  return {
    status: item.kind === 'initiative' ? 'Planned' : 'To Do',
    assignee: spec ? spec.owner : item.kind === 'subtask' ? item.creator : null,
    priority: 'Medium',
    labels: spec?.labels ? [...spec.labels] : [],
    fixVersions: created.fixVersions ? [...created.fixVersions] : [],
    duedate: onTimeline(useStartAndDue ? (created.duedate ?? spec.end) : item.duedate),
    startDate: onTimeline(useStartAndDue ? (created.startDate ?? spec.start) : undefined),
    targetStart: onTimeline(useTarget ? (created.targetStart ?? spec.start) : undefined),
    targetEnd: onTimeline(useTarget ? (created.targetEnd ?? spec.end) : undefined),
    sprints: [],
    storyPoints: created.storyPoints ?? null,
    rank: initialRank(1000 + position * 7),
    flagged: false,
    acceptanceCriteria: null,
    description: '',
    parent: item.parent,
    statusCategoryChangedAt: item.created,
    resolvedAt: null,
    ...story.initial,
  };
}

// ---- ids -------------------------------------------------------------------------------------------------

/** Site-wide ids that grow with time (Jira's histories and comments), with the small gaps real sites show. */
function sequence<K>(
  entries: Array<{ key: K; at: number; item: ItemPlan }>,
  first: number,
  random: Random,
): Map<K, string> {
  const sorted = [...entries].sort((a, b) => a.at - b.at || Number(a.item.id) - Number(b.item.id));
  const ids = new Map<K, string>();
  let next = first;
  for (const entry of sorted) {
    ids.set(entry.key, String(next));
    next += random.chance(0.1) ? random.int(2, 5) : 1;
  }
  return ids;
}

// ---- issues ----------------------------------------------------------------------------------------------

interface IssueContext {
  simulations: Map<ItemPlan, { state: IssueState; histories: HistoryDraft[] }>;
  versions: Versions;
  historyIds: Map<HistoryDraft, string>;
  commentIds: Map<CommentDraft, string>;
  skeleton: Skeleton;
  security: Map<ItemPlan, Record<string, string>>;
}

function issueOf(
  item: ItemPlan,
  state: IssueState,
  histories: HistoryDraft[],
  comments: CommentDraft[],
  context: IssueContext,
): RestIssue {
  const offset = person(item.creator).offset;
  const updatedAt = Math.max(
    item.created,
    ...histories.map((history) => history.at),
    ...comments.map((comment) => comment.editedAt ?? comment.at),
  );
  const project = item.project;
  const commentsOut = [...comments]
    .sort((a, b) => a.at - b.at)
    .map((comment) => commentOf(item, comment, context.commentIds.get(comment)!));
  const fields: Record<string, unknown> = {
    statuscategorychangedate: formatJiraTime(state.statusCategoryChangedAt, offset),
    issuetype: issueTypeOf(item),
    parent: state.parent ? issueRefOf(state.parent, context) : undefined,
    timespent: null,
    project: {
      self: `${BASE_URL}/rest/api/3/project/${project.id}`,
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: 'software',
      simplified: false,
    },
    fixVersions: state.fixVersions.map((name) => context.versions.objects.get(name)!),
    aggregatetimespent: null,
    resolution: resolutionOf(state.status),
    resolutiondate: state.resolvedAt === null ? null : formatJiraTime(state.resolvedAt, offset),
    workratio: -1,
    lastViewed: null,
    watches: {
      self: `${BASE_URL}/rest/api/3/issue/${item.key}/watchers`,
      watchCount: 1 + (Number(item.id) % 3),
      isWatching: false,
    },
    created: formatJiraTime(item.created, offset),
    priority: {
      self: `${BASE_URL}/rest/api/3/priority/${PRIORITIES[state.priority].id}`,
      iconUrl: `${BASE_URL}/images/icons/priorities/${state.priority.toLowerCase()}.svg`,
      ...PRIORITIES[state.priority],
    },
    labels: state.labels,
    timeestimate: null,
    aggregatetimeoriginalestimate: null,
    versions: [],
    issuelinks: [],
    assignee: state.assignee ? restUser(person(state.assignee)) : null,
    updated: formatJiraTime(updatedAt, offset),
    status: statusOf(state.status),
    components: [],
    timeoriginalestimate: null,
    description: state.description ? adfOf(state.description) : null,
    timetracking: {},
    security: context.security.get(item) ?? null,
    attachment: [],
    aggregatetimeestimate: null,
    summary: item.summary,
    creator: restUser(person(item.creator)),
    subtasks: item.children.filter((child) => child.kind === 'subtask').map((child) => issueRefOf(child, context)),
    reporter: restUser(person(item.creator)),
    aggregateprogress: { progress: 0, total: 0 },
    environment: null,
    duedate: state.duedate,
    progress: { progress: 0, total: 0 },
    votes: { self: `${BASE_URL}/rest/api/3/issue/${item.key}/votes`, votes: 0, hasVoted: false },
    comment: {
      comments: commentsOut,
      self: `${BASE_URL}/rest/api/3/issue/${item.id}/comment`,
      maxResults: commentsOut.length,
      total: commentsOut.length,
      startAt: 0,
    },
    worklog: { startAt: 0, maxResults: 20, total: 0, worklogs: [] },
    [CUSTOM.sprint]: state.sprints.length > 0 ? state.sprints.map(sprintFieldOf) : null,
    [CUSTOM.rank]: state.rank,
    [CUSTOM.globalRank]: `1|h${Number(item.id).toString(36)}:`,
    [CUSTOM.storyPoints]: state.storyPoints,
    [CUSTOM.startDate]: state.startDate,
    [CUSTOM.flagged]: state.flagged
      ? [{ self: `${BASE_URL}/rest/api/3/customFieldOption/${FLAG_OPTION.id}`, ...FLAG_OPTION }]
      : null,
    [CUSTOM.acceptanceCriteria]: state.acceptanceCriteria ? adfOf(state.acceptanceCriteria) : null,
    [CUSTOM.development]: '{}',
    [CUSTOM.team]: project.team
      ? {
          id: project.team.id,
          name: project.team.name,
          title: project.team.name,
          isVisible: true,
          isVerified: false,
          isShared: true,
        }
      : null,
    [CUSTOM.parentLink]: {
      hasEpicLinkFieldDependency: false,
      showField: false,
      nonEditableReason: {
        reason: 'EPIC_LINK_SHOULD_BE_USED',
        message: 'To set an epic as the parent, use the epic link instead',
      },
    },
    [CUSTOM.targetStart]: state.targetStart,
    [CUSTOM.targetEnd]: state.targetEnd,
    [CUSTOM.severity]: item.type === 'Bug' ? severityOf(state) : null,
    [CUSTOM.releaseDate]: null,
    [CUSTOM.affectedMerchants]:
      item.type === 'Bug' && state.priority === 'Highest' ? 'All merchants on the affected version' : null,
  };
  if (!state.parent) delete fields.parent;
  const historiesOut: RestHistory[] = [...histories]
    .sort((a, b) => b.at - a.at || Number(context.historyIds.get(b)) - Number(context.historyIds.get(a)))
    .map((history) => ({
      id: context.historyIds.get(history)!,
      author: restUser(person(history.author)),
      created: formatJiraTime(history.at, person(history.author).offset),
      items: history.items,
    }));
  return {
    expand: 'operations,versionedRepresentations,editmeta,changelog,renderedFields',
    id: item.id,
    self: `${BASE_URL}/rest/api/3/issue/${item.id}`,
    key: item.key,
    fields,
    changelog: { startAt: 0, maxResults: historiesOut.length, total: historiesOut.length, histories: historiesOut },
  };
}

function issueTypeOf(item: ItemPlan): Record<string, unknown> {
  const type = ISSUE_TYPES[item.type];
  return {
    self: `${BASE_URL}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${BASE_URL}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.avatarId}?size=medium`,
    name: type.name,
    subtask: type.hierarchyLevel < 0,
    avatarId: type.avatarId,
    hierarchyLevel: type.hierarchyLevel,
  };
}

function statusOf(name: StatusName): Record<string, unknown> {
  const status = STATUSES[name];
  const category = STATUS_CATEGORIES[status.category];
  return {
    self: `${BASE_URL}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${BASE_URL}/`,
    name: status.name,
    id: status.id,
    statusCategory: { self: `${BASE_URL}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

function resolutionOf(name: StatusName): Record<string, unknown> | null {
  if (STATUSES[name].category !== 'done') return null;
  const resolution = name === "Won't Do" ? RESOLUTIONS["Won't Do"] : RESOLUTIONS.Done;
  return { self: `${BASE_URL}/rest/api/3/resolution/${resolution.id}`, ...resolution };
}

function severityOf(state: IssueState): Record<string, unknown> {
  const option =
    state.priority === 'Highest'
      ? SEVERITY_OPTIONS[0]
      : state.priority === 'High'
        ? SEVERITY_OPTIONS[1]
        : SEVERITY_OPTIONS[2];
  return { self: `${BASE_URL}/rest/api/3/customFieldOption/${option.id}`, ...option };
}

/** The short form Jira embeds for a parent or a sub-task: id, key and a few fields. */
function issueRefOf(item: ItemPlan, context: IssueContext): Record<string, unknown> {
  const state = context.simulations.get(item)!.state;
  return {
    id: item.id,
    key: item.key,
    self: `${BASE_URL}/rest/api/3/issue/${item.id}`,
    fields: {
      summary: item.summary,
      status: statusOf(state.status),
      priority: {
        self: `${BASE_URL}/rest/api/3/priority/${PRIORITIES[state.priority].id}`,
        ...PRIORITIES[state.priority],
      },
      issuetype: issueTypeOf(item),
    },
  };
}

function sprintFieldOf(sprint: SprintPlan): Record<string, unknown> {
  return {
    id: sprint.id,
    name: sprint.name,
    state: sprint.state,
    boardId: sprint.boardId,
    goal: sprint.goal,
    startDate: new Date(sprint.start).toISOString(),
    endDate: new Date(sprint.end).toISOString(),
    ...(sprint.completeAt !== undefined ? { completeDate: new Date(sprint.completeAt).toISOString() } : {}),
  };
}

function commentOf(item: ItemPlan, comment: CommentDraft, id: string): RestComment {
  const author = person(comment.author);
  return {
    self: `${BASE_URL}/rest/api/3/issue/${item.id}/comment/${id}`,
    id,
    author: restUser(author),
    body: adfOf(comment.segments),
    updateAuthor: restUser(author),
    created: formatJiraTime(comment.at, author.offset),
    updated: formatJiraTime(comment.editedAt ?? comment.at, author.offset),
    jsdPublic: true,
  };
}

/** Atlassian Document Format: paragraphs (split on blank lines) of text runs and mentions. */
export function adfOf(content: string | Segment[]): Record<string, unknown> {
  const paragraphs: Segment[][] =
    typeof content === 'string' ? content.split('\n\n').map((text) => [{ text }]) : [content];
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((segments) => ({
      type: 'paragraph',
      content: segments.map((segment) =>
        'text' in segment
          ? { type: 'text', text: segment.text }
          : {
              type: 'mention',
              attrs: {
                id: person(segment.mention).accountId,
                text: `@${person(segment.mention).displayName}`,
                accessLevel: '',
              },
            },
      ),
    })),
  };
}

// ---- releases --------------------------------------------------------------------------------------------

interface Versions {
  refs: Map<string, VersionRef>;
  objects: Map<string, Record<string, unknown>>;
}

function versionsOf(scenario: Scenario, now: number, skeleton: Skeleton): Versions {
  const refs = new Map<string, VersionRef>();
  const objects = new Map<string, Record<string, unknown>>();
  let id = 10_200;
  for (const project of scenario.projects) {
    for (const release of project.releases ?? []) {
      const releaseDay = skeleton.timeline.day(release.date);
      const ref = { id: String(id), name: release.name };
      refs.set(release.name, ref);
      objects.set(release.name, {
        self: `${BASE_URL}/rest/api/3/version/${ref.id}`,
        id: ref.id,
        description: '',
        name: release.name,
        archived: false,
        released: releaseDay < now,
        releaseDate: calendarDate(releaseDay),
      });
      id += 1;
    }
  }
  return { refs, objects };
}

// ---- users, projects, roles, boards, sprints, permissions ------------------------------------------------

function userOf(someone: Person): ReturnType<typeof restUser> {
  return {
    ...restUser(someone),
    ...(someone.accountType === 'atlassian' && someone.active ? { locale: 'en_GB' } : {}),
  };
}

function projectOf(project: ProjectSpec): RestProject {
  const lead = person(project.lead);
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${BASE_URL}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    description: project.description,
    lead: { accountId: lead.accountId, displayName: lead.displayName },
    name: project.name,
    projectTypeKey: 'software',
    simplified: false,
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
}

const ROLE_IDS: Record<RoleName | 'atlassian-addons-project-access', number> = {
  Developers: 10_001,
  Administrators: 10_002,
  'atlassian-addons-project-access': 10_003,
  'Product Manager': 10_100,
  'Product Owner': 10_101,
  'Scrum Master': 10_102,
};

const ROLE_DESCRIPTIONS: Record<keyof typeof ROLE_IDS, string> = {
  Developers: 'A project role that represents developers in a project',
  Administrators: 'A project role that represents administrators in a project',
  'atlassian-addons-project-access':
    'A project role that represents Connect add-ons declaring a scope that requires more than read issue permissions',
  'Product Manager': 'Owns the product roadmap: vision, strategy, market and pricing',
  'Product Owner': 'Owns the team backlog: ordering, acceptance criteria, sprint scope',
  'Scrum Master': "Facilitates the team's scrum events",
};

function rolesOf(project: ProjectSpec, scenario: Scenario): RestProjectRole[] {
  let actorId = Number(project.id) * 10;
  const actors = (name: keyof typeof ROLE_IDS): RestRoleActor[] => {
    const specs = name === 'atlassian-addons-project-access' ? [{ user: 'automation' }] : project.roles[name];
    return specs.map((spec): RestRoleActor => {
      actorId += 1;
      if ('user' in spec) {
        const someone = person(spec.user);
        return {
          id: actorId,
          displayName: someone.displayName,
          type: 'atlassian-user-role-actor',
          actorUser: { accountId: someone.accountId },
        };
      }
      const group = scenario.groups.find((candidate) => candidate.name === spec.group);
      if (!group) throw new Error(`${project.key}: unknown group ${spec.group}`);
      return {
        id: actorId,
        displayName: group.name,
        type: 'atlassian-group-role-actor',
        name: group.name,
        actorGroup: { name: group.name, displayName: group.name, groupId: group.groupId },
      };
    });
  };
  return (Object.keys(ROLE_IDS) as Array<keyof typeof ROLE_IDS>).map((name) => ({
    self: `${BASE_URL}/rest/api/3/project/${project.id}/role/${ROLE_IDS[name]}`,
    name,
    id: ROLE_IDS[name],
    description: ROLE_DESCRIPTIONS[name],
    actors: actors(name),
  }));
}

function boardsOf(project: ProjectSpec): RestBoard[] {
  const board = project.calendar
    ? { id: project.calendar.boardId, name: project.calendar.boardName, type: 'scrum' }
    : project.board;
  if (!board) return [];
  return [
    {
      id: board.id,
      self: `${BASE_URL}/rest/agile/1.0/board/${board.id}`,
      name: board.name,
      type: board.type,
      location: {
        projectId: Number(project.id),
        displayName: `${project.name} (${project.key})`,
        projectName: project.name,
        projectKey: project.key,
        projectTypeKey: 'software',
        name: `${project.name} (${project.key})`,
      },
      isPrivate: false,
    },
  ];
}

function sprintsByBoard(sprints: SprintPlan[]): Record<string, RestSprint[]> {
  const byBoard: Record<string, RestSprint[]> = {};
  for (const sprint of [...sprints].sort((a, b) => a.id - b.id)) {
    (byBoard[String(sprint.boardId)] ??= []).push({
      id: sprint.id,
      self: `${BASE_URL}/rest/agile/1.0/sprint/${sprint.id}`,
      state: sprint.state,
      name: sprint.name,
      startDate: new Date(sprint.start).toISOString(),
      endDate: new Date(sprint.end).toISOString(),
      ...(sprint.completeAt !== undefined ? { completeDate: new Date(sprint.completeAt).toISOString() } : {}),
      createdDate: new Date(sprint.created).toISOString(),
      originBoardId: sprint.boardId,
      goal: sprint.goal,
    });
  }
  return byBoard;
}

function permissionsOf(scenario: Scenario): Record<string, SnapshotPermissions> {
  const keys = scenario.projects.map((project) => project.key);
  return Object.fromEntries(
    scenario.permissions.map((entry) => [
      person(entry.who).accountId,
      {
        projects: keys.filter((key) => !entry.cannotBrowse?.includes(key)),
        admin: entry.admin ?? false,
        projectAdmin: entry.projectAdmin ?? [],
      },
    ]),
  );
}
