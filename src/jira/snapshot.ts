/**
 * The offline site format (`shared/site-snapshot.md`): what the Jira Cloud REST APIs return, as they return it.
 * Shapes are typed loosely on purpose — Jira's fields, issue types and statuses are open sets — and every
 * object keeps its REST shape so that a snapshot can be recorded from a real site and replayed unchanged.
 */

import type { ReadProblem } from '../domain/model';

export const SNAPSHOT_FORMAT = 'jira-site-snapshot/1';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** GET /rest/api/3/field */
export interface RestField {
  id: string;
  key?: string;
  name: string;
  custom?: boolean;
  schema?: { type?: string; items?: string; system?: string; custom?: string; customId?: number };
  [extra: string]: unknown;
}

/** GET /rest/api/3/users/search (subset of User) */
export interface RestUser {
  accountId: string;
  accountType?: string;
  displayName?: string;
  active?: boolean;
  emailAddress?: string;
  timeZone?: string;
  [extra: string]: unknown;
}

export interface SnapshotGroup {
  name: string;
  groupId?: string;
  members: string[];
}

/** GET /rest/api/3/project/search values */
export interface RestProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey?: string;
  style?: string;
  simplified?: boolean;
  lead?: { accountId?: string; displayName?: string };
  [extra: string]: unknown;
}

export interface RestRoleActor {
  id?: number;
  type: string;
  displayName?: string;
  actorUser?: { accountId: string };
  actorGroup?: { name?: string; displayName?: string; groupId?: string };
  [extra: string]: unknown;
}

/** GET /rest/api/3/project/{key}/role/{id} */
export interface RestProjectRole {
  id: number;
  name: string;
  description?: string;
  self?: string;
  actors?: RestRoleActor[];
  [extra: string]: unknown;
}

/** GET /rest/agile/1.0/board values */
export interface RestBoard {
  id: number;
  name: string;
  type: string;
  self?: string;
  location?: { projectId?: number | string; projectKey?: string; projectName?: string; [extra: string]: unknown };
  [extra: string]: unknown;
}

/** GET /rest/agile/1.0/board/{id}/sprint values */
export interface RestSprint {
  id: number;
  self?: string;
  state: string;
  name: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
  createdDate?: string;
  originBoardId?: number;
  goal?: string;
  [extra: string]: unknown;
}

export interface RestChangeItem {
  field: string;
  fieldtype?: string;
  fieldId?: string;
  from?: string | null;
  fromString?: string | null;
  to?: string | null;
  toString?: string | null;
  [extra: string]: unknown;
}

export interface RestHistory {
  id: string;
  author?: RestUser | null;
  created: string | number;
  items: RestChangeItem[];
  [extra: string]: unknown;
}

export interface RestComment {
  id: string;
  author?: RestUser | null;
  updateAuthor?: RestUser | null;
  body?: unknown;
  created: string;
  updated?: string;
  [extra: string]: unknown;
}

/** An issue as returned by search with fields=*all and expand=changelog, with the full (untruncated) history. */
export interface RestIssue {
  id: string;
  key: string;
  self?: string;
  fields: { [field: string]: unknown };
  changelog?: { startAt?: number; maxResults?: number; total?: number; histories: RestHistory[] };
  [extra: string]: unknown;
}

export interface SnapshotPermissions {
  projects?: string[];
  admin?: boolean;
  projectAdmin?: string[];
}

export interface SnapshotSecurityLevel {
  name: string;
  /** Account ids of the people who may see the level's issues. */
  members: string[];
}

export interface SiteSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  capturedAt?: string;
  baseUrl: string;
  fields: RestField[];
  users: RestUser[];
  groups: SnapshotGroup[];
  projects: RestProject[];
  projectRoles: { [projectKey: string]: RestProjectRole[] };
  boards: RestBoard[];
  sprints: { [boardId: string]: RestSprint[] };
  issues: RestIssue[];
  permissions?: { [accountId: string]: SnapshotPermissions };
  /**
   * Issue security levels by id: an issue whose `fields.security` is `{id, name}` is visible only to the level's
   * members (site admins too only if listed); the app, reading as itself, sees every issue.
   */
  issueSecurity?: { [levelId: string]: SnapshotSecurityLevel };
  /**
   * What the recording could not read (this repository's addition to the format): each entry names the part left
   * out (`unread`: project roles, a project's issues, groups, boards, sprints, histories, comments) and why. An
   * empty list or no field means the read was complete. The normaliser carries these into the site's problems, so
   * an audit of the file knows that, say, an empty `projectRoles.PAY` was never read rather than empty.
   */
  unread?: ReadProblem[];
}

/** A snapshot of just these issues and the field catalogue: one item (and what it needs) read on its own. */
export function issuesOnlySnapshot(fields: RestField[], issues: RestIssue[]): SiteSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    baseUrl: '',
    fields,
    users: [],
    groups: [],
    projects: [],
    projectRoles: {},
    boards: [],
    sprints: {},
    issues,
  };
}
