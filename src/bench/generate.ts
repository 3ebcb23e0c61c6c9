import { calendarDate, DEFAULT_NOW, formatJiraTime, parseInstant, plusDays, plusMinutes } from '../dev/demo/clock';
import {
  BASE_URL,
  CUSTOM,
  FIELDS,
  ISSUE_TYPES,
  PRIORITIES,
  RESOLUTIONS,
  STATUS_CATEGORIES,
  STATUSES,
  type IssueTypeName,
  type PriorityName,
  type StatusName,
} from '../dev/demo/catalog';
import { createRandom, type Random } from '../dev/demo/random';
import { custom, jira, sprintChange } from '../dev/demo/simulate';
import { COMMENTS, FILLERS, INITIATIVE_LABELS, STORY_LABELS, type Voice } from '../dev/demo/texts';
import {
  SNAPSHOT_FORMAT,
  type RestBoard,
  type RestChangeItem,
  type RestComment,
  type RestHistory,
  type RestIssue,
  type RestProject,
  type RestProjectRole,
  type RestSprint,
  type RestUser,
  type SiteSnapshot,
} from '../jira/snapshot';

/**
 * Synthetic sites of any size for the benchmark: a portfolio project of initiatives and team projects of epics,
 * stories, tasks, bugs, spikes and sub-tasks with parents, scrum boards with two-week sprints, project roles, and
 * about ten change histories and two comments per issue, written by PMs, POs, developers and an automation app.
 * It reuses the demo site's field catalog, issue types, statuses and comment texts, but none of its scenario, so it
 * scales linearly. Deterministic for a seed; issues are built one at a time from a generator and share their
 * immutable parts (users, statuses, types, comment bodies) to keep a 100k-issue site in memory cheaply.
 */

export const DEFAULT_BENCH_SEED = 4_242;
const HISTORY_DAYS = 720;
const SPRINT_DAYS = 14;
const TEAM_KEYS = ['PAY', 'MOB', 'WEB', 'DATA', 'PLAT', 'GROW', 'CORE', 'API', 'OPS', 'SRCH', 'ID', 'INFRA'];
const PORTFOLIO_KEY = 'PORT';
const FIRST_ISSUE_ID = 10_000;
const OFFSETS = [0, 60, 120, 330, -300, 540];
const APP_ACCOUNT = 'bench-automation';
const ADMIN_ACCOUNT = 'bench-admin';

export interface BenchSiteOptions {
  issues: number;
  seed?: number;
  /** The site's "now" (capturedAt); histories and sprints lie in the two years before it. */
  now?: string;
}

/** What a generated site holds, counted while it is built (the benchmark's minimum-request maths uses it). */
export interface BenchSiteFacts {
  issues: number;
  histories: number;
  comments: number;
  projects: number;
  boards: number;
  sprints: number;
  users: number;
  /** The account the benchmark reads as: a Jira admin who sees and administers every project. */
  adminAccountId: string;
}

type Kind = 'initiative' | 'epic' | 'standard' | 'subtask';

interface Member {
  user: RestUser;
  offset: number;
}

interface Team {
  project: RestProject;
  /** The short project object issues embed. */
  ref: Record<string, unknown>;
  pm: Member;
  po: Member;
  scrumMaster: Member;
  developers: Member[];
  board?: RestBoard;
  sprints: RestSprint[];
  /** Quarterly releases, as Jira embeds them in fixVersions. */
  versions: Array<{
    self: string;
    id: string;
    name: string;
    archived: boolean;
    released: boolean;
    releaseDate: string;
  }>;
}

interface Plan {
  team: Team;
  issueCount: number;
}

interface ParentRef {
  id: string;
  key: string;
  created: number;
}

interface SiteLayout {
  now: number;
  start: number;
  portfolio: Plan;
  teams: Plan[];
  users: Member[];
  automation: Member;
  admin: Member;
  boards: RestBoard[];
}

/** The whole site as a snapshot, with the facts the benchmark needs. */
export function generateBenchSite(options: BenchSiteOptions): { snapshot: SiteSnapshot; facts: BenchSiteFacts } {
  const layout = planSite(options);
  const issues: RestIssue[] = [];
  let histories = 0;
  let comments = 0;
  for (const issue of benchIssues(layout, options.seed ?? DEFAULT_BENCH_SEED)) {
    issues.push(issue);
    histories += issue.changelog?.histories.length ?? 0;
    comments += (issue.fields['comment'] as { comments: unknown[] }).comments.length;
  }
  const plans = [layout.portfolio, ...layout.teams];
  const snapshot: SiteSnapshot = {
    format: SNAPSHOT_FORMAT,
    capturedAt: new Date(layout.now).toISOString(),
    baseUrl: BASE_URL,
    fields: FIELDS,
    users: layout.users.map((member) => member.user),
    groups: [
      {
        name: 'product-managers',
        groupId: 'b1a5e0c4-0000-4000-8000-000000000001',
        members: plans.map((plan) => plan.team.pm.user.accountId),
      },
    ],
    projects: plans.map((plan) => plan.team.project),
    projectRoles: Object.fromEntries(
      plans.map((plan) => [plan.team.project.key, rolesOf(plan.team, plan === layout.portfolio)]),
    ),
    boards: layout.boards,
    sprints: Object.fromEntries(
      layout.teams.flatMap((plan) => (plan.team.board ? [[String(plan.team.board.id), plan.team.sprints]] : [])),
    ),
    issues,
    permissions: { [layout.admin.user.accountId]: { admin: true } },
  };
  const facts: BenchSiteFacts = {
    issues: issues.length,
    histories,
    comments,
    projects: plans.length,
    boards: layout.boards.length,
    sprints: layout.teams.reduce((sum, plan) => sum + plan.team.sprints.length, 0),
    users: layout.users.length,
    adminAccountId: layout.admin.user.accountId,
  };
  return { snapshot, facts };
}

/** Team projects grow with the site: 3 at 1k issues, 6 at 10k, 10 at 100k. */
export function teamCount(issues: number): number {
  return Math.max(2, Math.min(TEAM_KEYS.length - 2, Math.round(Math.log2(Math.max(issues, 250) / 125))));
}

function planSite(options: BenchSiteOptions): SiteLayout {
  if (!Number.isInteger(options.issues) || options.issues < 10)
    throw new RangeError(`a bench site needs at least 10 issues, got ${options.issues}`);
  const random = createRandom(options.seed ?? DEFAULT_BENCH_SEED).fork('layout');
  const now = parseInstant(options.now ?? DEFAULT_NOW);
  const start = plusDays(now, -HISTORY_DAYS);
  const teams = teamCount(options.issues);
  const initiatives = Math.max(2, Math.round(options.issues * 0.01));
  const developersPerTeam = Math.max(3, Math.min(40, Math.round(options.issues / teams / 250)));

  let userNumber = 0;
  const users: Member[] = [];
  const member = (title: string, special?: { accountId: string; accountType: 'atlassian' | 'app' }): Member => {
    userNumber += 1;
    const offset = OFFSETS[userNumber % OFFSETS.length] ?? 0;
    const accountId = special?.accountId ?? `bench:${String(userNumber).padStart(6, '0')}`;
    const accountType = special?.accountType ?? 'atlassian';
    const displayName = `${title} ${userNumber}`;
    const user: RestUser = {
      self: `${BASE_URL}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`,
      accountId,
      ...(accountType === 'atlassian' ? { emailAddress: `user${userNumber}@bench.example` } : {}),
      displayName,
      active: true,
      timeZone: 'Etc/UTC',
      accountType,
    };
    const created = { user, offset };
    users.push(created);
    return created;
  };
  const admin = member('Jira Admin', { accountId: ADMIN_ACCOUNT, accountType: 'atlassian' });
  const automation = member('Automation for Jira', { accountId: APP_ACCOUNT, accountType: 'app' });

  let boardId = 0;
  let sprintId = 0;
  let versionId = 20_000;
  const boards: RestBoard[] = [];
  const makeTeam = (key: string, index: number, withBoard: boolean): Team => {
    const project: RestProject = {
      self: `${BASE_URL}/rest/api/3/project/${10_000 + index}`,
      id: String(10_000 + index),
      key,
      name: key === PORTFOLIO_KEY ? 'Portfolio' : `Team ${key}`,
      projectTypeKey: 'software',
      simplified: false,
      style: 'classic',
    };
    const team: Team = {
      project,
      ref: {
        self: project.self,
        id: project.id,
        key: project.key,
        name: project.name,
        projectTypeKey: 'software',
        simplified: false,
      },
      pm: member('Product Manager'),
      po: member('Product Owner'),
      scrumMaster: member('Scrum Master'),
      developers: Array.from({ length: key === PORTFOLIO_KEY ? 1 : developersPerTeam }, () => member('Developer')),
      sprints: [],
      versions: [],
    };
    project.lead = { accountId: team.pm.user.accountId, displayName: String(team.pm.user.displayName) };
    for (let quarter = 0; quarter < 10; quarter++) {
      const release = plusDays(start, 90 * quarter + 80);
      const id = String(versionId++);
      const name = `${key} ${2025 + Math.floor(quarter / 4)}.${(quarter % 4) + 1}`;
      team.versions.push({
        self: `${BASE_URL}/rest/api/3/version/${id}`,
        id,
        name,
        archived: false,
        released: release < now,
        releaseDate: calendarDate(release),
      });
    }
    if (withBoard) {
      boardId += 1;
      const board = boardOf(boardId, project, 'scrum');
      team.board = board;
      boards.push(board);
      for (
        let sprintStart = plusDays(start, random.int(0, 13));
        sprintStart < plusDays(now, SPRINT_DAYS);
        sprintStart = plusDays(sprintStart, SPRINT_DAYS)
      ) {
        sprintId += 1;
        team.sprints.push(sprintOf(sprintId, board, sprintStart, now));
      }
      if (index === 1) {
        boardId += 1;
        boards.push(boardOf(boardId, project, 'kanban'));
      }
    }
    return team;
  };

  const portfolio: Plan = { team: makeTeam(PORTFOLIO_KEY, 0, false), issueCount: initiatives };
  const teamIssues = options.issues - initiatives;
  const plans: Plan[] = TEAM_KEYS.slice(0, teams).map((key, index) => ({
    team: makeTeam(key, index + 1, true),
    issueCount: Math.floor(teamIssues / teams) + (index < teamIssues % teams ? 1 : 0),
  }));
  return { now, start, portfolio, teams: plans, users, automation, admin, boards };
}

function boardOf(id: number, project: RestProject, type: 'scrum' | 'kanban'): RestBoard {
  return {
    id,
    self: `${BASE_URL}/rest/agile/1.0/board/${id}`,
    name: `${project.key} ${type === 'scrum' ? 'Sprint board' : 'Support'}`,
    type,
    location: {
      projectId: Number(project.id),
      projectKey: project.key,
      projectName: project.name,
      projectTypeKey: 'software',
      name: `${project.name} (${project.key})`,
    },
  };
}

function sprintOf(id: number, board: RestBoard, start: number, now: number): RestSprint {
  const end = plusDays(start, SPRINT_DAYS);
  const state = end <= now ? 'closed' : start <= now ? 'active' : 'future';
  return {
    id,
    self: `${BASE_URL}/rest/agile/1.0/sprint/${id}`,
    state,
    name: `${board.location?.projectKey ?? 'Board'} Sprint ${id}`,
    ...(state === 'future' ? {} : { startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString() }),
    ...(state === 'closed' ? { completeDate: new Date(plusMinutes(end, 30)).toISOString() } : {}),
    createdDate: new Date(plusDays(start, -7)).toISOString(),
    originBoardId: Number(board.id),
    goal: `Sprint goal ${id}`,
  };
}

function rolesOf(team: Team, portfolio: boolean): RestProjectRole[] {
  const base = Number(team.project.id) * 10;
  const userActor = (offset: number, member: Member) => ({
    id: base + offset,
    displayName: String(member.user.displayName),
    type: 'atlassian-user-role-actor',
    actorUser: { accountId: member.user.accountId },
  });
  const role = (id: number, name: string, actors: RestProjectRole['actors']): RestProjectRole => ({
    self: `${BASE_URL}/rest/api/3/project/${team.project.id}/role/${id}`,
    name,
    id,
    actors,
  });
  const pmActors = portfolio
    ? [
        {
          id: base,
          displayName: 'product-managers',
          type: 'atlassian-group-role-actor',
          name: 'product-managers',
          actorGroup: {
            name: 'product-managers',
            displayName: 'product-managers',
            groupId: 'b1a5e0c4-0000-4000-8000-000000000001',
          },
        },
      ]
    : [userActor(1, team.pm)];
  return [
    role(
      10_001,
      'Developers',
      team.developers.map((developer, index) => userActor(10 + index, developer)),
    ),
    role(10_002, 'Administrators', [userActor(2, team.pm)]),
    role(10_100, 'Product Manager', pmActors),
    role(10_101, 'Product Owner', [userActor(3, team.po)]),
    role(10_102, 'Scrum Master', [userActor(4, team.scrumMaster)]),
  ];
}

// ---- issues ------------------------------------------------------------------------------------------------

interface IssueState {
  status: StatusName;
  assignee: Member | null;
  priority: PriorityName;
  labels: string[];
  fixVersions: string[];
  duedate: string | null;
  startDate: string | null;
  targetStart: string | null;
  targetEnd: string | null;
  sprints: RestSprint[];
  storyPoints: number | null;
  rank: string;
  flagged: boolean;
  acceptanceCriteria: string | null;
  parent: ParentRef | null;
  resolvedAt: number | null;
}

type ChangeKind =
  | 'status'
  | 'assignee'
  | 'priority'
  | 'labels'
  | 'fixVersions'
  | 'duedate'
  | 'targetDates'
  | 'sprint'
  | 'storyPoints'
  | 'rank'
  | 'flagged'
  | 'acceptanceCriteria'
  | 'parent';

/** Which changes each level of the hierarchy sees, weighted as they occur on real sites. */
const CHANGE_MIX: Record<Kind, Array<[ChangeKind, number]>> = {
  initiative: [
    ['targetDates', 4],
    ['priority', 2],
    ['labels', 2],
    ['status', 2],
    ['assignee', 1],
    ['rank', 2],
    ['fixVersions', 1],
  ],
  epic: [
    ['targetDates', 3],
    ['status', 3],
    ['priority', 2],
    ['fixVersions', 2],
    ['rank', 2],
    ['assignee', 1],
    ['parent', 1],
    ['labels', 1],
    ['duedate', 1],
  ],
  standard: [
    ['status', 6],
    ['sprint', 3],
    ['rank', 4],
    ['storyPoints', 2],
    ['assignee', 3],
    ['priority', 1],
    ['acceptanceCriteria', 1],
    ['flagged', 1],
    ['labels', 1],
    ['fixVersions', 1],
    ['duedate', 1],
  ],
  subtask: [
    ['status', 6],
    ['assignee', 3],
    ['priority', 1],
  ],
};
const WORKFLOW: Record<Kind, StatusName[]> = {
  initiative: ['Planned', 'In Progress', 'Done'],
  epic: ['To Do', 'In Progress', 'Done'],
  standard: ['To Do', 'In Progress', 'In Review', 'Done'],
  subtask: ['To Do', 'In Progress', 'Done'],
};
const COMMENT_COUNTS: Array<[number, number]> = [
  [0, 25],
  [1, 25],
  [2, 20],
  [3, 15],
  [4, 10],
  [6, 5],
];
const STANDARD_TYPES: Array<[IssueTypeName, number]> = [
  ['Story', 60],
  ['Task', 20],
  ['Bug', 15],
  ['Spike', 5],
];
const PRIORITY_NAMES = Object.keys(PRIORITIES) as PriorityName[];
const SUMMARIES: Record<Kind, string[]> = {
  initiative: [
    'Expand into {market}',
    'Enterprise readiness for {market}',
    'Grow retention in {market}',
    'Platform bet: {topic}',
    'Pricing and packaging of {topic}',
  ],
  epic: [
    '{topic}: first release',
    '{topic} for enterprise accounts',
    'Rebuild {topic}',
    '{topic} in {market}',
    'Self-serve {topic}',
  ],
  standard: [
    'Add {topic} to checkout',
    'Fix {topic} rounding on invoices',
    'Spike: {topic} options',
    'Show {topic} in the merchant dashboard',
    'API endpoint for {topic}',
    'Split {topic} story for the sprint',
  ],
  subtask: ['Write tests for {topic}', 'Review {topic} copy', 'Wire {topic} to the backend', 'Update {topic} docs'],
};
const TOPICS = [
  'saved cards',
  'refunds',
  'payouts',
  'tax reports',
  'multi-currency',
  'bulk export',
  'webhooks',
  'offline mode',
  'search filters',
  'loyalty points',
  'SSO',
  'audit log',
];
const MARKETS = ['DACH', 'Benelux', 'Nordics', 'Brazil', 'Japan', 'the US mid-market'];
const VOICES: Record<Kind, Voice[]> = {
  initiative: ['pm', 'pm', 'po-epic'],
  epic: ['pm', 'po-epic', 'po'],
  standard: ['po', 'dev', 'qa', 'po-accept', 'scrum-master'],
  subtask: ['dev', 'qa'],
};

interface Built {
  issue: RestIssue;
  ref: ParentRef;
}

/** The site's issues, one at a time, in id order: the portfolio's initiatives, then each team's issues. */
function* benchIssues(layout: SiteLayout, seed: number): Generator<RestIssue> {
  const root = createRandom(seed);
  const bodies = commentBodies(root.fork('bodies'));
  const context = { layout, bodies, nextId: FIRST_ISSUE_ID, nextHistoryId: 100_000, nextCommentId: 50_000 };
  const initiatives: ParentRef[] = [];
  const random = root.fork('issues');
  for (let number = 1; number <= layout.portfolio.issueCount; number++) {
    const created = between(random, layout.start, plusDays(layout.start, HISTORY_DAYS * 0.6));
    const built = buildIssue(context, random, layout.portfolio, number, 'initiative', 'Initiative', created, null);
    initiatives.push(built.ref);
    yield built.issue;
  }
  for (const plan of layout.teams) {
    const epics: ParentRef[] = [];
    const parents: ParentRef[] = [];
    for (let number = 1; number <= plan.issueCount; number++) {
      const created = Math.floor(
        layout.start + ((number - 0.5) / plan.issueCount) * (layout.now - layout.start - 86_400_000),
      );
      const draw = random.next();
      const kind: Kind =
        draw < 0.04 || epics.length === 0 ? 'epic' : draw < 0.3 && parents.length > 0 ? 'subtask' : 'standard';
      const type: IssueTypeName =
        kind === 'epic' ? 'Epic' : kind === 'subtask' ? 'Sub-task' : weighted(random, STANDARD_TYPES);
      const parent =
        kind === 'epic'
          ? random.chance(0.8)
            ? random.pick(initiatives)
            : null
          : kind === 'subtask'
            ? recent(random, parents)
            : random.chance(0.85)
              ? recent(random, epics)
              : null;
      const built = buildIssue(context, random, plan, number, kind, type, created, parent);
      if (kind === 'epic') epics.push(built.ref);
      if (kind === 'standard') parents.push(built.ref);
      yield built.issue;
    }
  }
}

/** A parent among the most recent ones, as teams mostly break down what they are working on now. */
function recent(random: Random, refs: readonly ParentRef[]): ParentRef | null {
  if (refs.length === 0) return null;
  return refs[Math.max(0, refs.length - 1 - random.int(0, 30))] ?? null;
}

interface IssueContext {
  layout: SiteLayout;
  bodies: Record<Voice, unknown[]>;
  nextId: number;
  nextHistoryId: number;
  nextCommentId: number;
}

function buildIssue(
  context: IssueContext,
  random: Random,
  plan: Plan,
  number: number,
  kind: Kind,
  typeName: IssueTypeName,
  created: number,
  parent: ParentRef | null,
): Built {
  const { team } = plan;
  const { now } = context.layout;
  const id = String(context.nextId++);
  const key = `${team.project.key}-${number}`;
  const creator =
    kind === 'initiative' || (kind === 'epic' && random.chance(0.6))
      ? team.pm
      : kind === 'subtask'
        ? random.pick(team.developers)
        : team.po;
  const state: IssueState = {
    status: WORKFLOW[kind][0] ?? 'To Do',
    assignee: kind === 'initiative' || kind === 'epic' ? creator : null,
    priority: 'Medium',
    labels: [],
    fixVersions: [],
    duedate: null,
    startDate: null,
    targetStart: kind === 'initiative' || kind === 'epic' ? calendarDate(plusDays(created, random.int(30, 120))) : null,
    targetEnd: null,
    sprints: [],
    storyPoints: kind === 'standard' && random.chance(0.5) ? random.pick([1, 2, 3, 5, 8]) : null,
    rank: `0|i${(Number(id) * 7).toString(36).padStart(6, '0')}:`,
    flagged: false,
    acceptanceCriteria: null,
    parent,
    resolvedAt: null,
  };
  if (state.targetStart)
    state.targetEnd = calendarDate(
      plusDays(
        parseInstant(`${state.targetStart}T00:00:00Z`),
        kind === 'initiative' ? random.int(180, 540) : random.int(28, 120),
      ),
    );

  const historyCount = random.int(5, 15);
  const times = sortedTimes(random, created, now, historyCount);
  const histories: RestHistory[] = [];
  for (const at of times) {
    const author = authorFor(random, team, context.layout.automation, kind);
    const items = change(random, state, kind, team, at);
    if (items.length === 0) continue;
    histories.push({
      id: String(context.nextHistoryId++),
      author: author.user,
      created: formatJiraTime(at, author.offset),
      items,
    });
  }
  const comments: RestComment[] = [];
  const commentTimes = sortedTimes(random, created, now, weighted(random, COMMENT_COUNTS));
  for (const at of commentTimes) {
    const voice = random.pick(VOICES[kind]);
    const author =
      voice === 'pm'
        ? team.pm
        : voice.startsWith('po')
          ? team.po
          : voice === 'scrum-master'
            ? team.scrumMaster
            : random.pick(team.developers);
    const commentId = String(context.nextCommentId++);
    const time = formatJiraTime(at, author.offset);
    comments.push({
      self: `${BASE_URL}/rest/api/3/issue/${id}/comment/${commentId}`,
      id: commentId,
      author: author.user,
      body: random.pick(context.bodies[voice]),
      updateAuthor: author.user,
      created: time,
      updated: time,
    });
  }
  const lastTouch = Math.max(
    created,
    times[times.length - 1] ?? created,
    commentTimes[commentTimes.length - 1] ?? created,
  );
  const offset = creator.offset;
  const fields: RestIssue['fields'] = {
    summary: fill(random, random.pick(SUMMARIES[kind])),
    issuetype: issueType(typeName),
    status: status(state.status),
    resolution: state.resolvedAt === null ? null : RESOLUTIONS.Done,
    resolutiondate: state.resolvedAt === null ? null : formatJiraTime(state.resolvedAt, offset),
    priority: PRIORITIES[state.priority],
    labels: state.labels,
    fixVersions: state.fixVersions.map((name) => team.versions.find((version) => version.name === name) ?? { name }),
    components: [],
    duedate: state.duedate,
    assignee: state.assignee?.user ?? null,
    reporter: creator.user,
    creator: creator.user,
    created: formatJiraTime(created, offset),
    updated: formatJiraTime(lastTouch, offset),
    project: team.ref,
    comment: {
      comments,
      self: `${BASE_URL}/rest/api/3/issue/${id}/comment`,
      maxResults: comments.length,
      total: comments.length,
      startAt: 0,
    },
    [CUSTOM.sprint]: state.sprints.length > 0 ? state.sprints.map(sprintFieldValue) : null,
    [CUSTOM.rank]: state.rank,
    [CUSTOM.storyPoints]: state.storyPoints,
    [CUSTOM.startDate]: state.startDate,
    [CUSTOM.targetStart]: state.targetStart,
    [CUSTOM.targetEnd]: state.targetEnd,
    [CUSTOM.flagged]: state.flagged ? [{ id: '10019', value: 'Impediment' }] : null,
    [CUSTOM.acceptanceCriteria]: state.acceptanceCriteria,
  };
  if (state.parent) fields['parent'] = { id: state.parent.id, key: state.parent.key };
  histories.reverse();
  return {
    issue: {
      id,
      key,
      self: `${BASE_URL}/rest/api/3/issue/${id}`,
      fields,
      changelog: { startAt: 0, maxResults: histories.length, total: histories.length, histories },
    },
    ref: { id, key, created },
  };
}

function authorFor(random: Random, team: Team, automation: Member, kind: Kind): Member {
  const roll = random.next();
  if (kind === 'initiative' || kind === 'epic')
    return roll < 0.65 ? team.pm : roll < 0.9 ? team.po : random.pick(team.developers);
  if (roll < 0.3) return team.po;
  if (roll < 0.36) return team.pm;
  if (roll < 0.44) return team.scrumMaster;
  if (roll < 0.5) return automation;
  return random.pick(team.developers);
}

/** Applies one change of a kind this issue can take and writes it as Jira's changelog items; [] when none applies. */
function change(random: Random, state: IssueState, kind: Kind, team: Team, at: number): RestChangeItem[] {
  const what = weighted(random, CHANGE_MIX[kind]);
  switch (what) {
    case 'status': {
      const flow = WORKFLOW[kind];
      const position = flow.indexOf(state.status);
      const next = flow[position + 1] ?? (random.chance(0.3) ? flow[1] : undefined);
      if (!next) return rankChange(state);
      const from = STATUSES[state.status];
      const to = STATUSES[next];
      const items: RestChangeItem[] = [];
      if (to.category === 'done') {
        state.resolvedAt = at;
        items.push(jira('resolution', 'resolution', null, null, RESOLUTIONS.Done.id, RESOLUTIONS.Done.name));
      } else if (from.category === 'done') {
        state.resolvedAt = null;
        items.push(jira('resolution', 'resolution', RESOLUTIONS.Done.id, RESOLUTIONS.Done.name, null, null));
      }
      state.status = next;
      items.push(jira('status', 'status', from.id, from.name, to.id, to.name));
      return items;
    }
    case 'assignee': {
      const to = random.pick(kind === 'initiative' || kind === 'epic' ? [team.pm, team.po] : team.developers);
      const from = state.assignee;
      if (from === to) return [];
      state.assignee = to;
      return [
        jira(
          'assignee',
          'assignee',
          from?.user.accountId ?? null,
          from ? String(from.user.displayName) : null,
          to.user.accountId,
          String(to.user.displayName),
        ),
      ];
    }
    case 'priority': {
      const to = random.pick(PRIORITY_NAMES);
      if (to === state.priority) return [];
      const from = PRIORITIES[state.priority];
      state.priority = to;
      return [jira('priority', 'priority', from.id, from.name, PRIORITIES[to].id, to)];
    }
    case 'labels': {
      const from = state.labels.join(' ');
      state.labels = [
        ...new Set([...state.labels, random.pick(kind === 'initiative' ? INITIATIVE_LABELS : STORY_LABELS)]),
      ];
      return [jira('labels', 'labels', null, from, null, state.labels.join(' '))];
    }
    case 'fixVersions': {
      const upcoming = team.versions.filter((version) => version.releaseDate >= calendarDate(at));
      const version = upcoming[0] ?? team.versions[team.versions.length - 1];
      if (!version || state.fixVersions.includes(version.name)) return [];
      state.fixVersions = [...state.fixVersions, version.name];
      return [jira('Fix Version', 'fixVersions', null, null, version.id, version.name)];
    }
    case 'duedate': {
      const from = state.duedate;
      state.duedate = calendarDate(plusDays(at, random.int(7, kind === 'epic' ? 120 : 28)));
      return [jira('duedate', 'duedate', from, from, state.duedate, state.duedate)];
    }
    case 'targetDates': {
      const fromEnd = state.targetEnd;
      const base = fromEnd ? parseInstant(`${fromEnd}T00:00:00Z`) : plusDays(at, 90);
      state.targetEnd = calendarDate(plusDays(base, random.int(-2, 6) * 7));
      return [custom('Target end', CUSTOM.targetEnd, null, fromEnd, null, state.targetEnd)];
    }
    case 'sprint': {
      // The sprint running at the time, else the next one (a future sprint has no dates yet).
      const sprint = team.sprints.find(
        (candidate) => candidate.state === 'future' || at < Date.parse(candidate.endDate ?? ''),
      );
      if (!sprint || state.sprints.includes(sprint)) return rankChange(state);
      const from = state.sprints;
      state.sprints = [...from, sprint];
      return [sprintChange(from, state.sprints)];
    }
    case 'storyPoints': {
      const from = state.storyPoints;
      state.storyPoints = random.pick([1, 2, 3, 5, 8, 13]);
      return [
        custom(
          'Story point estimate',
          CUSTOM.storyPoints,
          null,
          from === null ? null : String(from),
          null,
          String(state.storyPoints),
        ),
      ];
    }
    case 'rank':
      return rankChange(state);
    case 'flagged': {
      state.flagged = !state.flagged;
      return [
        custom(
          'Flagged',
          CUSTOM.flagged,
          state.flagged ? null : '[10019]',
          state.flagged ? null : 'Impediment',
          state.flagged ? '[10019]' : null,
          state.flagged ? 'Impediment' : null,
        ),
      ];
    }
    case 'acceptanceCriteria': {
      const from = state.acceptanceCriteria;
      state.acceptanceCriteria =
        'Given a merchant with saved cards, when they pay, then the default card is preselected.';
      return [custom('Acceptance Criteria', CUSTOM.acceptanceCriteria, null, from, null, state.acceptanceCriteria)];
    }
    case 'parent': {
      if (!state.parent) return [];
      return [
        {
          field: 'IssueParentAssociation',
          fieldtype: 'jira',
          from: null,
          fromString: null,
          to: state.parent.id,
          toString: state.parent.key,
        },
      ];
    }
  }
}

function rankChange(state: IssueState): RestChangeItem[] {
  state.rank = `${state.rank.split(':')[0]}:h`;
  return [custom('Rank', CUSTOM.rank, '', '', '', 'Ranked higher')];
}

// ---- shared parts ------------------------------------------------------------------------------------------

const ISSUE_TYPE_OBJECTS = new Map<IssueTypeName, Record<string, unknown>>();
function issueType(name: IssueTypeName): Record<string, unknown> {
  let found = ISSUE_TYPE_OBJECTS.get(name);
  if (!found) {
    const type = ISSUE_TYPES[name];
    found = {
      self: `${BASE_URL}/rest/api/3/issuetype/${type.id}`,
      id: type.id,
      name: type.name,
      subtask: type.hierarchyLevel < 0,
      hierarchyLevel: type.hierarchyLevel,
    };
    ISSUE_TYPE_OBJECTS.set(name, found);
  }
  return found;
}

const STATUS_OBJECTS = new Map<StatusName, Record<string, unknown>>();
function status(name: StatusName): Record<string, unknown> {
  let found = STATUS_OBJECTS.get(name);
  if (!found) {
    const definition = STATUSES[name];
    found = {
      self: `${BASE_URL}/rest/api/3/status/${definition.id}`,
      name,
      id: definition.id,
      statusCategory: STATUS_CATEGORIES[definition.category],
    };
    STATUS_OBJECTS.set(name, found);
  }
  return found;
}

function sprintFieldValue(sprint: RestSprint): Record<string, unknown> {
  return {
    id: sprint.id,
    name: sprint.name,
    state: sprint.state,
    boardId: sprint.originBoardId,
    goal: sprint.goal,
    startDate: sprint.startDate,
    endDate: sprint.endDate,
  };
}

/** Every English comment text of each voice, placeholders filled once, as ADF documents shared by the issues. */
function commentBodies(random: Random): Record<Voice, unknown[]> {
  const entries = (Object.keys(COMMENTS) as Voice[]).map((voice) => [
    voice,
    COMMENTS[voice].en.map((text) => ({
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: fill(random, text) }] }],
    })),
  ]);
  return Object.fromEntries(entries) as Record<Voice, unknown[]>;
}

function fill(random: Random, template: string): string {
  return template.replace(/\{(@dev|[a-z]+)\}/g, (_match, name: string) => {
    if (name === '@dev') return '@teammate';
    if (name === 'topic') return random.pick(TOPICS);
    if (name === 'market') return random.pick(MARKETS);
    const options = (FILLERS as Record<string, readonly string[]>)[name];
    return options ? random.pick(options) : String(random.int(3, 3480));
  });
}

// ---- small helpers -----------------------------------------------------------------------------------------

function weighted<T>(random: Random, choices: ReadonlyArray<readonly [T, number]>): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

function between(random: Random, from: number, to: number): number {
  return Math.floor(from + random.next() * (to - from));
}

/** `count` instants after `from` and before `until`, oldest first, at least a minute apart from `from`. */
function sortedTimes(random: Random, from: number, until: number, count: number): number[] {
  const times = Array.from({ length: count }, () => between(random, plusMinutes(from, 1), until));
  return times.sort((a, b) => a - b);
}
