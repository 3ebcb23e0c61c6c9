import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RestBoard, RestField, RestIssue, RestProject, RestProjectRole, RestSprint } from '../snapshot';
import { assembleSnapshot } from './assemble';
import { countRaw } from './counts';
import { mergeIssueCopies, type IssueCopy } from './issues';
import { integer, isRecord, readJsonFile, records, text, type Loose } from './loose';
import {
  boardFromConfiguration,
  toRestBoard,
  toRestField,
  toRestIssue,
  toRestProject,
  toRestSprint,
} from './rest-shapes';
import type { ImportResult } from './types';

/** The files this loader reads; everything else in the folder is named in the notes as not loaded. */
const FILES = {
  boards: ['all_boards.json', 'all_boards_filtered.json'],
  boardConfigurations: ['board_configuration.json'],
  sprints: ['sprints.json', 'sprints_filtered.json'],
  projects: ['project.json', 'all_projects.json'],
  fields: ['all_fields.json'],
  issues: ['issues_in_sprint.json'],
  siteRoles: ['all_roles.json', 'role.json'],
};

/**
 * go-jira's `testing/mock-data`: single responses recorded from several Jira sites (test.jira.org, jira.com,
 * issues.apache.org, example.atlassian.net, sample.instance.org) — a sampler rather than one site. The snapshot
 * gathers the boards, sprints, fields, Apache's project list with the ABDERA project's roles, and the issues of
 * the sprint response, under the Apache site's URL; the notes list the hosts.
 */
export function loadGoJira(dir: string): ImportResult {
  const notes: string[] = [];
  const read = (files: string[]): Array<{ file: string; value: unknown }> =>
    files
      .filter((file) => existsSync(join(dir, file)))
      .map((file) => ({ file, value: readJsonFile(join(dir, file), notes) }));

  const rawBoards = read(FILES.boards).flatMap(({ value }) => records(isRecord(value) ? value.values : undefined));
  const rawConfigurations = read(FILES.boardConfigurations).map(({ value }) => value);
  const rawSprints = read(FILES.sprints).flatMap(({ value }) => records(isRecord(value) ? value.values : undefined));
  const projectFiles = read(FILES.projects);
  const rawProjects = projectFiles.flatMap(({ value }) =>
    Array.isArray(value) ? records(value) : isRecord(value) ? [value] : [],
  );
  const rawFields = read(FILES.fields).flatMap(({ value }) => records(value));
  const issueResponses = read(FILES.issues);
  const rawIssues = issueResponses.flatMap(({ value }) => records(isRecord(value) ? value.issues : undefined));

  const expected = countRaw({
    issues: rawIssues,
    sprintLists: [{ sprints: rawSprints }],
    boards: [...rawBoards, ...rawConfigurations],
    projects: rawProjects,
    fields: rawFields,
  });

  const boards = uniqueById([...rawBoards.map(toRestBoard), ...rawConfigurations.map(boardFromConfiguration)]);
  const sprints = rawSprints.map(toRestSprint).filter((sprint): sprint is RestSprint => sprint !== undefined);
  const projects = uniqueProjects(rawProjects.map(toRestProject));
  const copies = rawIssues
    .map((raw): IssueCopy | undefined => {
      const issue = toRestIssue(raw);
      return issue ? { issue, origin: 'issues_in_sprint.json' } : undefined;
    })
    .filter((copy): copy is IssueCopy => copy !== undefined);
  const issues: RestIssue[] = mergeIssueCopies(copies, notes);
  const fields = rawFields.map(toRestField).filter((field): field is RestField => field !== undefined);
  const baseUrl = siteOf(projects) ?? '';

  for (const { file, value } of issueResponses) {
    const total = isRecord(value) ? integer(value.total) : undefined;
    if (total !== undefined && total > rawIssues.length)
      notes.push(`${file} reports ${total} issues but holds ${rawIssues.length}`);
  }
  const projectRoles = rolesOfProjects(rawProjects);
  reportSiteRoles(read(FILES.siteRoles), notes);
  reportUnread(dir, notes);

  const snapshot = assembleSnapshot(
    { baseUrl, issues, projects, projectRoles, boards, sprintLists: [{ sprints }], fields },
    notes,
  );
  notes.unshift(
    `go-jira mock data: responses recorded on several hosts (${hostsOf([...rawBoards, ...rawSprints, ...rawProjects, ...rawIssues, ...records(rawConfigurations)]).join(', ')}), gathered under ${baseUrl}`,
    'Jira Server style users (name/key, no account id): their key (else name) is used as one',
    `The sprint list's board is not recorded: its ${new Set(sprints.map((sprint) => sprint.id)).size} sprints are filed under their origin board`,
    'No changelogs, no comments, no user list, no groups',
  );
  return { snapshot, expected, notes };
}

function uniqueById(boards: Array<RestBoard | undefined>): RestBoard[] {
  const byId = new Map<number, RestBoard>();
  for (const board of boards) if (board && !byId.has(board.id)) byId.set(board.id, board);
  return [...byId.values()];
}

/** One project per key; the full project record (`project.json`) comes first, list entries fill what it lacks. */
function uniqueProjects(projects: Array<RestProject | undefined>): RestProject[] {
  const byKey = new Map<string, RestProject>();
  for (const project of projects) {
    if (!project) continue;
    const known = byKey.get(project.key);
    byKey.set(project.key, known ? { ...project, ...known } : project);
  }
  return [...byKey.values()];
}

/**
 * A project record lists its roles as `{name: url}` (`…/project/12310505/role/10002`); the actors are behind
 * those URLs and were not recorded, so the roles carry id and name only.
 */
function rolesOfProjects(projects: Loose[]): Record<string, RestProjectRole[]> {
  const roles: Record<string, RestProjectRole[]> = {};
  for (const project of projects) {
    const key = text(project.key);
    if (!key || !isRecord(project.roles)) continue;
    const list = Object.entries(project.roles).flatMap(([name, url]): RestProjectRole[] => {
      const id = typeof url === 'string' ? integer(/\/role\/(\d+)$/.exec(url)?.[1]) : undefined;
      return id === undefined || typeof url !== 'string' ? [] : [{ id, name, self: url }];
    });
    if (list.length > 0) roles[key] = list.sort((a, b) => a.id - b.id);
  }
  return roles;
}

function reportSiteRoles(responses: Array<{ file: string; value: unknown }>, notes: string[]): void {
  for (const { file, value } of responses) {
    const roles = Array.isArray(value) ? records(value) : isRecord(value) ? [value] : [];
    const described = roles.map((role) => `${String(role.name)} (${records(role.actors).length} actors)`).join(', ');
    notes.push(
      `${file}: site-wide role definitions with their default actors — ${described} — belong to no project, and the snapshot keeps roles per project: not loaded`,
    );
  }
}

function reportUnread(dir: string, notes: string[]): void {
  const read = new Set(Object.values(FILES).flat());
  const unread = readdirSync(dir)
    .filter((file) => file.endsWith('.json') && !read.has(file))
    .sort();
  if (unread.length > 0) notes.push(`Not part of a snapshot, so not loaded: ${unread.join(', ')}`);
}

/** The Jira base URL the project records were read from (`…/rest/api/2/project/…` → the part before `/rest`). */
function siteOf(projects: RestProject[]): string | undefined {
  for (const project of projects) {
    const site = typeof project.self === 'string' ? /^(.*?)\/rest\/api\//.exec(project.self)?.[1] : undefined;
    if (site) return site;
  }
  return undefined;
}

function hostsOf(records_: Loose[]): string[] {
  const hosts = new Set<string>();
  for (const record of records_) {
    const self = text(record.self);
    if (!self) continue;
    try {
      hosts.add(new URL(self).host);
    } catch {
      continue;
    }
  }
  return [...hosts].sort();
}
