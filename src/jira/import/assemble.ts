import {
  SNAPSHOT_FORMAT,
  type RestBoard,
  type RestField,
  type RestIssue,
  type RestProject,
  type RestUser,
  type SiteSnapshot,
  type SnapshotGroup,
} from '../snapshot';
import {
  collectSprints,
  deriveBoards,
  deriveFields,
  deriveProjects,
  latestActivity,
  type FieldHints,
  type SprintList,
} from './derive';
import { parentFromAgileEpic } from './issues';
import { assignAccountIds, UserDirectory } from './users';

/** What a loader read, already in REST shapes; whatever is missing is derived by `assembleSnapshot`. */
export interface SnapshotParts {
  baseUrl: string;
  issues: RestIssue[];
  users?: RestUser[];
  projects?: RestProject[];
  projectRoles?: SiteSnapshot['projectRoles'];
  groups?: SnapshotGroup[];
  boards?: RestBoard[];
  sprintLists?: SprintList[];
  fields?: RestField[];
  fieldHints?: FieldHints;
}

/**
 * Completes a snapshot from what a source holds: every user object gets an account id, agile epics become
 * parents, and users, projects, fields, sprints and boards the source implies but does not list are derived,
 * each derivation said in `notes`. The capture time is the latest activity in the data (see `latestActivity`).
 */
export function assembleSnapshot(parts: SnapshotParts, notes: string[]): SiteSnapshot {
  const projectRoles = parts.projectRoles ?? {};
  for (const value of [parts.issues, parts.users, parts.projects, projectRoles]) assignAccountIds(value);
  // Fields are those of the source, so they are derived before epics are given as parents.
  const fields = deriveFields(parts.issues, parts.fields ?? [], parts.fieldHints ?? {}, notes);

  const epicParents = parts.issues.filter(parentFromAgileEpic).length;
  if (epicParents > 0)
    notes.push(
      `${epicParents} issues name their epic only in the agile field "epic"; it is given as their parent too, as REST v3 does`,
    );

  const directory = new UserDirectory();
  for (const user of parts.users ?? []) directory.add(user);
  const listed = directory.list().length;
  for (const value of [parts.issues, parts.projects, projectRoles]) directory.addEmbedded(value);
  const users = directory.list();
  if (users.length > listed) {
    notes.push(
      `${users.length - listed} of ${users.length} users are derived from the people the data refers to (authors, assignees, reporters, leads…)`,
    );
  }

  const sprints = collectSprints(parts.sprintLists ?? [], parts.issues, notes);
  const boards = deriveBoards(parts.boards ?? [], sprints, notes);
  const capturedAt = latestActivity(parts.issues);
  if (capturedAt)
    notes.push(
      `capturedAt is the latest activity in the data (an issue update, a change or a comment: ${capturedAt}); the real capture time is not recorded`,
    );

  return {
    format: SNAPSHOT_FORMAT,
    ...(capturedAt ? { capturedAt } : {}),
    baseUrl: parts.baseUrl,
    fields,
    users,
    groups: parts.groups ?? [],
    projects: deriveProjects(parts.projects ?? [], parts.issues, boards, notes),
    projectRoles,
    boards,
    sprints,
    issues: parts.issues,
  };
}
