import { defaultConfig } from '../../src/config/defaults';
import type { AuditConfig } from '../../src/config/types';
import type { Finding } from '../../src/domain/finding';
import type { Action, Item, Person, Project, Site, Sprint } from '../../src/domain/model';
import { auditSite } from '../../src/audit';
import type { AnyRule } from '../../src/rules/types';

/**
 * Builds small sites for table-driven rule tests. Everything not given gets a plain default, so a case states
 * only what matters to the rule under test.
 */
export const NOW = new Date('2026-11-22T08:00:00.000Z');

export function person(accountId: string, displayName = accountId, extra: Partial<Person> = {}): Person {
  return { accountId, displayName, kind: 'human', active: true, deleted: false, ...extra };
}

export function project(
  key: string,
  roles: { pm?: string[]; po?: string[]; other?: Record<string, string[]> } = {},
): Project {
  const list: Project['roles'] = [];
  let id = 10000;
  if (roles.pm) list.push({ id: id++, name: 'Product Manager', accountIds: roles.pm, groupNames: [] });
  if (roles.po) list.push({ id: id++, name: 'Product Owner', accountIds: roles.po, groupNames: [] });
  for (const [name, accountIds] of Object.entries(roles.other ?? {}))
    list.push({ id: id++, name, accountIds, groupNames: [] });
  return { id: `p-${key}`, key, name: `${key} project`, roles: list };
}

let nextId = 1;

export function item(key: string, extra: Partial<Item> & { level?: number } = {}): Item {
  const { level, ...rest } = extra;
  const hierarchyLevel = level ?? rest.type?.hierarchyLevel ?? 0;
  const typeName =
    hierarchyLevel >= 2 ? 'Initiative' : hierarchyLevel === 1 ? 'Epic' : hierarchyLevel === -1 ? 'Sub-task' : 'Story';
  return {
    id: String(nextId++),
    key,
    projectKey: key.replace(/-\d+$/, ''),
    type: { name: typeName, hierarchyLevel },
    summary: `${typeName} ${key}`,
    status: { name: 'To Do', category: 'new' },
    created: '2026-06-01T09:00:00.000Z',
    labels: [],
    fixVersions: [],
    sprintIds: [],
    userFields: {},
    ...rest,
  };
}

export function sprint(id: number, extra: Partial<Sprint> = {}): Sprint {
  return {
    id,
    name: `Sprint ${id}`,
    state: 'active',
    boardId: 1,
    startDate: '2026-11-16T09:00:00.000Z',
    endDate: '2026-11-30T09:00:00.000Z',
    goal: 'Ship it',
    goalKnown: true,
    ...extra,
  };
}

export function change(
  itemKey: string,
  authorId: string,
  at: string,
  changes: Array<
    Partial<import('../../src/domain/model').FieldChange> & { meaning: import('../../src/domain/model').FieldMeaning }
  >,
): Action {
  const historyId = String(nextId++);
  return {
    id: `${itemKey}:h${historyId}`,
    kind: 'change',
    itemKey,
    historyId,
    authorId,
    at,
    changes: changes.map((entry) => ({ fieldId: entry.meaning, fieldName: entry.meaning, ...entry })),
  };
}

export function comment(itemKey: string, authorId: string, at: string, text: string): Action {
  const commentId = String(nextId++);
  return { id: `${itemKey}:c${commentId}`, kind: 'comment', itemKey, commentId, authorId, at, text };
}

export function created(itemKey: string, authorId: string, at: string): Action {
  return { id: `${itemKey}:create`, kind: 'create', itemKey, authorId, at };
}

export function site(parts: Partial<Site>): Site {
  return {
    baseUrl: 'https://example.atlassian.net',
    capturedAt: NOW.toISOString(),
    fields: {},
    people: [],
    groups: [],
    projects: [],
    boards: [{ id: 1, name: 'Board', type: 'scrum', projectKey: parts.projects?.[0]?.key ?? 'MOB' }],
    sprints: [],
    items: [],
    actions: [],
    problems: [],
    ...parts,
  };
}

/** A row of a rule's table: a whole site, the configuration it runs with, and the audit window's start. */
export interface SiteCase {
  name: string;
  site: Site;
  config?: Partial<AuditConfig>;
  since?: Date;
}

/** A row of a rule's table that lays its items (and actions) into the test file's own site. */
export interface ItemsCase {
  name: string;
  items: Item[];
  actions?: Action[];
  config?: Partial<AuditConfig>;
}

/** Runs one rule over a site, as the real audit does (classification, roles, settings), and returns its findings. */
export function runRule(
  rule: AnyRule,
  target: Site,
  config: Partial<AuditConfig> = {},
  options: { since?: Date; now?: Date } = {},
): Finding[] {
  // Rule cases date their actions freely over the months before NOW: the window is the window tests' business.
  const merged: AuditConfig = { ...defaultConfig(), auditWindowDays: 3650, ...config };
  return auditSite(target, merged, {
    now: options.now ?? NOW,
    ...(options.since ? { since: options.since } : {}),
    rules: [rule],
  }).findings;
}
