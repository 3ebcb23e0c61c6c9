import { parseISO } from 'date-fns';
import type {
  RestBoard,
  RestComment,
  RestField,
  RestHistory,
  RestIssue,
  RestProject,
  RestProjectRole,
  RestSprint,
  RestUser,
  SiteSnapshot,
  SnapshotGroup,
} from '../../jira/snapshot';

const SPRINT_FIELD_TYPE = 'com.pyxis.greenhopper.jira:gh-sprint';
const RANK_FIELD_TYPE = 'com.pyxis.greenhopper.jira:gh-lexo-rank';
/** System fields Jira marks `navigable: false` on every catalogued site; used when the snapshot's catalog is silent. */
const NON_NAVIGABLE_SYSTEM_FIELDS = new Set([
  'comment',
  'attachment',
  'worklog',
  'timetracking',
  'issuerestriction',
  'archivedby',
  'archiveddate',
]);

/**
 * The Basic-auth login that reads as the app itself (Forge's `asApp`): every project and every issue, whatever its
 * issue security level, as an app's own reads on Jira Cloud do. Any other login reads as that user.
 */
export const APP_LOGIN = 'role-boundary-auditor-app';

const APP_USER: RestUser = {
  accountId: APP_LOGIN,
  displayName: 'Role Boundary Auditor',
  accountType: 'app',
  active: true,
};

/** Who is asking, and what the snapshot's permissions let them see. */
export interface Viewer {
  readonly user: RestUser;
  readonly isAdmin: boolean;
  /** Issue security: whether an issue behind the level may be seen (its members only; the app sees all). */
  canSeeLevel(levelId: string): boolean;
  /** Browse Projects: the project's issues, boards and sprints. */
  canBrowse(project: RestProject): boolean;
  /** Administer Projects (Jira administrators administer every project). */
  administers(project: RestProject): boolean;
  /** What project listings show: Browse Projects, Administer Projects or Administer Jira. */
  canView(project: RestProject): boolean;
}

/** An issue type as the issues of the site carry it; ids are optional in snapshots, names are not. */
export interface IssueTypeRef {
  identity: string;
  id?: string;
  name: string;
  hierarchyLevel?: number;
  subtask: boolean;
}

export interface SprintEntry {
  sprint: RestSprint;
  boardId: number;
}

/** Milliseconds since the epoch of a Jira timestamp (ISO with any offset style, or epoch millis); undefined if unreadable. */
export function instant(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  const time = parseISO(value).getTime();
  return Number.isNaN(time) ? undefined : time;
}

function numericOrder(a: string, b: string): number {
  const difference = Number(a) - Number(b);
  return Number.isNaN(difference) || difference === 0 ? a.localeCompare(b) : difference;
}

/** Oldest first, ties by history id: the order of the changelog endpoints. */
export function historiesOldestFirst(histories: readonly RestHistory[]): RestHistory[] {
  return [...histories].sort(
    (a, b) => (instant(a.created) ?? 0) - (instant(b.created) ?? 0) || numericOrder(a.id, b.id),
  );
}

export function commentsOldestFirst(comments: readonly RestComment[]): RestComment[] {
  return [...comments].sort(
    (a, b) => (instant(a.created) ?? 0) - (instant(b.created) ?? 0) || numericOrder(a.id, b.id),
  );
}

export function issueComments(issue: RestIssue): RestComment[] {
  const value = issue.fields['comment'];
  if (typeof value !== 'object' || value === null) return [];
  const comments = (value as { comments?: unknown }).comments;
  return Array.isArray(comments) ? (comments as RestComment[]) : [];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Sprint ids in a sprint field value: objects with an id, or the legacy `...Sprint@1a2b[id=12,...]` strings. */
function sprintIdsIn(value: unknown): number[] {
  const entries = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const ids: number[] = [];
  for (const entry of entries) {
    const id = record(entry)?.['id'] ?? (typeof entry === 'string' ? /\bid=(\d+)/.exec(entry)?.[1] : undefined);
    const numeric = Number(id);
    if (id !== undefined && Number.isInteger(numeric)) ids.push(numeric);
  }
  return ids;
}

/** The id of the issue security level an issue sits behind, if any. */
function securityLevelOf(issue: RestIssue): string | undefined {
  const id = record(issue.fields['security'])?.['id'];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Read-only indexes over a snapshot, answering the lookups every endpoint needs. */
export class Site {
  private readonly issuesByKey = new Map<string, RestIssue>();
  private readonly issuesById = new Map<string, RestIssue>();
  /** Issues by project id, so a search restricted to projects looks at theirs only, not at the whole site. */
  private readonly issuesByProjectId = new Map<string, RestIssue[]>();
  private readonly projectsByKey = new Map<string, RestProject>();
  private readonly projectsById = new Map<string, RestProject>();
  private readonly usersByAccountId = new Map<string, RestUser>();
  private readonly usersByEmail = new Map<string, RestUser>();
  private readonly fieldsById = new Map<string, RestField>();
  private readonly sprintsById = new Map<number, SprintEntry>();
  private readonly boardsById = new Map<number, RestBoard>();
  private readonly types = new Map<string, IssueTypeRef>();
  readonly sprintFieldIds: string[];
  readonly rankFieldId: string | undefined;

  constructor(readonly snapshot: SiteSnapshot) {
    for (const issue of snapshot.issues) {
      this.issuesByKey.set(issue.key.toUpperCase(), issue);
      this.issuesById.set(issue.id, issue);
      const type = this.issueTypeOf(issue);
      if (type && !this.types.has(type.identity)) this.types.set(type.identity, type);
    }
    for (const project of snapshot.projects) {
      this.projectsByKey.set(project.key, project);
      this.projectsById.set(String(project.id), project);
    }
    for (const issue of snapshot.issues) {
      const project = this.projectOf(issue);
      if (!project) continue;
      const list = this.issuesByProjectId.get(String(project.id));
      if (list) list.push(issue);
      else this.issuesByProjectId.set(String(project.id), [issue]);
    }
    for (const user of snapshot.users) {
      this.usersByAccountId.set(user.accountId, user);
      if (user.emailAddress) this.usersByEmail.set(user.emailAddress.toLowerCase(), user);
    }
    for (const field of snapshot.fields) this.fieldsById.set(field.id, field);
    for (const board of snapshot.boards) this.boardsById.set(Number(board.id), board);
    for (const [boardId, sprints] of Object.entries(snapshot.sprints)) {
      for (const sprint of sprints) {
        if (!this.sprintsById.has(sprint.id))
          this.sprintsById.set(sprint.id, { sprint, boardId: sprint.originBoardId ?? Number(boardId) });
      }
    }
    this.sprintFieldIds = snapshot.fields
      .filter((field) => field.schema?.custom === SPRINT_FIELD_TYPE)
      .map((field) => field.id);
    const rankFields = snapshot.fields.filter((field) => field.schema?.custom === RANK_FIELD_TYPE);
    this.rankFieldId = (rankFields.find((field) => field.name === 'Rank') ?? rankFields[0])?.id;
  }

  viewerOf(user: RestUser): Viewer {
    if (user === APP_USER)
      return {
        user,
        isAdmin: true,
        canSeeLevel: () => true,
        canBrowse: () => true,
        administers: () => true,
        canView: () => true,
      };
    const grant = this.snapshot.permissions?.[user.accountId];
    const administered = new Set(grant?.projectAdmin ?? []);
    const browsable = grant?.projects ? new Set([...grant.projects, ...administered]) : undefined;
    const isAdmin = grant?.admin === true;
    const canBrowse = (project: RestProject) => browsable === undefined || browsable.has(project.key);
    const administers = (project: RestProject) => isAdmin || administered.has(project.key);
    // Site admins are no exception: a level hides its issues from everyone it does not list.
    const canSeeLevel = (levelId: string) =>
      this.snapshot.issueSecurity?.[levelId]?.members.includes(user.accountId) === true;
    return {
      user,
      isAdmin,
      canSeeLevel,
      canBrowse,
      administers,
      canView: (project) => canBrowse(project) || administers(project),
    };
  }

  /** Basic-auth user part: an e-mail address (case-insensitive) or an account id; `APP_LOGIN` is the app. */
  userByLogin(login: string): RestUser | undefined {
    if (login === APP_LOGIN) return APP_USER;
    return this.usersByEmail.get(login.toLowerCase()) ?? this.usersByAccountId.get(login);
  }

  user(accountId: string): RestUser | undefined {
    return this.usersByAccountId.get(accountId);
  }

  /** Project keys are case sensitive in paths, as in Jira; ids are matched as strings. */
  project(idOrKey: string): RestProject | undefined {
    return this.projectsByKey.get(idOrKey) ?? this.projectsById.get(idOrKey);
  }

  visibleProject(viewer: Viewer, idOrKey: string): RestProject | undefined {
    const project = this.project(idOrKey);
    return project && viewer.canView(project) ? project : undefined;
  }

  visibleProjects(viewer: Viewer): RestProject[] {
    return this.snapshot.projects.filter((project) => viewer.canView(project));
  }

  roles(project: RestProject): RestProjectRole[] {
    return this.snapshot.projectRoles[project.key] ?? [];
  }

  groups(): SnapshotGroup[] {
    return this.snapshot.groups;
  }

  issue(idOrKey: string): RestIssue | undefined {
    return this.issuesByKey.get(idOrKey.toUpperCase()) ?? this.issuesById.get(idOrKey);
  }

  projectOf(issue: RestIssue): RestProject | undefined {
    const reference = record(issue.fields['project']);
    const key = text(reference?.['key']) ?? issue.key.slice(0, issue.key.lastIndexOf('-'));
    return this.projectsByKey.get(key) ?? this.projectsById.get(text(reference?.['id']) ?? '');
  }

  canSee(viewer: Viewer, issue: RestIssue): boolean {
    const project = this.projectOf(issue);
    if (project === undefined || !viewer.canBrowse(project)) return false;
    const level = securityLevelOf(issue);
    return level === undefined || viewer.canSeeLevel(level);
  }

  visibleIssue(viewer: Viewer, idOrKey: string): RestIssue | undefined {
    const issue = this.issue(idOrKey);
    return issue && this.canSee(viewer, issue) ? issue : undefined;
  }

  /** Issues the viewer may see; only those of the given projects (ids) when they are given. */
  visibleIssues(viewer: Viewer, projectIds?: ReadonlySet<string>): RestIssue[] {
    const candidates = projectIds
      ? [...projectIds].flatMap((id) => this.issuesByProjectId.get(id) ?? [])
      : this.snapshot.issues;
    return candidates.filter((issue) => this.canSee(viewer, issue));
  }

  field(idOrKey: string): RestField | undefined {
    return this.fieldsById.get(idOrKey) ?? this.snapshot.fields.find((field) => field.key === idOrKey);
  }

  /** Whether a field is part of `*navigable`: the catalog's flag, else Jira's usual system exceptions. */
  isNavigable(fieldId: string): boolean {
    const flag = this.fieldsById.get(fieldId)?.['navigable'];
    return typeof flag === 'boolean' ? flag : !NON_NAVIGABLE_SYSTEM_FIELDS.has(fieldId);
  }

  issueTypeOf(issue: RestIssue): IssueTypeRef | undefined {
    const type = record(issue.fields['issuetype']);
    const name = text(type?.['name']);
    if (!type || name === undefined) return undefined;
    const id = text(type['id']);
    const level = type['hierarchyLevel'];
    const hierarchyLevel = typeof level === 'number' ? level : undefined;
    return {
      identity: id ?? name.toLowerCase(),
      id,
      name,
      hierarchyLevel,
      subtask: type['subtask'] === true || hierarchyLevel === -1,
    };
  }

  issueTypes(): IssueTypeRef[] {
    return [...this.types.values()];
  }

  parentOf(issue: RestIssue): RestIssue | undefined {
    const parent = record(issue.fields['parent']);
    const reference = text(parent?.['id']) ?? text(parent?.['key']);
    return reference === undefined ? undefined : this.issue(reference);
  }

  sprintIdsOf(issue: RestIssue): number[] {
    return this.sprintFieldIds.flatMap((fieldId) => sprintIdsIn(issue.fields[fieldId]));
  }

  sprint(id: number): SprintEntry | undefined {
    return this.sprintsById.get(id);
  }

  sprints(): SprintEntry[] {
    return [...this.sprintsById.values()];
  }

  board(id: number): RestBoard | undefined {
    return this.boardsById.get(id);
  }

  /** A board is visible with its project; a board located nowhere (a user's board) is visible to all. */
  canSeeBoard(viewer: Viewer, board: RestBoard): boolean {
    const location = board.location;
    const reference =
      location?.projectKey ?? (location?.projectId === undefined ? undefined : String(location.projectId));
    if (reference === undefined) return true;
    const project = this.project(reference);
    return project !== undefined && viewer.canBrowse(project);
  }

  sprintsOfBoard(boardId: number): RestSprint[] {
    return this.snapshot.sprints[String(boardId)] ?? [];
  }
}
