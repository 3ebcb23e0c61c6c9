import type { AccountKind, Action, FieldMeaning, Item, ReadProblem, Site } from '../../src/domain/model';

/**
 * What every normalised site must be, whatever it was read from: the domain model's types held strictly (strings
 * where strings belong, finite numbers, instants as `YYYY-MM-DDTHH:mm:ss.sssZ`, calendar dates as `YYYY-MM-DD`),
 * ids unique, every reference pointing at something the site holds, actions in site order.
 * Returns what is wrong, one line each; an empty list means the site is sound.
 */
export function siteViolations(site: Site): string[] {
  const found: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) found.push(what);
  };
  const people = new Set(site.people.map((person) => person.accountId));
  const person = (id: string | undefined, where: string) =>
    check(id === undefined || people.has(id), `${where} names ${String(id)}, who is not among the people`);

  check(typeof site.baseUrl === 'string', 'baseUrl is not a string');
  check(
    site.capturedAt === undefined || isInstant(site.capturedAt),
    `capturedAt ${String(site.capturedAt)} is not an instant`,
  );
  for (const [meaning, id] of Object.entries(site.fields))
    check(Object.hasOwn(MEANINGS, meaning) && typeof id === 'string', `field ${meaning} → ${String(id)}`);

  unique(
    site.people.map((entry) => entry.accountId),
    'person',
    check,
  );
  for (const entry of site.people) {
    check(
      nonEmpty(entry.accountId) && nonEmpty(entry.displayName) && Object.hasOwn(KINDS, entry.kind),
      `person ${JSON.stringify(entry)}`,
    );
    check(
      typeof entry.active === 'boolean' && typeof entry.deleted === 'boolean' && optional(entry.email, isString),
      `person ${entry.accountId} flags or email`,
    );
  }

  unique(
    site.groups.map((group) => group.name),
    'group',
    check,
  );
  for (const group of site.groups) {
    check(
      isString(group.name) && optional(group.groupId, isString) && group.memberIds.every(isString),
      `group ${JSON.stringify(group)}`,
    );
    for (const id of group.memberIds) person(id, `group ${group.name}`);
  }

  unique(
    site.projects.map((project) => project.key),
    'project',
    check,
  );
  for (const project of site.projects) {
    check(
      nonEmpty(project.key) && isString(project.id) && isString(project.name) && optional(project.style, isString),
      `project ${JSON.stringify(project)}`,
    );
    person(project.leadAccountId, `project ${project.key} lead`);
    for (const role of project.roles) {
      check(
        Number.isFinite(role.id) && isString(role.name) && role.groupNames.every(isString),
        `project ${project.key} role ${JSON.stringify(role)}`,
      );
      for (const id of role.accountIds) person(id, `project ${project.key} role ${role.name}`);
    }
  }

  unique(
    site.boards.map((board) => board.id),
    'board',
    check,
  );
  for (const board of site.boards)
    check(
      Number.isFinite(board.id) && isString(board.name) && isString(board.type) && optional(board.projectKey, isString),
      `board ${JSON.stringify(board)}`,
    );

  const sprints = new Set(site.sprints.map((sprint) => sprint.id));
  unique(
    site.sprints.map((sprint) => sprint.id),
    'sprint',
    check,
  );
  for (const sprint of site.sprints) {
    check(
      Number.isFinite(sprint.id) &&
        isString(sprint.name) &&
        isString(sprint.state) &&
        optional(sprint.boardId, Number.isFinite) &&
        optional(sprint.goal, isString),
      `sprint ${JSON.stringify(sprint)}`,
    );
    for (const time of [sprint.startDate, sprint.endDate, sprint.completeDate])
      check(optional(time, isInstant), `sprint ${sprint.id} time ${String(time)}`);
  }

  const items = new Set(site.items.map((item) => item.key));
  unique(
    site.items.map((item) => item.key),
    'item',
    check,
  );
  for (const item of site.items) {
    for (const what of itemViolations(item)) found.push(`item ${item.key}: ${what}`);
    for (const id of item.sprintIds)
      check(sprints.has(id), `item ${item.key} is in sprint ${id}, which the site does not hold`);
    for (const id of [item.assigneeId, item.reporterId, item.creatorId, ...Object.values(item.userFields).flat()])
      person(id, `item ${item.key}`);
  }

  unique(
    site.actions.map((action) => action.id),
    'action',
    check,
  );
  site.actions.forEach((action, index) => {
    for (const what of actionViolations(action)) found.push(`action ${action.id}: ${what}`);
    check(items.has(action.itemKey), `action ${action.id} is on ${action.itemKey}, which the site does not hold`);
    person(action.authorId, `action ${action.id}`);
    const previous = site.actions[index - 1];
    check(
      !previous || previous.at < action.at || (previous.at === action.at && previous.id < action.id),
      `action ${action.id} is out of order`,
    );
  });

  for (const problem of site.problems) check(problemIsSound(problem), `problem ${JSON.stringify(problem)}`);
  return found;
}

function itemViolations(item: Item): string[] {
  const found: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) found.push(what);
  };
  check(
    nonEmpty(item.key) && isString(item.id) && isString(item.projectKey) && isString(item.summary),
    'key, id, project or summary',
  );
  check(
    isString(item.type.name) && Number.isFinite(item.type.hierarchyLevel) && optional(item.type.id, isString),
    `type ${JSON.stringify(item.type)}`,
  );
  check(isString(item.status.name) && isString(item.status.category), `status ${JSON.stringify(item.status)}`);
  check(
    isInstant(item.created) && optional(item.updated, isInstant) && optional(item.resolved, isInstant),
    `times ${item.created} ${String(item.updated)} ${String(item.resolved)}`,
  );
  for (const date of [item.dueDate, item.startDate, item.targetStart, item.targetEnd])
    check(optional(date, isCalendarDate), `calendar date ${String(date)}`);
  for (const text of [item.description, item.parentKey, item.priority, item.teamName])
    check(optional(text, isString), `text ${JSON.stringify(text)}`);
  check(item.labels.every(isString) && item.fixVersions.every(isString), 'labels or fix versions');
  check(optional(item.storyPoints, Number.isFinite), `story points ${String(item.storyPoints)}`);
  check(
    item.sprintIds.every(Number.isFinite) && new Set(item.sprintIds).size === item.sprintIds.length,
    `sprint ids ${JSON.stringify(item.sprintIds)}`,
  );
  return found;
}

function actionViolations(action: Action): string[] {
  const found: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) found.push(what);
  };
  check(isInstant(action.at), `time ${action.at}`);
  check(optional(action.authorId, nonEmpty), `author ${String(action.authorId)}`);
  switch (action.kind) {
    case 'create':
      check(action.id === `${action.itemKey}:create`, 'id of a creation');
      break;
    case 'change':
      check(
        nonEmpty(action.historyId) && action.id === `${action.itemKey}:h${action.historyId}`,
        `history id ${String(action.historyId)}`,
      );
      for (const change of action.changes) {
        check(
          isString(change.fieldId) && isString(change.fieldName) && Object.hasOwn(MEANINGS, change.meaning),
          `change ${JSON.stringify(change)}`,
        );
        for (const value of [change.fromValue, change.fromText, change.toValue, change.toText])
          check(optional(value, isString), `change value ${JSON.stringify(value)}`);
      }
      break;
    case 'comment':
      check(
        nonEmpty(action.commentId) && action.id === `${action.itemKey}:c${action.commentId}` && isString(action.text),
        `comment ${String(action.commentId)}`,
      );
      break;
    default:
      found.push(`kind ${String((action as { kind: unknown }).kind)}`);
  }
  return found;
}

function problemIsSound(problem: ReadProblem): boolean {
  return Object.hasOwn(SCOPES, problem.scope) && isString(problem.ref) && nonEmpty(problem.message);
}

/** The model's instant: what `Date.prototype.toISOString` writes for years 0–9999, so that string order is time order. */
function isInstant(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value) &&
    new Date(value).toISOString() === value
  );
}

function isCalendarDate(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value) && isInstant(`${value}T00:00:00.000Z`);
}

function unique<T>(values: readonly T[], what: string, check: (ok: boolean, what: string) => void): void {
  const seen = new Set<T>();
  for (const value of values) {
    check(!seen.has(value), `${what} ${String(value)} is listed twice`);
    seen.add(value);
  }
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function optional<T>(value: T | undefined, test: (value: T) => boolean): boolean {
  return value === undefined || test(value);
}

/** Every field meaning; typed as a record so that a meaning added to the model must be added here. */
export const MEANINGS: Readonly<Record<FieldMeaning, true>> = {
  sprint: true,
  storyPoints: true,
  startDate: true,
  rank: true,
  team: true,
  targetStart: true,
  targetEnd: true,
  parentLink: true,
  epicLink: true,
  dueDate: true,
  fixVersions: true,
  priority: true,
  labels: true,
  summary: true,
  description: true,
  status: true,
  assignee: true,
  issueType: true,
  parent: true,
  resolution: true,
  components: true,
  acceptanceCriteria: true,
  flagged: true,
  other: true,
};

const KINDS: Readonly<Record<AccountKind, true>> = { human: true, app: true, customer: true, unknown: true };
const SCOPES: Readonly<Record<ReadProblem['scope'], true>> = {
  site: true,
  project: true,
  board: true,
  sprint: true,
  issue: true,
  history: true,
  comment: true,
};
