import type {
  AccountKind,
  Action,
  Board,
  FieldChange,
  Group,
  Item,
  ItemType,
  Person,
  Project,
  ProjectRole,
  ReadProblem,
  Release,
  Site,
  Sprint,
} from '../domain/model';
import { compareActions, compareItems, fullerPerson, withSprint } from '../domain/join';
import { readAdf } from './adf';
import { toCalendarDate, toInstant } from './dates';
import { discoverFieldCandidates, discoverFields, meaningOfField, type FieldCandidates } from './fields';
import type { RestComment, RestHistory, RestIssue, RestSprint, RestUser, SiteSnapshot } from './snapshot';

/**
 * Jira JSON → the domain model. Loose on input (nulls, deleted and app users, unknown issue types and fields,
 * Server-style values, offsets like +0800), strict on output; anything it cannot take in is listed in
 * `site.problems` with the reason rather than dropped silently.
 */
export function normaliseSite(snapshot: SiteSnapshot, extraProblems: ReadProblem[] = []): Site {
  // Gaps a recorded snapshot carries are as much the site's problems as those of a live read.
  const problems: ReadProblem[] = [...asArray(snapshot.unread), ...extraProblems];
  const fieldMap = discoverFields(asArray(snapshot.fields));
  const candidates = discoverFieldCandidates(asArray(snapshot.fields));
  const people = new PeopleBuilder(asArray(snapshot.users));

  const sprints = new Map<number, Sprint>();
  for (const [boardKey, list] of Object.entries(objectValue(snapshot.sprints) ?? {})) {
    for (const raw of asArray(list as RestSprint[])) {
      const sprint = normaliseSprint(raw, Number(boardKey));
      if (sprint) sprints.set(sprint.id, sprint);
      else problems.push({ scope: 'sprint', ref: `board ${boardKey}`, message: 'Sprint without a numeric id skipped' });
    }
  }

  const items: Item[] = [];
  const actions: Action[] = [];
  const releases = new Map<string, Release>();
  const seenKeys = new Set<string>();
  for (const issue of asArray(snapshot.issues)) {
    if (!objectValue(issue) || typeof issue.key !== 'string' || !nonEmpty(issue.key) || !objectValue(issue.fields)) {
      problems.push({
        scope: 'issue',
        ref: stringValue(objectValue(issue)?.id) ?? '?',
        message: 'Issue without key or fields skipped',
      });
      continue;
    }
    if (seenKeys.has(issue.key)) {
      problems.push({ scope: 'issue', ref: issue.key, message: 'Issue listed twice; the first copy was kept' });
      continue;
    }
    seenKeys.add(issue.key);
    const item = normaliseItem(issue, candidates, people, sprints, problems);
    items.push(item);
    collectReleases(issue, item.projectKey, releases);
    actions.push(...issueActions(issue, item, candidates, people, problems));
  }

  const projects = normaliseProjects(snapshot, people, problems);
  const groups = normaliseGroups(snapshot, people, problems);
  const boards = normaliseBoards(snapshot, problems);

  items.sort(compareItems);
  breakParentCycles(items, problems);
  actions.sort(compareActions);
  if (typeof snapshot.baseUrl !== 'string')
    problems.push({ scope: 'site', ref: 'baseUrl', message: 'Site without a base URL' });
  return {
    baseUrl: typeof snapshot.baseUrl === 'string' ? snapshot.baseUrl : '',
    ...(toInstant(snapshot.capturedAt) ? { capturedAt: toInstant(snapshot.capturedAt) } : {}),
    fields: fieldMap,
    people: people.list(),
    groups,
    projects,
    boards,
    sprints: withGoalsKnown([...sprints.values()].sort((a, b) => a.id - b.id)).map((sprint) =>
      checkSprintDates(sprint, problems),
    ),
    releases: [...releases.values()].sort(compareReleases),
    items,
    actions,
    problems,
  };
}

/** A source records goals or it does not: where any of its sprints carries a goal field, every sprint's is known. */
function withGoalsKnown(sprints: Sprint[]): Sprint[] {
  if (!sprints.some((sprint) => sprint.goalKnown)) return sprints;
  return sprints.map((sprint) => (sprint.goalKnown ? sprint : { ...sprint, goalKnown: true }));
}

/** The issue's fix versions, by project and version id (or name), the first copy with a release date kept. */
function collectReleases(issue: RestIssue, projectKey: string, releases: Map<string, Release>): void {
  for (const raw of asArray(issue.fields.fixVersions)) {
    const version = objectValue(raw);
    const name = nonEmpty(stringValue(version?.name));
    if (!version || !name) continue;
    const id = recordId(version.id);
    const releaseDate = toCalendarDate(version.releaseDate);
    const release: Release = { name, projectKey };
    if (id) release.id = id;
    if (releaseDate) release.releaseDate = releaseDate;
    if (typeof version.released === 'boolean') release.released = version.released;
    keepRelease(releases, release);
  }
}

/** Releases in one order whatever order their issues were read in: by project, then version id or name. */
function compareReleases(a: Release, b: Release): number {
  const keyOf = (release: Release) => [release.projectKey, release.id ?? '', release.name].join('\u0000');
  const [left, right] = [keyOf(a), keyOf(b)];
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Keeps the first copy of a release (project and version id, or name) that has a release date. */
function keepRelease(releases: Map<string, Release>, release: Release): void {
  const key = `${release.projectKey}/${release.id ?? release.name}`;
  const known = releases.get(key);
  if (known && (known.releaseDate !== undefined || release.releaseDate === undefined)) return;
  releases.set(key, release);
}

/** Projects by key, the first copy of a repeated key kept; one without a key is no project. */
function normaliseProjects(snapshot: SiteSnapshot, people: PeopleBuilder, problems: ReadProblem[]): Project[] {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const raw of asArray(snapshot.projects)) {
    const project = objectValue(raw);
    const key = nonEmpty(stringValue(project?.key));
    if (!project || !key)
      problems.push({
        scope: 'project',
        ref: stringValue(project?.id) ?? '?',
        message: 'Project without a key skipped',
      });
    else if (byKey.has(key))
      problems.push({ scope: 'project', ref: key, message: 'Project listed twice; the first copy was kept' });
    else byKey.set(key, project);
  }
  const roles = objectValue(snapshot.projectRoles);
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, project]) => {
      const style = stringValue(project.style);
      const leadAccountId = people.ref(project.lead);
      return {
        id: stringValue(project.id) ?? '',
        key,
        name: stringValue(project.name) ?? key,
        ...(style ? { style } : {}),
        ...(leadAccountId ? { leadAccountId } : {}),
        roles: asArray(roles && Object.hasOwn(roles, key) ? roles[key] : undefined).flatMap((raw) => {
          const role = normaliseRole(raw, people);
          if (!role)
            problems.push({ scope: 'project', ref: key, message: 'Project role without a numeric id skipped' });
          return role ? [role] : [];
        }),
      };
    });
}

function normaliseRole(raw: unknown, people: PeopleBuilder): ProjectRole | undefined {
  const role = objectValue(raw);
  const id = numberValue(role?.id);
  if (!role || id === undefined) return undefined;
  const actors = asArray(role.actors)
    .map(objectValue)
    .filter((actor) => actor !== undefined);
  return {
    id,
    name: stringValue(role.name) ?? `Role ${id}`,
    accountIds: sortedUnique(
      actors
        .map((actor) => {
          const user = objectValue(actor.actorUser);
          return people.ref(user ? { accountId: user.accountId, displayName: actor.displayName } : undefined);
        })
        .filter((accountId): accountId is string => accountId !== undefined),
    ),
    groupNames: sortedUnique(
      actors
        .map(
          (actor) =>
            stringValue(objectValue(actor.actorGroup)?.name) ?? stringValue(objectValue(actor.actorGroup)?.displayName),
        )
        .filter((name): name is string => name !== undefined),
    ),
  };
}

/** Groups by name, the first copy of a repeated name kept. */
function normaliseGroups(snapshot: SiteSnapshot, people: PeopleBuilder, problems: ReadProblem[]): Group[] {
  const byName = new Map<string, Record<string, unknown>>();
  for (const raw of asArray(snapshot.groups)) {
    const group = objectValue(raw);
    const name = nonEmpty(stringValue(group?.name));
    if (!group || !name)
      problems.push({
        scope: 'site',
        ref: stringValue(group?.groupId) ?? '?',
        message: 'Group without a name skipped',
      });
    else if (byName.has(name))
      problems.push({ scope: 'site', ref: name, message: 'Group listed twice; the first copy was kept' });
    else byName.set(name, group);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, group]) => {
      const groupId = stringValue(group.groupId);
      return {
        name,
        ...(groupId ? { groupId } : {}),
        memberIds: sortedUnique(
          asArray(group.members).filter(
            (id): id is string => typeof id === 'string' && people.ref({ accountId: id }) !== undefined,
          ),
        ),
      };
    });
}

/** Boards by id, the first copy of a repeated id kept; one without a numeric id is no board. */
function normaliseBoards(snapshot: SiteSnapshot, problems: ReadProblem[]): Board[] {
  const byId = new Map<number, Board>();
  for (const raw of asArray(snapshot.boards)) {
    const board = objectValue(raw);
    const id = numberValue(board?.id);
    if (!board || id === undefined) {
      problems.push({
        scope: 'board',
        ref: stringValue(board?.name) ?? '?',
        message: 'Board without a numeric id skipped',
      });
      continue;
    }
    if (byId.has(id)) {
      problems.push({ scope: 'board', ref: String(id), message: 'Board listed twice; the first copy was kept' });
      continue;
    }
    const projectKey = stringValue(objectValue(board.location)?.projectKey);
    byId.set(id, {
      id,
      name: stringValue(board.name) ?? `Board ${id}`,
      type: stringValue(board.type) ?? 'unknown',
      ...(projectKey ? { projectKey } : {}),
    });
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function normaliseItem(
  issue: RestIssue,
  fieldMap: FieldCandidates,
  people: PeopleBuilder,
  sprints: Map<number, Sprint>,
  problems: ReadProblem[],
): Item {
  const fields = issue.fields;
  const sprintIds: number[] = [];
  // The agile REST shape carries sprints in `sprint` and `closedSprints` rather than the Sprint custom field.
  const sprintValues = [
    ...asArray(fieldValue(fields, fieldMap.sprint)),
    fields.sprint,
    ...asArray(fields.closedSprints),
  ];
  for (const raw of sprintValues) {
    const sprint = sprintFromField(raw);
    if (!sprint) continue;
    sprintIds.push(sprint.id);
    sprints.set(sprint.id, withSprint(sprints.get(sprint.id), sprint));
  }
  const created = toInstant(fields.created);
  if (!created)
    problems.push({
      scope: 'issue',
      ref: issue.key,
      message: 'Creation time missing or unreadable; the epoch was used',
    });
  const status = objectValue(fields.status);
  const statusCategory = objectValue(status?.statusCategory);
  const item: Item = {
    id: recordId(issue.id) ?? '',
    key: issue.key,
    projectKey: stringValue(objectValue(fields.project)?.key) ?? issue.key.replace(/-\d+$/, ''),
    type: itemType(fields.issuetype),
    summary: stringValue(fields.summary) ?? '',
    status: { name: stringValue(status?.name) ?? 'Unknown', category: stringValue(statusCategory?.key) ?? 'undefined' },
    created: created ?? new Date(0).toISOString(),
    labels: asArray(fields.labels).filter((label): label is string => typeof label === 'string'),
    fixVersions: asArray(fields.fixVersions)
      .map((version) => stringValue(objectValue(version)?.name))
      .filter((name): name is string => name !== undefined),
    sprintIds: [...new Set(sprintIds)],
    userFields: {},
  };
  const description = readAdf(fields.description);
  if (description.text) item.description = description.text;
  if (description.truncated) problems.push(tooDeep(issue.key, 'issue', 'Description'));
  const parentKey = parentOf(fields, fieldMap);
  if (parentKey) item.parentKey = parentKey;
  const date = <T>(label: string, raw: unknown, parse: (value: unknown) => T | undefined) =>
    possibleDate(issue.key, label, raw, parse, problems);
  assignDefined(item, 'updated', date('Updated time', fields.updated, toInstant));
  assignDefined(item, 'resolved', date('Resolution time', fields.resolutiondate, toInstant));
  assignDefined(item, 'dueDate', date('Due date', fields.duedate, toCalendarDate));
  assignDefined(item, 'startDate', date('Start date', fieldValue(fields, fieldMap.startDate), toCalendarDate));
  assignDefined(item, 'targetStart', date('Target start', fieldValue(fields, fieldMap.targetStart), toCalendarDate));
  assignDefined(item, 'targetEnd', date('Target end', fieldValue(fields, fieldMap.targetEnd), toCalendarDate));
  assignDefined(item, 'assigneeId', people.ref(fields.assignee));
  assignDefined(item, 'reporterId', people.ref(fields.reporter));
  assignDefined(item, 'creatorId', people.ref(fields.creator));
  assignDefined(item, 'priority', stringValue(objectValue(fields.priority)?.name));
  assignDefined(item, 'storyPoints', numberValue(fieldValue(fields, fieldMap.storyPoints)));
  assignDefined(item, 'teamName', teamName(fieldValue(fields, fieldMap.team)));
  assignDefined(item, 'securityLevelId', recordId(objectValue(fields.security)?.id));
  for (const [fieldId, value] of Object.entries(fields)) {
    const ids = (Array.isArray(value) ? value : [value])
      .map((entry) => (isUserObject(entry) ? people.ref(entry) : undefined))
      .filter((id): id is string => id !== undefined);
    if (ids.length > 0) item.userFields[fieldId] = ids;
  }
  return item;
}

function issueActions(
  issue: RestIssue,
  item: Item,
  fieldMap: FieldCandidates,
  people: PeopleBuilder,
  problems: ReadProblem[],
): Action[] {
  const actions: Action[] = [];
  const creatorId = item.creatorId ?? item.reporterId;
  actions.push({
    id: `${item.key}:create`,
    kind: 'create',
    itemKey: item.key,
    at: item.created,
    ...(creatorId ? { authorId: creatorId } : {}),
  });

  const seenHistories = new Set<string>();
  for (const history of asArray(issue.changelog?.histories)) {
    const id = recordId(history?.id);
    const at = toInstant(history?.created);
    if (!id || !at) {
      problems.push({
        scope: 'history',
        ref: `${item.key}:${id ?? '?'}`,
        message: 'Change history without id or readable time skipped',
      });
      continue;
    }
    if (seenHistories.has(id)) continue;
    seenHistories.add(id);
    const authorId = people.ref(history.author);
    actions.push({
      id: `${item.key}:h${id}`,
      kind: 'change',
      itemKey: item.key,
      historyId: id,
      at,
      ...(authorId ? { authorId } : {}),
      changes: asArray(history.items).map((change) => fieldChange(change, fieldMap)),
    });
  }

  // Comments beyond what search embeds are read separately, so the same comment can arrive twice.
  const seenComments = new Set<string>();
  for (const comment of commentsOf(issue)) {
    const id = recordId(comment?.id);
    const at = toInstant(comment?.created);
    if (!id || !at) {
      problems.push({
        scope: 'comment',
        ref: `${item.key}:${id ?? '?'}`,
        message: 'Comment without id or readable time skipped',
      });
      continue;
    }
    if (seenComments.has(id)) continue;
    seenComments.add(id);
    const authorId = people.ref(comment.author);
    actions.push({
      id: `${item.key}:c${id}`,
      kind: 'comment',
      itemKey: item.key,
      commentId: id,
      at,
      ...(authorId ? { authorId } : {}),
      text: commentText(comment, item.key, id, problems),
    });
  }
  return actions;
}

function fieldChange(change: RestHistory['items'][number], fieldMap: FieldCandidates): FieldChange {
  const fieldName = stringValue(change?.field) ?? '';
  const fieldId = stringValue(change?.fieldId) ?? fieldName;
  const result: FieldChange = {
    fieldId,
    fieldName,
    meaning: meaningOfField(fieldMap, stringValue(change?.fieldId), fieldName),
  };
  assignDefined(result, 'fromValue', stringValue(change?.from));
  assignDefined(result, 'fromText', stringValue(change?.fromString));
  assignDefined(result, 'toValue', stringValue(change?.to));
  assignDefined(result, 'toText', stringValue(change?.toString));
  return result;
}

function commentsOf(issue: RestIssue): RestComment[] {
  const comment = issue.fields.comment;
  if (Array.isArray(comment)) return comment as RestComment[];
  return asArray(objectValue(comment)?.comments as RestComment[] | undefined);
}

/** Issue types are an open set: the hierarchy level decides, the name only where Jira gives no level. */
function itemType(value: unknown): ItemType {
  const type = objectValue(value);
  const name = stringValue(type?.name) ?? 'Unknown';
  const level = numberValue(type?.hierarchyLevel);
  const type_: ItemType = {
    name,
    hierarchyLevel: level ?? (type?.subtask === true ? -1 : /^epic$/i.test(name) ? 1 : 0),
  };
  const id = stringValue(type?.id);
  if (id) type_.id = id;
  return type_;
}

function parentOf(fields: RestIssue['fields'], fieldMap: FieldCandidates): string | undefined {
  const parent = stringValue(objectValue(fields.parent)?.key);
  if (parent) return parent;
  const link = fieldValue(fields, fieldMap.parentLink);
  const linkKey =
    stringValue(link) ?? stringValue(objectValue(objectValue(link)?.data)?.key) ?? stringValue(objectValue(link)?.key);
  if (linkKey) return linkKey;
  return stringValue(fieldValue(fields, fieldMap.epicLink));
}

function normaliseSprint(raw: RestSprint | undefined, boardKey: number): Sprint | undefined {
  const sprint = sprintFromField(raw);
  if (!sprint) return undefined;
  if (sprint.boardId === undefined && Number.isFinite(boardKey)) sprint.boardId = boardKey;
  return sprint;
}

/**
 * A sprint that ends before it starts has no length to judge: its end is dropped (so no rule works with a negative
 * span) and the coverage says so.
 */
function checkSprintDates(sprint: Sprint, problems: ReadProblem[]): Sprint {
  if (!sprint.startDate || !sprint.endDate || sprint.endDate >= sprint.startDate) return sprint;
  problems.push({
    scope: 'sprint',
    ref: String(sprint.id),
    message: `Sprint "${sprint.name}" ends (${sprint.endDate}) before it starts (${sprint.startDate}); its end date was ignored`,
  });
  const { endDate: _ignored, ...rest } = sprint;
  return rest;
}

/** A date Jira holds but no calendar has (`2026-02-30`, year 275760) is noted, not silently dropped. */
function possibleDate<T>(
  issueKey: string,
  label: string,
  raw: unknown,
  parse: (value: unknown) => T | undefined,
  problems: ReadProblem[],
): T | undefined {
  const value = parse(raw);
  if (value === undefined && raw !== undefined && raw !== null && raw !== '')
    problems.push({
      scope: 'issue',
      ref: issueKey,
      message: `${label} ${JSON.stringify(raw)} is not a possible date; it was ignored`,
    });
  return value;
}

function tooDeep(ref: string, scope: ReadProblem['scope'], what: string): ReadProblem {
  return { scope, ref, message: `${what} is nested too deeply; the text below that depth was left out` };
}

function commentText(comment: RestComment, itemKey: string, id: string, problems: ReadProblem[]): string {
  const body = readAdf(comment.body);
  if (body.truncated) problems.push(tooDeep(`${itemKey}:${id}`, 'comment', 'Comment'));
  return body.text;
}

/**
 * Parent links that come back to where they started (an issue its own parent, A ↔ B) would make an item its own
 * descendant; each cycle is broken at its last item in site order, whose parent link is dropped and noted.
 */
export function breakParentCycles(items: Item[], problems: ReadProblem[]): void {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const settled = new Set<string>();
  for (const start of items) {
    const path: Item[] = [];
    const onPath = new Set<string>();
    let current: Item | undefined = start;
    while (current && !settled.has(current.key) && !onPath.has(current.key)) {
      path.push(current);
      onPath.add(current.key);
      current = current.parentKey !== undefined ? byKey.get(current.parentKey) : undefined;
    }
    if (current && onPath.has(current.key)) {
      const cycle = path.slice(path.indexOf(current));
      const breakAt = [...cycle].sort(compareItems)[cycle.length - 1]!;
      const loop = [...cycle, cycle[0]!].map((item) => item.key).join(' → ');
      delete breakAt.parentKey;
      problems.push({
        scope: 'issue',
        ref: breakAt.key,
        message: `Parent links form a cycle (${loop}); the parent of ${breakAt.key} was ignored`,
      });
    }
    for (const item of path) settled.add(item.key);
  }
}

/** Cloud gives sprint objects; Jira Server gives strings like `com.atlassian.greenhopper.service.sprint.Sprint@1a[id=12,name=…]`. */
function sprintFromField(raw: unknown): Sprint | undefined {
  if (typeof raw === 'string') {
    const attributes = Object.fromEntries(
      [...raw.matchAll(/(\w+)=([^,\]]*)/g)].map((match) => [match[1], match[2] === '<null>' ? undefined : match[2]]),
    ) as Record<string, string | undefined>;
    return sprintFromField({
      ...attributes,
      id: Number(attributes.id),
      boardId: attributes.rapidViewId ? Number(attributes.rapidViewId) : undefined,
    });
  }
  const record = objectValue(raw);
  const id = numberValue(record?.id);
  if (!record || id === undefined) return undefined;
  const sprint: Sprint = {
    id,
    name: stringValue(record.name) ?? `Sprint ${id}`,
    state: (stringValue(record.state) ?? 'unknown').toLowerCase(),
  };
  assignDefined(sprint, 'boardId', numberValue(record.originBoardId) ?? numberValue(record.boardId));
  assignDefined(sprint, 'startDate', toInstant(record.startDate));
  assignDefined(sprint, 'endDate', toInstant(record.endDate));
  assignDefined(sprint, 'completeDate', toInstant(record.completeDate));
  const goal = stringValue(record.goal)?.trim();
  if (goal) sprint.goal = goal;
  if (Object.hasOwn(record, 'goal')) sprint.goalKnown = true;
  return sprint;
}

function teamName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const record = objectValue(value);
  return stringValue(record?.name) ?? stringValue(record?.title);
}

class PeopleBuilder {
  private readonly known = new Map<string, RestUser>();
  private readonly referenced = new Map<string, RestUser | undefined>();

  constructor(users: RestUser[]) {
    for (const user of users) if (user && typeof user.accountId === 'string') this.known.set(user.accountId, user);
  }

  /** Notes that the site refers to this account and returns its id; anything without an id is nobody. */
  ref(value: unknown): string | undefined {
    const user = objectValue(value);
    const accountId = nonEmpty(stringValue(user?.accountId)) ?? accountIdFromSelf(user?.self) ?? serverUserId(user);
    if (!accountId) return undefined;
    if (!this.referenced.get(accountId)?.displayName)
      this.referenced.set(accountId, { ...(user as RestUser), accountId });
    return accountId;
  }

  list(): Person[] {
    return [...this.referenced.entries()]
      .map(([accountId, seen]) => toPerson(accountId, this.known.get(accountId), seen))
      .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  }
}

function toPerson(accountId: string, known: RestUser | undefined, seen: RestUser | undefined): Person {
  const source = { ...seen, ...known };
  const displayName = stringValue(source.displayName)?.trim() || 'Unknown user';
  const active = source.active !== false;
  const person: Person = {
    accountId,
    displayName,
    kind: accountKind(source.accountType),
    active,
    deleted: !active && /^former user$/i.test(displayName),
  };
  const email = stringValue(source.emailAddress);
  if (email) person.email = email;
  return person;
}

function accountKind(accountType: unknown): AccountKind {
  switch (accountType) {
    case 'atlassian':
      return 'human';
    case 'app':
      return 'app';
    case 'customer':
      return 'customer';
    default:
      return 'unknown';
  }
}

/** Jira Server users have `key`/`name` instead of an account id. */
function serverUserId(user: Record<string, unknown> | undefined): string | undefined {
  return nonEmpty(stringValue(user?.key)) ?? nonEmpty(stringValue(user?.name));
}

/** Some exports blank `accountId` but keep the user's `self` link, which still names the account. */
function accountIdFromSelf(self: unknown): string | undefined {
  if (typeof self !== 'string') return undefined;
  const match = /[?&]accountId=([^&#]+)/.exec(self);
  return match?.[1] ? nonEmpty(decodedOrUndefined(match[1])) : undefined;
}

/** A link's query may be cut or badly escaped (`%E0%A4%A`), which decodeURIComponent throws on. */
function decodedOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Jira ids are strings or numbers; `{}` or `true` where an id belongs is no id. */
function recordId(value: unknown): string | undefined {
  return nonEmpty(stringValue(value));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A user-picker value: an account (Cloud) or a key/name (Server) with a display name. */
function isUserObject(value: unknown): boolean {
  const record = objectValue(value);
  if (record === undefined || !('displayName' in record || 'accountType' in record)) return false;
  return (
    typeof record.accountId === 'string' ||
    typeof record.key === 'string' ||
    (typeof record.name === 'string' && typeof record.self === 'string' && /\/user\?/.test(record.self))
  );
}

/** The value of the first candidate field that is set on this issue. */
function fieldValue(fields: RestIssue['fields'], ids: string[] | undefined): unknown {
  for (const id of ids ?? []) {
    const value = fields[id];
    if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) return value;
  }
  return undefined;
}

/** Role actors and group members are sets: their order in a response means nothing. */
function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * Sites normalised from parts of one snapshot (batches of its issues, each with the same directory), as one: what
 * normalising the whole at once gives, without holding all of its raw issues at the same time.
 */
export function joinNormalised(parts: readonly Site[]): Site {
  const [first] = parts;
  if (!first) throw new Error('Nothing to join: no normalised parts.');
  if (parts.length === 1) return first;
  const people = new Map<string, Person>();
  const sprints = new Map<number, Sprint>();
  const problems = new Map<string, ReadProblem>();
  const releases = new Map<string, Release>();
  for (const part of parts) {
    for (const release of part.releases ?? []) keepRelease(releases, release);
    for (const person of part.people) people.set(person.accountId, fullerPerson(people.get(person.accountId), person));
    for (const sprint of part.sprints) sprints.set(sprint.id, withSprint(sprints.get(sprint.id), sprint));
    for (const problem of part.problems) problems.set(JSON.stringify(problem), problem);
  }
  // A cycle can run across parts, where no part alone saw it.
  const items = parts.flatMap((part) => part.items).sort(compareItems);
  const cycles: ReadProblem[] = [];
  breakParentCycles(items, cycles);
  for (const problem of cycles) problems.set(JSON.stringify(problem), problem);
  return {
    ...first,
    people: [...people.values()].sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)),
    sprints: withGoalsKnown([...sprints.values()].sort((a, b) => a.id - b.id)),
    releases: [...releases.values()].sort(compareReleases),
    items,
    actions: parts.flatMap((part) => part.actions).sort(compareActions),
    problems: [...problems.values()],
  };
}

/** Snapshot lists are typed, but a hand-edited or foreign file may hold anything where a list belongs. */
function asArray<T>(value: readonly T[] | undefined | null): T[];
function asArray(value: unknown): unknown[];
function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function objectValue(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function stringValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function numberValue(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function assignDefined<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
