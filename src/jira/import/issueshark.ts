import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RestUser } from '../snapshot';
import { assembleSnapshot } from './assemble';
import { countRaw } from './counts';
import { mergeIssueCopies, type IssueCopy } from './issues';
import { isRecord, readJsonFile, records } from './loose';
import { toRestIssue, toRestUser } from './rest-shapes';
import type { ImportResult } from './types';

/**
 * issueSHARK's test data: Apache Jira (Server, REST v2) issues with changelogs (`*_issue.json`) and user records
 * (`get_user*.json`). Server users have `name`/`key` and no account id: each gets the account id `key`, else
 * `name` (the id the Server changelog itself uses for assignee changes), everywhere it appears. Comment bodies
 * stay the plain strings they are; dates keep their `+0000` offsets.
 */
export function loadIssueshark(dir: string): ImportResult {
  const notes: string[] = [];
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  const rawIssues: Array<{ origin: string; raw: unknown }> = [];
  const rawUsers: unknown[] = [];
  for (const file of files) {
    const raw = readJsonFile(join(dir, file), notes);
    if (isRecord(raw) && isRecord(raw.fields)) rawIssues.push({ origin: file, raw });
    else if (isRecord(raw) && typeof raw.displayName === 'string') rawUsers.push(raw);
    else if (raw !== undefined) notes.push(`${file} is neither an issue nor a user and was skipped`);
  }

  const expected = countRaw({ issues: rawIssues.map((entry) => entry.raw), users: rawUsers });

  const copies: IssueCopy[] = [];
  for (const { origin, raw } of rawIssues) {
    const issue = toRestIssue(raw);
    if (issue) copies.push({ issue, origin });
    else notes.push(`${origin} holds no issue with id, key and fields and was skipped`);
    const changelog = isRecord(raw) && isRecord(raw.changelog) ? raw.changelog : undefined;
    const total = typeof changelog?.total === 'number' ? changelog.total : undefined;
    const held = records(changelog?.histories).length;
    if (issue && total !== undefined && total > held)
      notes.push(`${issue.key}: the changelog holds ${held} of ${total} histories (truncated in the source)`);
  }
  const issues = mergeIssueCopies(copies, notes);
  const users = rawUsers.map(toRestUser).filter((user): user is RestUser => user !== undefined);
  const baseUrl = siteOf(issues[0]?.self) ?? '';
  const snapshot = assembleSnapshot({ baseUrl, issues, users }, notes);
  notes.unshift(
    `issueSHARK test data of ${baseUrl}: Jira Server REST v2 shape (users by name/key, plain-text comments, no hierarchyLevel on issue types)`,
    'Server users have no account id: their key (else name) is used as one',
    'No field list, project list, boards, sprints, project roles or groups: fields and projects are derived from the issues',
  );
  return { snapshot, expected, notes };
}

/** `https://issues.apache.org/jira/rest/api/2/issue/1` → `https://issues.apache.org/jira`. */
function siteOf(self: unknown): string | undefined {
  return typeof self === 'string' ? /^(.*?)\/rest\/api\//.exec(self)?.[1] : undefined;
}
