import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { RestIssue, RestProject } from '../snapshot';
import { assembleSnapshot } from './assemble';
import { countRaw } from './counts';
import { commentList, mergeIssueCopies, type IssueCopy } from './issues';
import { isRecord, parseJson, records, text } from './loose';
import { toRestIssue, toRestProject } from './rest-shapes';
import { tarFiles, type TarFile } from './tar';
import type { ImportResult } from './types';

export interface AppceleratorOptions {
  /** Read only the first `limit` issues (by project key, then issue number). */
  limit?: number;
}

const ISSUE_FILE = /^([A-Z][A-Z0-9_]*)-(\d+)\.json$/;

/**
 * The Appcelerator public JIRA archive (tidev/jira-archive `data/`, Nov 2021) as a .tgz: `data/<PROJECT>/project.json`
 * and one file per issue, `data/<PROJECT>/<range>/<KEY>.json`, in the agile REST shape (`sprint`, `closedSprints`,
 * `epic`) with Jira Server users and plain-text comments, but no changelog. The archive is read in memory (gunzip
 * and a tar reader): unpacking its 29,000 files to disk costs far more than reading them.
 */
export function loadAppcelerator(tgzPath: string, options: AppceleratorOptions = {}): ImportResult {
  const notes: string[] = [];
  const { issueFiles, projectFiles } = archiveFiles(gunzipSync(readFileSync(tgzPath)));
  const chosen = options.limit === undefined ? issueFiles : issueFiles.slice(0, Math.max(0, options.limit));
  if (chosen.length < issueFiles.length)
    notes.push(`Limited to the first ${chosen.length} of ${issueFiles.length} issue files`);

  const rawIssues = chosen.map((file) => ({
    origin: file.path,
    raw: parseJson(file.content.toString('utf8'), file.path, notes),
  }));
  const rawProjects = projectFiles.map((file) => parseJson(file.content.toString('utf8'), file.path, notes));
  const expected = countRaw({ issues: rawIssues.map((entry) => entry.raw), projects: rawProjects });

  const copies: IssueCopy[] = [];
  for (const { origin, raw } of rawIssues) {
    const issue = toRestIssue(raw);
    if (issue) copies.push({ issue, origin });
    else notes.push(`${origin} holds no issue with id, key and fields and was skipped`);
  }
  const issues = mergeIssueCopies(copies, notes);
  const projects = rawProjects.map(toRestProject).filter((project): project is RestProject => project !== undefined);
  const baseUrl = browseSite(issues, new Set(projects.map((project) => project.key)));
  describeComments(issues, notes);
  const snapshot = assembleSnapshot({ baseUrl: baseUrl ?? '', issues, projects }, notes);
  notes.unshift(
    'Appcelerator JIRA archive: agile REST shape with Jira Server users (name/key, no account id: the key is used as one) and plain-text comments',
    'No changelogs: issues yield creation and comment actions only',
    'No field list, user list, boards, sprint lists, project roles or groups: fields, users, sprints and boards are derived from the issues',
    `Sprints are given by the agile fields "sprint" and "closedSprints" (there is no Sprint custom field in the archive)`,
    baseUrl
      ? `The site URL ${baseUrl} is the one the archive's own issue links use (…/browse/<KEY>-<n>)`
      : 'No issue link names the site: baseUrl is empty',
  );
  return { snapshot, expected, notes };
}

/** Issue files sorted by project key, then issue number; the `project.json` files beside them. */
function archiveFiles(archive: Buffer): { issueFiles: TarFile[]; projectFiles: TarFile[] } {
  const issues: Array<{ file: TarFile; project: string; number: number }> = [];
  const projectFiles: TarFile[] = [];
  for (const file of tarFiles(archive)) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    if (name === 'project.json') projectFiles.push(file);
    const match = ISSUE_FILE.exec(name);
    if (match?.[1] && match[2]) issues.push({ file, project: match[1], number: Number(match[2]) });
  }
  issues.sort((a, b) => (a.project < b.project ? -1 : a.project > b.project ? 1 : a.number - b.number));
  return {
    issueFiles: issues.map((issue) => issue.file),
    projectFiles: projectFiles.sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
}

/**
 * The archive keeps no `self` URLs; its site is the host its own issue links point to (`https://…/browse/TIMOB-19344`
 * in labels, descriptions, comments), the most frequent one when there are several.
 */
function browseSite(issues: RestIssue[], projectKeys: Set<string>): string | undefined {
  const counts = new Map<string, number>();
  const pattern = /(https?:\/\/[^\s/"'|\]]+(?:\/[^\s/"'|\]]+)*?)\/browse\/([A-Z][A-Z0-9_]*)-\d+/g;
  const scan = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!value.includes('/browse/')) return;
      for (const match of value.matchAll(pattern)) {
        if (match[1] && match[2] && projectKeys.has(match[2])) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
      }
    } else if (Array.isArray(value)) for (const entry of value) scan(entry);
    else if (isRecord(value)) for (const entry of Object.values(value)) scan(entry);
  };
  for (const issue of issues) scan(issue.fields);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function describeComments(issues: RestIssue[], notes: string[]): void {
  let held = 0;
  let total = 0;
  let withoutBody = 0;
  let withoutAuthor = 0;
  for (const issue of issues) {
    const comments = records(commentList(issue));
    held += comments.length;
    const comment = issue.fields.comment;
    total += isRecord(comment) && typeof comment.total === 'number' ? comment.total : comments.length;
    withoutBody += comments.filter((entry) => text(entry.body) === undefined).length;
    withoutAuthor += comments.filter((entry) => !isRecord(entry.author)).length;
  }
  if (total > held)
    notes.push(`The issues hold ${held} comments where Jira counted ${total}: the archive left the others out`);
  if (withoutBody > 0) notes.push(`${withoutBody} comments have no body`);
  if (withoutAuthor > 0)
    notes.push(`${withoutAuthor} comments have no author (written by Jira itself or by a removed user)`);
}
