import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RestIssue, RestSprint } from '../snapshot';
import { assembleSnapshot } from './assemble';
import { countRaw } from './counts';
import type { SprintList } from './derive';
import { attachChangelogRows, mergeIssueCopies, type ChangelogRow, type IssueCopy } from './issues';
import { isRecord, parseJson, readJsonFile, records, type Loose } from './loose';
import { toRestField, toRestIssue, toRestProject, toRestSprint, toRestUser } from './rest-shapes';
import type { ImportResult } from './types';

/** One row of an Apache DevLake raw table: the request URL and the API body (`data`); `params`/`input` add nothing here. */
interface RawRow {
  table: string;
  url: URL | undefined;
  data: unknown;
}

/** What each request path holds, by the REST endpoint in the row's URL rather than by the table's name. */
const ENDPOINTS: Array<{ kind: RowKind; path: RegExp }> = [
  { kind: 'changelog', path: /\/rest\/api\/\d+\/issue\/(\d+)\/changelog$/ },
  { kind: 'sprints', path: /\/rest\/agile\/1\.0\/board\/(\d+)\/sprint$/ },
  { kind: 'issues', path: /\/rest\/agile\/1\.0\/board\/\d+\/issue$/ },
  { kind: 'issues', path: /\/rest\/api\/\d+\/search(\/jql)?$/ },
  { kind: 'users', path: /\/rest\/api\/\d+\/user$/ },
  { kind: 'projects', path: /\/rest\/api\/\d+\/project$/ },
  { kind: 'fields', path: /\/rest\/api\/\d+\/field$/ },
];

type RowKind = 'changelog' | 'sprints' | 'issues' | 'users' | 'projects' | 'fields';

/**
 * Apache DevLake's e2e raw tables (`_raw_jira_*.json`): arrays of rows whose `data` column is the API body, as
 * a JSON string or already parsed. The rows were recorded from several Jira hosts; the snapshot is the site most
 * rows come from, and rows of other hosts are left out (one snapshot is one site: custom field ids, users and
 * statuses mean other things elsewhere). Issues come from every issue-shaped table, merged by key; the separate
 * changelog table joins its issues by issue id; sprints, users, projects and fields come from their endpoints.
 * Endpoints the snapshot has no place for (statuses, issue types, worklogs, remote links, development panels) are
 * named in the notes.
 */
export function loadDevlake(dir: string): ImportResult {
  const notes: string[] = [];
  const rows = readRawTables(dir, notes);
  const site = mainSite(rows);
  const onSite = rows.filter((row) => row.url?.origin === site);
  reportOtherHosts(rows, site, notes);

  const issueRows: Array<{ table: string; data: Loose }> = [];
  const changelogRows: ChangelogRow[] = [];
  const sprintLists = new Map<number, unknown[]>();
  const byKind: Record<'users' | 'projects' | 'fields', unknown[]> = { users: [], projects: [], fields: [] };
  const unplaced = new Map<string, number>();
  for (const row of onSite) {
    const match = endpointOf(row.url);
    if (!match) {
      const endpoint = `${row.table} (${row.url?.pathname.replace(/\d+/g, '{id}') ?? 'no url'})`;
      unplaced.set(endpoint, (unplaced.get(endpoint) ?? 0) + 1);
      continue;
    }
    switch (match.kind) {
      case 'issues':
        if (isRecord(row.data)) issueRows.push({ table: row.table, data: row.data });
        else notes.push(`A row of ${row.table} holds no issue object and was skipped`);
        break;
      case 'changelog':
        changelogRows.push({ issueId: match.id, history: row.data });
        break;
      case 'sprints': {
        const list = sprintLists.get(Number(match.id)) ?? [];
        list.push(row.data);
        sprintLists.set(Number(match.id), list);
        break;
      }
      default:
        byKind[match.kind].push(row.data);
    }
  }
  for (const [endpoint, count] of unplaced)
    notes.push(`${count} rows of ${endpoint} have no place in a snapshot and are not loaded`);

  const expected = countRaw({
    issues: issueRows.map((row) => row.data),
    changelogRows,
    sprintLists: [...sprintLists].map(([boardId, sprints]) => ({ boardId, sprints })),
    users: byKind.users,
    projects: byKind.projects,
    fields: byKind.fields,
  });

  const copies: IssueCopy[] = [];
  for (const row of issueRows) {
    const issue = toRestIssue(row.data);
    if (issue) copies.push({ issue, origin: row.table });
    else notes.push(`A row of ${row.table} holds no issue with id, key and fields and was skipped`);
  }
  const issues: RestIssue[] = mergeIssueCopies(copies, notes);
  attachChangelogRows(issues, changelogRows, notes);
  const lists: SprintList[] = [...sprintLists].map(([boardId, sprints]) => ({
    boardId,
    sprints: sprints.map(toRestSprint).filter((sprint): sprint is RestSprint => sprint !== undefined),
  }));
  const snapshot = assembleSnapshot(
    {
      baseUrl: site,
      issues,
      users: defined(byKind.users.map(toRestUser)),
      projects: defined(byKind.projects.map(toRestProject)),
      fields: defined(byKind.fields.map(toRestField)),
      sprintLists: lists,
    },
    notes,
  );
  notes.unshift(
    `DevLake raw tables of ${site}: agile REST shape (/rest/agile/1.0/board/{id}/issue) with embedded changelogs and REST v2-style comment bodies (wiki markup strings)`,
    'No project roles, groups or board list: boards are implied by sprints only',
  );
  return { snapshot, expected, notes };
}

function readRawTables(dir: string, notes: string[]): RawRow[] {
  const rows: RawRow[] = [];
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  for (const file of files) {
    const table = file.replace(/\.json$/, '');
    const content = readJsonFile(join(dir, file), notes);
    if (!Array.isArray(content)) {
      if (content !== undefined) notes.push(`${file} is not an array of rows and was skipped`);
      continue;
    }
    for (const row of records(content)) {
      const data = typeof row.data === 'string' ? parseJson(row.data, `${file} data column`, notes) : row.data;
      rows.push({ table, url: urlOf(row.url), data });
    }
  }
  return rows;
}

function urlOf(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** The origin (scheme and host) most rows were recorded from. */
function mainSite(rows: RawRow[]): string {
  const counts = new Map<string, number>();
  for (const row of rows) if (row.url) counts.set(row.url.origin, (counts.get(row.url.origin) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function reportOtherHosts(rows: RawRow[], site: string, notes: string[]): void {
  const elsewhere = new Map<string, number>();
  for (const row of rows) {
    if (row.url?.origin === site) continue;
    const where = `${row.table} from ${row.url?.origin ?? 'no url'}`;
    elsewhere.set(where, (elsewhere.get(where) ?? 0) + 1);
  }
  for (const [where, count] of elsewhere)
    notes.push(`${count} rows of ${where} were recorded from another Jira than ${site} and are left out`);
}

/** The endpoint of a row's URL and the id in its path (the issue of a changelog, the board of a sprint list). */
function endpointOf(url: URL | undefined): { kind: RowKind; id: string } | undefined {
  if (!url) return undefined;
  for (const endpoint of ENDPOINTS) {
    const match = endpoint.path.exec(url.pathname);
    if (match) return { kind: endpoint.kind, id: match[1] ?? '' };
  }
  return undefined;
}

function defined<T>(values: Array<T | undefined>): T[] {
  return values.filter((value): value is T => value !== undefined);
}
