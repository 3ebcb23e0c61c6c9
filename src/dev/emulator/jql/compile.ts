import { add } from 'date-fns';
import type { RestIssue } from '../../../jira/snapshot';
import { instant, type Site, type Viewer } from '../site';
import { JqlError } from './lexer';
import type { Atom, Clause, JqlQuery, Operand, Operator, OrderTerm } from './parser';

export interface JqlEnvironment {
  site: Site;
  viewer: Viewer;
  /** The site's "now" in epoch milliseconds, for periods such as `-7d`. */
  now: number;
}

export interface CompiledJql {
  matches(issue: RestIssue): boolean;
  compare(a: RestIssue, b: RestIssue): number;
  /** Project ids every matching issue belongs to, when the query says so (`project = X AND …`); else undefined. */
  projectIds?: ReadonlySet<string>;
}

type Predicate = (issue: RestIssue) => boolean;

/** A field whose value is a set of identities (project ids, type ids, sprint ids, issue ids). */
interface SetField {
  kind: 'set';
  name: string;
  values(issue: RestIssue, env: JqlEnvironment): string[];
  resolveValue(text: string, env: JqlEnvironment): string[];
  functions?: Record<string, (env: JqlEnvironment) => string[]>;
}

interface DateField {
  kind: 'date';
  name: string;
  value(issue: RestIssue): number | undefined;
}

const SET_OPERATORS: Operator[] = ['=', '!=', 'in', 'not in', 'is', 'is not'];
const DATE_OPERATORS: Operator[] = ['=', '!=', '<', '<=', '>', '>=', 'is', 'is not'];
const MAX_ORDER_FIELDS = 7;

/** Functions that exist in Jira but not here, so that their refusal says "not supported" rather than "not found". */
const JIRA_FUNCTIONS = new Set(
  [
    'currentUser',
    'membersOf',
    'now',
    'startOfDay',
    'endOfDay',
    'startOfWeek',
    'endOfWeek',
    'startOfMonth',
    'endOfMonth',
    'startOfYear',
    'endOfYear',
    'issueHistory',
    'linkedIssues',
    'updatedBy',
    'watchedIssues',
    'votedIssues',
    'lastLogin',
    'currentLogin',
    'projectsLeadByUser',
    'projectsWhereUserHasPermission',
    'projectsWhereUserHasRole',
    'releasedVersions',
    'unreleasedVersions',
    'latestReleasedVersion',
    'earliestUnreleasedVersion',
    'componentsLeadByUser',
    'cascadeOption',
    'openSprints',
    'closedSprints',
    'futureSprints',
    'standardIssueTypes',
    'subTaskIssueTypes',
    'issuesWithRemoteLinksByGlobalId',
  ].map((name) => name.toLowerCase()),
);

function noSuchValue(text: string, field: string): JqlError {
  return new JqlError(`The value '${text}' does not exist for the field '${field}'.`);
}

function issueReference(field: string, keyMessage: boolean) {
  return (text: string, env: JqlEnvironment): string[] => {
    const issue = env.site.visibleIssue(env.viewer, text);
    if (issue) return [issue.id];
    throw keyMessage
      ? new JqlError(`An issue with key '${text}' does not exist for field '${field}'.`)
      : noSuchValue(text, field);
  };
}

function visibleSprints(env: JqlEnvironment) {
  return env.site.sprints().filter(({ boardId }) => {
    const board = env.site.board(boardId);
    return board === undefined || env.site.canSeeBoard(env.viewer, board);
  });
}

function sprintsInStates(...states: string[]) {
  return (env: JqlEnvironment): string[] =>
    visibleSprints(env)
      .filter(({ sprint }) => states.includes(sprint.state.toLowerCase()))
      .map(({ sprint }) => String(sprint.id));
}

const PROJECT: SetField = {
  kind: 'set',
  name: 'project',
  values: (issue, env) => {
    const project = env.site.projectOf(issue);
    return project ? [String(project.id)] : [];
  },
  resolveValue: (text, env) => {
    const wanted = text.toLowerCase();
    const project = env.site
      .visibleProjects(env.viewer)
      .find(
        (candidate) =>
          candidate.key.toLowerCase() === wanted ||
          String(candidate.id) === text ||
          candidate.name.toLowerCase() === wanted,
      );
    if (!project) throw noSuchValue(text, 'project');
    return [String(project.id)];
  },
};

const ISSUE_TYPE: SetField = {
  kind: 'set',
  name: 'issuetype',
  values: (issue, env) => {
    const type = env.site.issueTypeOf(issue);
    return type ? [type.identity] : [];
  },
  resolveValue: (text, env) => {
    const wanted = text.toLowerCase();
    const matching = env.site.issueTypes().filter((type) => type.name.toLowerCase() === wanted || type.id === text);
    if (matching.length === 0) throw noSuchValue(text, 'issuetype');
    return matching.map((type) => type.identity);
  },
  functions: {
    standardissuetypes: (env) =>
      env.site
        .issueTypes()
        .filter((type) => !type.subtask)
        .map((type) => type.identity),
    subtaskissuetypes: (env) =>
      env.site
        .issueTypes()
        .filter((type) => type.subtask)
        .map((type) => type.identity),
  },
};

const SPRINT: SetField = {
  kind: 'set',
  name: 'sprint',
  values: (issue, env) => env.site.sprintIdsOf(issue).map(String),
  resolveValue: (text, env) => {
    const sprints = visibleSprints(env);
    const byId = /^\d+$/.test(text) ? sprints.filter(({ sprint }) => String(sprint.id) === text) : [];
    const matching =
      byId.length > 0 ? byId : sprints.filter(({ sprint }) => sprint.name.toLowerCase() === text.toLowerCase());
    if (matching.length === 0) throw noSuchValue(text, 'sprint');
    return matching.map(({ sprint }) => String(sprint.id));
  },
  functions: {
    // Jira's openSprints() is every sprint not yet completed: active and future ones.
    opensprints: sprintsInStates('active', 'future'),
    closedsprints: sprintsInStates('closed'),
    futuresprints: sprintsInStates('future'),
  },
};

const PARENT: SetField = {
  kind: 'set',
  name: 'parent',
  values: (issue, env) => {
    const parent = env.site.parentOf(issue);
    return parent ? [parent.id] : [];
  },
  resolveValue: issueReference('parent', false),
};

const KEY: SetField = {
  kind: 'set',
  name: 'key',
  values: (issue) => [issue.id],
  resolveValue: issueReference('key', true),
};

/** A user field: matched by account id. */
function userField(name: string): SetField {
  return {
    kind: 'set',
    name,
    values: (issue) => {
      const user = issue.fields[name] as { accountId?: unknown } | null | undefined;
      return typeof user?.accountId === 'string' ? [user.accountId] : [];
    },
    resolveValue: (text) => [text],
  };
}

/** Jira's three status categories, by key, and the names and ids a query may call them by. */
const STATUS_CATEGORY_NAMES: Record<string, string> = {
  new: 'new',
  'to do': 'new',
  '2': 'new',
  indeterminate: 'indeterminate',
  'in progress': 'indeterminate',
  '4': 'indeterminate',
  done: 'done',
  '3': 'done',
};

const STATUS_CATEGORY: SetField = {
  kind: 'set',
  name: 'statusCategory',
  values: (issue) => {
    const status = issue.fields['status'] as { statusCategory?: { key?: string } } | undefined;
    return status?.statusCategory?.key ? [status.statusCategory.key] : [];
  },
  resolveValue: (text) => {
    const key = STATUS_CATEGORY_NAMES[text.toLowerCase()];
    if (!key) throw noSuchValue(text, 'statusCategory');
    return [key];
  },
};

const CREATED: DateField = { kind: 'date', name: 'created', value: (issue) => instant(issue.fields['created']) };
const UPDATED: DateField = { kind: 'date', name: 'updated', value: (issue) => instant(issue.fields['updated']) };

const FIELDS: Record<string, SetField | DateField> = {
  project: PROJECT,
  issuetype: ISSUE_TYPE,
  type: ISSUE_TYPE,
  sprint: SPRINT,
  parent: PARENT,
  statuscategory: STATUS_CATEGORY,
  key: KEY,
  issuekey: KEY,
  id: KEY,
  assignee: userField('assignee'),
  reporter: userField('reporter'),
  creator: userField('creator'),
  created: CREATED,
  createddate: CREATED,
  updated: UPDATED,
  updateddate: UPDATED,
};

type Comparator = (a: RestIssue, b: RestIssue) => number;

function compareMissingLast(a: number | string | undefined, b: number | string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyParts(key: string): [string, number] {
  const dash = key.lastIndexOf('-');
  return [key.slice(0, dash), Number(key.slice(dash + 1))];
}

const byKey: Comparator = (a, b) => {
  const [projectA, numberA] = keyParts(a.key);
  const [projectB, numberB] = keyParts(b.key);
  return projectA.localeCompare(projectB) || numberA - numberB;
};
const byId: Comparator = (a, b) => Number(a.id) - Number(b.id);

function orderComparator(term: OrderTerm, site: Site): Comparator {
  const field = term.field.toLowerCase();
  if (field === 'key' || field === 'issuekey') return byKey;
  if (field === 'id') return byId;
  if (field === 'created' || field === 'createddate')
    return (a, b) => compareMissingLast(CREATED.value(a), CREATED.value(b));
  if (field === 'updated' || field === 'updateddate')
    return (a, b) => compareMissingLast(UPDATED.value(a), UPDATED.value(b));
  const rankFieldId = site.rankFieldId;
  if (field === 'rank' && rankFieldId) {
    const rank = (issue: RestIssue) => {
      const value = issue.fields[rankFieldId];
      return typeof value === 'string' ? value : undefined;
    };
    return (a, b) => compareMissingLast(rank(a), rank(b));
  }
  if (FIELDS[field] || knownField(term.field, site)) {
    throw new JqlError(
      `The Jira emulator cannot sort by '${term.field}'; it sorts by key, id, created, updated and rank.`,
    );
  }
  throw new JqlError(`Field '${term.field}' does not exist or you do not have permission to view it.`);
}

function knownField(name: string, site: Site): boolean {
  const wanted = name.toLowerCase();
  return site.snapshot.fields.some(
    (field) =>
      field.id.toLowerCase() === wanted ||
      field.name.toLowerCase() === wanted ||
      (Array.isArray(field['clauseNames']) &&
        (field['clauseNames'] as unknown[]).some((clause) => String(clause).toLowerCase() === wanted)),
  );
}

/** Resolves a parsed query against a site: semantic checks (fields, operators, values) happen here, once. */
export function compileJql(query: JqlQuery, env: JqlEnvironment): CompiledJql {
  const matches = query.where ? compileClause(query.where, env) : () => true;
  if (query.orderBy.length > MAX_ORDER_FIELDS)
    throw new JqlError(`The ORDER BY clause can contain a maximum of ${MAX_ORDER_FIELDS} fields.`);
  // Without ORDER BY the emulator answers newest key first; the issue id breaks every remaining tie.
  const terms: OrderTerm[] =
    query.orderBy.length > 0 ? query.orderBy : [{ field: 'key', direction: 'DESC', position: 0 }];
  const comparators = terms.map((term) => {
    const comparator = orderComparator(term, env.site);
    return term.direction === 'DESC' ? (a: RestIssue, b: RestIssue) => comparator(b, a) : comparator;
  });
  const projectIds = query.where ? projectRestriction(query.where, env) : undefined;
  return {
    matches,
    ...(projectIds ? { projectIds } : {}),
    compare: (a, b) => {
      for (const comparator of comparators) {
        const order = comparator(a, b);
        if (order !== 0) return order;
      }
      return byId(a, b);
    },
  };
}

/** The projects a clause confines its matches to: `project =`/`IN` terms, intersected by AND, united by OR. */
function projectRestriction(clause: Clause, env: JqlEnvironment): Set<string> | undefined {
  switch (clause.kind) {
    case 'term': {
      if (FIELDS[clause.field.toLowerCase()] !== PROJECT || (clause.operator !== '=' && clause.operator !== 'in'))
        return undefined;
      const atoms = atomsOf(clause.operator, clause.operand, clause.field);
      if (atoms.some((atom) => atom.kind !== 'value')) return undefined;
      return new Set(atoms.flatMap((atom) => (atom.kind === 'value' ? PROJECT.resolveValue(atom.text, env) : [])));
    }
    case 'and': {
      const parts = clause.clauses
        .map((part) => projectRestriction(part, env))
        .filter((part): part is Set<string> => part !== undefined);
      if (parts.length === 0) return undefined;
      return new Set([...(parts[0] ?? [])].filter((id) => parts.every((part) => part.has(id))));
    }
    case 'or': {
      const parts = clause.clauses.map((part) => projectRestriction(part, env));
      return parts.every((part) => part !== undefined)
        ? new Set(parts.flatMap((part) => [...(part ?? [])]))
        : undefined;
    }
    case 'not':
      return undefined;
  }
}

function compileClause(clause: Clause, env: JqlEnvironment): Predicate {
  switch (clause.kind) {
    case 'and': {
      const parts = clause.clauses.map((part) => compileClause(part, env));
      return (issue) => parts.every((part) => part(issue));
    }
    case 'or': {
      const parts = clause.clauses.map((part) => compileClause(part, env));
      return (issue) => parts.some((part) => part(issue));
    }
    case 'not': {
      const inner = compileClause(clause.clause, env);
      return (issue) => !inner(issue);
    }
    case 'term':
      return compileTerm(clause, env);
  }
}

function compileTerm(term: Extract<Clause, { kind: 'term' }>, env: JqlEnvironment): Predicate {
  const field = FIELDS[term.field.toLowerCase()];
  if (!field) {
    if (knownField(term.field, env.site)) {
      throw new JqlError(
        `The Jira emulator does not support the field '${term.field}' in JQL; it supports project, issuetype, sprint, parent, statusCategory, key, created and updated.`,
      );
    }
    throw new JqlError(`Field '${term.field}' does not exist or you do not have permission to view it.`);
  }
  if (field === KEY && RANGE_OPERATORS.includes(term.operator))
    return compileKeyRange(term.field, term.operator, term.operand);
  const allowed = field.kind === 'set' ? SET_OPERATORS : DATE_OPERATORS;
  if (!allowed.includes(term.operator)) {
    throw new JqlError(`The operator '${term.operator.toUpperCase()}' is not supported by the '${term.field}' field.`);
  }
  return field.kind === 'set'
    ? compileSetTerm(field, term.field, term.operator, term.operand, env)
    : compileDateTerm(field, term.field, term.operator, term.operand, env);
}

function atomsOf(operator: Operator, operand: Operand, field: string): Atom[] {
  const listOperator = operator === 'in' || operator === 'not in';
  if (operand.kind === 'empty') return [];
  if (operand.kind === 'list') {
    if (!listOperator)
      throw new JqlError(
        `The operator '${operator.toUpperCase()}' does not support a list value for field '${field}'.`,
      );
    return operand.items;
  }
  if (listOperator && operand.kind === 'value') {
    throw new JqlError(
      `The operator '${operator.toUpperCase()}' does not support the non-list value '${operand.text}' for field '${field}'.`,
    );
  }
  return [operand];
}

function unsupportedFunction(atom: Extract<Atom, { kind: 'function' }>, field: string): JqlError {
  if (JIRA_FUNCTIONS.has(atom.name.toLowerCase())) {
    return new JqlError(`The Jira emulator does not support the function '${atom.name}()' for the field '${field}'.`);
  }
  return new JqlError(`Unable to find JQL function '${atom.name}(${atom.args.join(', ')})'.`);
}

const RANGE_OPERATORS: Operator[] = ['<', '<=', '>', '>='];

/** `key >= ABC-100`, as Jira compares keys: issues of that project whose key number is in range, existing or not. */
function compileKeyRange(name: string, operator: Operator, operand: Operand): Predicate {
  const [atom] = atomsOf(operator, operand, name);
  const bound = atom?.kind === 'value' ? /^([A-Z][A-Z0-9_]*)-(\d+)$/i.exec(atom.text.trim()) : null;
  if (!bound) throw new JqlError(`Expecting an issue key for field '${name}'.`);
  const project = bound[1]!.toUpperCase();
  const test = dateTest(operator, Number(bound[2]));
  return (issue) => {
    const [issueProject, number] = keyParts(issue.key);
    return issueProject === project && test(number);
  };
}

function compileSetTerm(
  field: SetField,
  name: string,
  operator: Operator,
  operand: Operand,
  env: JqlEnvironment,
): Predicate {
  if (operator === 'is' || operator === 'is not') {
    const wantEmpty = operator === 'is';
    return (issue) => (field.values(issue, env).length === 0) === wantEmpty;
  }
  const wanted = new Set(
    atomsOf(operator, operand, name).flatMap((atom) => {
      if (atom.kind === 'value') return field.resolveValue(atom.text, env);
      const resolve = field.functions?.[atom.name.toLowerCase()];
      if (!resolve) throw unsupportedFunction(atom, name);
      return resolve(env);
    }),
  );
  if (operator === '=' || operator === 'in')
    return (issue) => field.values(issue, env).some((value) => wanted.has(value));
  // Like Jira, `!=` and `NOT IN` never match an issue whose field is empty.
  return (issue) => {
    const values = field.values(issue, env);
    return values.length > 0 && values.every((value) => !wanted.has(value));
  };
}

function compileDateTerm(
  field: DateField,
  name: string,
  operator: Operator,
  operand: Operand,
  env: JqlEnvironment,
): Predicate {
  if (operator === 'is' || operator === 'is not') {
    const wantEmpty = operator === 'is';
    return (issue) => (field.value(issue) === undefined) === wantEmpty;
  }
  const [atom] = atomsOf(operator, operand, name);
  if (atom === undefined) throw new JqlError(`Expecting a date value for field '${name}'.`);
  const bound = dateValue(atom, name, env.now);
  const test = dateTest(operator, operator === '=' || operator === '!=' ? toMinute(bound) : bound);
  return (issue) => {
    const value = field.value(issue);
    return value !== undefined && test(operator === '=' || operator === '!=' ? toMinute(value) : value);
  };
}

function toMinute(time: number): number {
  return Math.floor(time / 60_000) * 60_000;
}

function dateTest(operator: Operator, bound: number): (value: number) => boolean {
  switch (operator) {
    case '=':
      return (value) => value === bound;
    case '!=':
      return (value) => value !== bound;
    case '<':
      return (value) => value < bound;
    case '<=':
      return (value) => value <= bound;
    case '>':
      return (value) => value > bound;
    default:
      return (value) => value >= bound;
  }
}

const ABSOLUTE_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const PERIOD = /^([+-]?)((?:\d+[wdhm]\s*)+)$/i;
const PERIOD_UNITS = { w: 'weeks', d: 'days', h: 'hours', m: 'minutes' } as const;

/** A JQL date: `yyyy-MM-dd` or `yyyy/MM/dd`, optionally ` HH:mm` (read as UTC), a period such as `-7d` or `-4w 2d`, or `now()`. */
function dateValue(atom: Atom, field: string, now: number): number {
  if (atom.kind === 'function') {
    if (atom.name.toLowerCase() === 'now') return now;
    throw unsupportedFunction(atom, field);
  }
  const text = atom.text.trim();
  const absolute = ABSOLUTE_DATE.exec(text);
  if (absolute) {
    const [year, month, day, hour, minute] = absolute.slice(1).map((part) => Number(part ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const time = Date.UTC(year, month - 1, day, hour, minute);
    const check = new Date(time);
    if (check.getUTCMonth() === month - 1 && check.getUTCDate() === day && hour < 24 && minute < 60) return time;
  }
  const period = PERIOD.exec(text);
  if (period) {
    const sign = period[1] === '-' ? -1 : 1;
    const duration: Partial<Record<(typeof PERIOD_UNITS)[keyof typeof PERIOD_UNITS], number>> = {};
    for (const [, amount, unit] of (period[2] ?? '').matchAll(/(\d+)([wdhm])/gi)) {
      const name = PERIOD_UNITS[(unit ?? 'd').toLowerCase() as keyof typeof PERIOD_UNITS];
      duration[name] = (duration[name] ?? 0) + sign * Number(amount);
    }
    return add(new Date(now), duration).getTime();
  }
  throw new JqlError(
    `Date value '${atom.text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}
