/**
 * The small domain model every stage after reading works on. Plain data, no I/O.
 * Times are ISO-8601 instants in UTC (`2026-03-16T06:40:31.000Z`); calendar dates are `YYYY-MM-DD`.
 */

export type Instant = string;
export type CalendarDate = string;

export type AccountKind = 'human' | 'app' | 'customer' | 'unknown';

export interface Person {
  accountId: string;
  displayName: string;
  kind: AccountKind;
  active: boolean;
  /** True when Jira no longer knows the account (shown as "Former user"). */
  deleted: boolean;
  email?: string;
}

export interface Group {
  name: string;
  groupId?: string;
  memberIds: string[];
}

export interface ProjectRole {
  id: number;
  name: string;
  accountIds: string[];
  groupNames: string[];
}

export interface Project {
  id: string;
  key: string;
  name: string;
  style?: string;
  leadAccountId?: string;
  roles: ProjectRole[];
}

export interface Board {
  id: number;
  name: string;
  type: string;
  projectKey?: string;
}

export interface Sprint {
  id: number;
  name: string;
  /** `future`, `active` or `closed` as Jira sends them; anything else a source sends is kept as it came. */
  state: string;
  boardId?: number;
  startDate?: Instant;
  endDate?: Instant;
  completeDate?: Instant;
  goal?: string;
  /**
   * True where the source records sprint goals (some sprint of it carries a goal field, even an empty one): only
   * there does a sprint without a goal have none. Exports such as Appcelerator's have no goal field at all.
   */
  goalKnown?: boolean;
}

/** A fix version as the issues name it: its release date is what a version's horizon is measured to. */
export interface Release {
  /** Jira's version id, which changelogs give as the raw value. */
  id?: string;
  name: string;
  projectKey: string;
  releaseDate?: CalendarDate;
  released?: boolean;
}

/** Where an issue type sits: 2+ roadmap (initiative-like), 1 epic, 0 standard (story, bug, task), -1 sub-task. */
export type HierarchyLevel = number;

export const HIERARCHY = { roadmap: 2, epic: 1, standard: 0, subtask: -1 } as const;

export interface ItemType {
  id?: string;
  name: string;
  hierarchyLevel: HierarchyLevel;
}

export interface Item {
  id: string;
  key: string;
  projectKey: string;
  type: ItemType;
  summary: string;
  description?: string;
  status: { name: string; category: string };
  parentKey?: string;
  created: Instant;
  updated?: Instant;
  resolved?: Instant;
  dueDate?: CalendarDate;
  startDate?: CalendarDate;
  targetStart?: CalendarDate;
  targetEnd?: CalendarDate;
  assigneeId?: string;
  reporterId?: string;
  creatorId?: string;
  priority?: string;
  labels: string[];
  fixVersions: string[];
  storyPoints?: number;
  teamName?: string;
  sprintIds: number[];
  /** The issue security level the issue sits behind (its id): only the level's members may see it. */
  securityLevelId?: string;
  /** Account ids held by user-picker fields, by field id, so the owner field can be configured. */
  userFields: { [fieldId: string]: string[] };
}

export interface FieldChange {
  /** The field's id where Jira gives it (`customfield_10020`, `duedate`), otherwise its name. */
  fieldId: string;
  /** What the field means to the auditor, from field discovery (`sprint`, `rank`, `storyPoints`…), or `other`. */
  meaning: FieldMeaning;
  fieldName: string;
  /** Raw values as Jira stores them (ids, dates, sprint ids) and their display text. */
  fromValue?: string;
  fromText?: string;
  toValue?: string;
  toText?: string;
}

export type ActionKind = 'create' | 'change' | 'comment';

export interface ActionBase {
  /** Stable id: `<issueKey>:create`, `<issueKey>:h<historyId>`, `<issueKey>:c<commentId>`. */
  id: string;
  itemKey: string;
  authorId?: string;
  at: Instant;
}

export interface CreateAction extends ActionBase {
  kind: 'create';
}

export interface ChangeAction extends ActionBase {
  kind: 'change';
  historyId: string;
  changes: FieldChange[];
}

export interface CommentAction extends ActionBase {
  kind: 'comment';
  commentId: string;
  text: string;
}

export type Action = CreateAction | ChangeAction | CommentAction;

/** The custom and system fields the auditor understands, found on each site by schema or name. */
export type FieldMeaning =
  | 'sprint'
  | 'storyPoints'
  | 'startDate'
  | 'rank'
  | 'team'
  | 'targetStart'
  | 'targetEnd'
  | 'parentLink'
  | 'epicLink'
  | 'dueDate'
  | 'fixVersions'
  | 'priority'
  | 'labels'
  | 'summary'
  | 'description'
  | 'status'
  | 'assignee'
  | 'issueType'
  | 'parent'
  | 'resolution'
  | 'components'
  | 'acceptanceCriteria'
  | 'flagged'
  | 'other';

export type FieldMap = Partial<Record<Exclude<FieldMeaning, 'other'>, string>>;

/**
 * Which part of the site a problem left unread. A report with any such problem is incomplete, and a rule that needs
 * that part does not judge on its absence.
 */
export type UnreadPart =
  'project' | 'project-roles' | 'groups' | 'boards' | 'sprints' | 'issues' | 'history' | 'comments';

/**
 * Something the reader or normaliser could not take in, said rather than dropped. `unread` says which part of the
 * site is missing because of it; notes about data that was read but is odd (a cycle, an impossible date) have none.
 */
export interface ReadProblem {
  scope: 'site' | 'project' | 'board' | 'sprint' | 'issue' | 'history' | 'comment';
  ref: string;
  message: string;
  unread?: UnreadPart;
}

/** True when some part of the site could not be read, so the absence of something proves nothing. */
export function readIncomplete(problems: readonly ReadProblem[]): boolean {
  return problems.some((problem) => problem.unread !== undefined);
}

export interface Site {
  baseUrl: string;
  /** The moment the data describes: the snapshot's capture time or the time of reading. */
  capturedAt?: Instant;
  fields: FieldMap;
  people: Person[];
  groups: Group[];
  projects: Project[];
  boards: Board[];
  sprints: Sprint[];
  /** Fix versions named by the issues, with their release dates where Jira gives them. */
  releases?: Release[];
  items: Item[];
  actions: Action[];
  problems: ReadProblem[];
}
