/** @needs-shared real-jira/devlake */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDevlake, type ImportResult } from '../../src/jira/import';
import { normaliseSite } from '../../src/jira/normalise';
import {
  commentsOf,
  expectNothingDroppedSilently,
  expectPeopleResolved,
  issueByKey,
  REAL_JIRA,
  snapshotCounts,
} from './support';

const DIR = join(REAL_JIRA, 'devlake');

/** Rows of one raw table, with the `data` column parsed when it is a JSON string. */
function rawRows(table: string): Array<{ url: string; data: Record<string, unknown> }> {
  const rows = JSON.parse(readFileSync(join(DIR, `${table}.json`), 'utf8')) as Array<{ url: string; data: unknown }>;
  return rows.map((row) => ({
    url: row.url,
    data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>,
  }));
}

describe('loadDevlake', () => {
  let result: ImportResult;
  beforeAll(() => {
    result = loadDevlake(DIR);
  });

  it('holds what the raw tables hold, counted from them', () => {
    expect(snapshotCounts(result.snapshot)).toEqual(result.expected);
    expect(result.expected).toMatchObject({
      issues: 33,
      histories: 522,
      comments: 8,
      sprints: 31,
      projects: 13,
      users: 31,
    });
  });

  it('is the Jira Cloud site most rows come from, and says which rows came from other hosts', () => {
    expect(result.snapshot.baseUrl).toBe('https://merico.atlassian.net');
    expect(result.notes).toContainEqual(
      expect.stringMatching(
        /^22 rows of _raw_jira_api_issue_relationships from http:\/\/3\.81\.151\.94:8080 .* left out/,
      ),
    );
    expect(result.notes).toContainEqual(
      expect.stringMatching(/^2 rows of _raw_jira_api_issue_fields from http:\/\/172\.26\.129\.92:8092 .* left out/),
    );
  });

  it('reports, rather than drops silently, changelog rows whose issue is in no issue table', () => {
    const issueIds = new Set(rawRows('_raw_jira_api_issues').map((row) => String(row.data.id)));
    const changelogIssueIds = rawRows('_raw_jira_api_issue_changelogs').map(
      (row) => /\/issue\/(\d+)\/changelog/.exec(row.url)?.[1],
    );
    expect(changelogIssueIds).toHaveLength(279);
    expect(changelogIssueIds.filter((id) => id !== undefined && issueIds.has(id))).toEqual([]);
    expect(result.notes).toContainEqual(
      expect.stringContaining(
        '279 changelog rows belong to issues absent from every issue table — ids 13383 (100), 13954 (100), 13491 (79)',
      ),
    );
  });

  it('keeps one copy of issues captured twice, with their histories', () => {
    const ee1 = issueByKey(result.snapshot, 'EE-1');
    expect(result.snapshot.issues.filter((issue) => issue.key === 'EE-1')).toHaveLength(1);
    expect(ee1.id).toBe('10063');
    expect(ee1.fields.labels).toEqual(['frontEnd', 'Saas']);
    expect(ee1.changelog?.histories).toHaveLength(25);
    expect(ee1.changelog?.histories[0]).toMatchObject({
      id: '90706',
      created: '2021-04-01T08:52:27.109+0800',
      author: { accountId: '5e9711ba34f7b90c0fbc37d3', displayName: 'Rankin Zheng' },
    });
  });

  it('keeps comment bodies and authors as the API gave them', () => {
    expect(commentsOf(issueByKey(result.snapshot, 'EE-17'))).toEqual([
      expect.objectContaining({
        id: '11860',
        created: '2020-07-22T15:25:29.121+0800',
        author: expect.objectContaining({ displayName: 'yuxiang' }),
      }),
    ]);
  });

  it('files the board 8 sprint list under board 8, and a sprint known only from issues under its origin board', () => {
    expect(result.snapshot.sprints['8']).toContainEqual(
      expect.objectContaining({
        id: 34,
        name: 'EE Sprint 24',
        state: 'closed',
        startDate: '2021-01-25T03:56:45.942Z',
        endDate: '2021-02-01T03:56:00.000Z',
      }),
    );
    expect(result.snapshot.sprints['92']).toEqual([
      expect.objectContaining({ id: 175, name: 'K5 Sprint 1', state: 'active' }),
    ]);
    expect(result.snapshot.boards.map((board) => board.id)).toEqual([8, 13, 92]);
  });

  it('keeps the users table as it is and adds people only the issues name', () => {
    const users = new Map(result.snapshot.users.map((user) => [user.accountId, user]));
    expect(users.get('5e9711ba34f7b90c0fbc37d3')).toMatchObject({ displayName: 'RZ', accountType: 'atlassian' });
    expect(users.get('5fa8b6d142ab3b006eaa6f42')).toMatchObject({
      displayName: 'cong',
      emailAddress: 'cong.wang@merico.dev',
    });
    expect(users.get('62a2d08d1be00a0068af1945')).toMatchObject({ displayName: 'Keon Amini' });
    expect(result.snapshot.users.every((user) => user.accountId !== '')).toBe(true);
  });

  it('names fields from changelog items and types them from their values', () => {
    const fields = new Map(result.snapshot.fields.map((field) => [field.id, field]));
    expect(fields.get('customfield_10020')).toMatchObject({
      name: 'Sprint',
      custom: true,
      schema: { type: 'array', customId: 10020 },
    });
    expect(fields.get('customfield_10015')).toMatchObject({ name: 'Start date', schema: { type: 'date' } });
    expect(fields.has('closedSprints')).toBe(false);
  });

  it('derives the project only issues name, beside the project list', () => {
    expect(result.snapshot.projects.find((project) => project.key === 'EE')).toMatchObject({
      id: '10003',
      name: 'Enterprise Edition',
      style: 'classic',
    });
    expect(result.snapshot.projects.find((project) => project.key === 'K5')).toMatchObject({
      id: '10050',
      name: 'Keon_5',
    });
  });
});

describe('normaliseSite on the DevLake snapshot', () => {
  it('drops nothing silently and resolves every person', () => {
    const { snapshot, expected } = loadDevlake(DIR);
    const site = normaliseSite(snapshot);
    expect(site.problems).toEqual([]);
    expectNothingDroppedSilently(site, expected);
    expectPeopleResolved(site);
    expect(site.actions.find((action) => action.id === 'EE-1:h90706')).toMatchObject({
      kind: 'change',
      authorId: '5e9711ba34f7b90c0fbc37d3',
      at: '2021-04-01T00:52:27.109Z',
    });
    expect(site.items.find((item) => item.key === 'K5-2')).toMatchObject({ sprintIds: [175], parentKey: 'K5-1' });
  });
});
