import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assembleSnapshot } from './assemble';
import { countRaw } from './counts';
import type { FieldHints } from './derive';
import { mergeIssueCopies, type IssueCopy } from './issues';
import { integer, isRecord, readJsonFile, text } from './loose';
import { boardFromConfiguration, toRestIssue } from './rest-shapes';
import type { RestBoard } from '../snapshot';
import type { ImportResult } from './types';

/** Issue files are named by key (`SP-13.json`); other JSON files beside them are configuration. */
const ISSUE_FILE = /^[A-Z][A-Z0-9_]*-\d+\.json$/;

/**
 * jirametrics' `spec/` test data: issues (Jira Cloud REST v2 search shape, one file each, changelog expanded) in
 * `testdata/` and `complete_sample/sample_issues/`, board configurations (`*_board_<id>_configuration.json`) and
 * a `*_meta.json` naming the site. The two folders hold two captures of SP-1 and SP-2; they are merged by key.
 */
export function loadJirametrics(dir: string): ImportResult {
  const notes: string[] = [];
  const root = existsSync(join(dir, 'spec')) ? join(dir, 'spec') : dir;
  const folders = listFolders(root);

  const rawIssues: Array<{ origin: string; raw: unknown }> = [];
  const rawBoards = new Map<number, { origin: string; raw: unknown }>();
  const unread: string[] = [];
  let siteUrl: string | undefined;
  for (const folder of folders) {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isFile()) continue;
      const file = entry.name;
      const path = join(folder, file);
      const origin = path.slice(root.length + 1);
      if (ISSUE_FILE.test(file)) rawIssues.push({ origin, raw: readJsonFile(path, notes) });
      else if (/_board_\d+_configuration\.json$/.test(file)) {
        const raw = readJsonFile(path, notes);
        const id = isRecord(raw) ? integer(raw.id) : undefined;
        if (id !== undefined && !rawBoards.has(id)) rawBoards.set(id, { origin, raw });
      } else if (/meta\.json$/.test(file) || file === 'jira-config.json') {
        const raw = readJsonFile(path, notes);
        siteUrl ??= isRecord(raw) ? (text(raw.jira_url) ?? text(raw.url)) : undefined;
      } else if (!file.startsWith('.')) unread.push(origin);
    }
  }
  if (unread.length > 0) notes.push(`Not part of a snapshot, so not loaded: ${unread.join(', ')}`);

  const expected = countRaw({
    issues: rawIssues.map((entry) => entry.raw),
    boards: [...rawBoards.values()].map((entry) => entry.raw),
  });

  const copies: IssueCopy[] = [];
  for (const { origin, raw } of rawIssues) {
    const issue = toRestIssue(raw);
    if (issue) copies.push({ issue, origin });
    else notes.push(`${origin} holds no issue with id, key and fields and was skipped`);
  }
  const boards = [...rawBoards.values()]
    .map((entry) => boardFromConfiguration(entry.raw))
    .filter((board): board is RestBoard => board !== undefined);
  const baseUrl = siteUrl ?? originOf(copies[0]?.issue.self) ?? '';
  const snapshot = assembleSnapshot(
    { baseUrl, issues: mergeIssueCopies(copies, notes), boards, fieldHints: rankFieldHints(boards) },
    notes,
  );
  notes.unshift(
    `jirametrics test data of ${baseUrl}: Jira Cloud issues (REST v2 shape: comment bodies are plain strings) with full changelogs, and ${boards.length} board configuration(s)`,
    'No field list, user list, project list, sprint lists, project roles or groups: all are derived from the issues and boards',
  );
  return { snapshot, expected, notes };
}

function listFolders(root: string): string[] {
  const folders: string[] = [];
  const visit = (folder: string): void => {
    folders.push(folder);
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) visit(join(folder, entry.name));
    }
  };
  visit(root);
  return folders;
}

/** A board configuration names its rank field (`ranking.rankCustomFieldId`): that field is a lexo-rank field. */
function rankFieldHints(boards: RestBoard[]): FieldHints {
  const hints: FieldHints = {};
  for (const board of boards) {
    const id = isRecord(board.ranking) ? integer(board.ranking.rankCustomFieldId) : undefined;
    if (id !== undefined)
      hints[`customfield_${id}`] = { custom: 'com.pyxis.greenhopper.jira:gh-lexo-rank', customId: id };
  }
  return hints;
}

function originOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
