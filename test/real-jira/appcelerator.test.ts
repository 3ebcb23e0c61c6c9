/** @needs-shared real-jira/appcelerator-tidev.tgz */
import { join } from 'node:path';
import type { Site } from '../../src/domain/model';
import { loadAppcelerator, type ImportResult } from '../../src/jira/import';
import { normaliseSite } from '../../src/jira/normalise';
import {
  commentsOf,
  expectAuditCovers,
  expectNothingDroppedSilently,
  expectPeopleResolved,
  issueByKey,
  REAL_JIRA,
  snapshotCounts,
} from './support';

const ARCHIVE = join(REAL_JIRA, 'appcelerator-tidev.tgz');

describe('loadAppcelerator with a limit', () => {
  it('reads the first issues by project and number, counted from them', () => {
    const { snapshot, expected, notes } = loadAppcelerator(ARCHIVE, { limit: 300 });
    expect(snapshotCounts(snapshot)).toEqual(expected);
    expect(expected).toMatchObject({ issues: 300, comments: 794, histories: 0, projects: 5 });
    expect(snapshot.issues[0]).toMatchObject({
      key: 'AC-18',
      id: '143749',
      fields: { summary: 'testing-2', created: '2015-01-30T00:43:49.000+0000' },
    });
    expect(snapshot.issues[0]?.fields.reporter).toMatchObject({
      accountId: 'hlin',
      key: 'hlin',
      displayName: 'Henry Lin',
    });
    expect(snapshot.issues.at(-1)?.key).toBe('AC-530');
    expect(notes).toContain('Limited to the first 300 of 29057 issue files');
  });
});

describe('loadAppcelerator, the whole archive', () => {
  let result: ImportResult;
  let site: Site;
  beforeAll(() => {
    result = loadAppcelerator(ARCHIVE);
    site = normaliseSite(result.snapshot);
  }, 60_000);

  it('holds what the 29,057 issue files hold, counted from them', () => {
    expect(snapshotCounts(result.snapshot)).toEqual(result.expected);
    expect(result.expected).toMatchObject({
      issues: 29057,
      comments: 104730,
      histories: 0,
      sprints: 355,
      boards: 17,
      projects: 5,
    });
  });

  it('files sprints under their origin board and says which name none', () => {
    expect(result.snapshot.sprints['114']).toContainEqual(
      expect.objectContaining({
        id: 840,
        name: '2017 Sprint 04 Tooling',
        startDate: '2017-02-12T23:40:43.579Z',
        endDate: '2017-02-26T23:40:00.000Z',
      }),
    );
    expect(result.notes).toContainEqual(
      expect.stringMatching(/^22 sprints name no board and are left out .*: 13 "2013 Sprint 15"/),
    );
  });

  it('keeps issues, Server users and projects as the archive has them', () => {
    expect(issueByKey(result.snapshot, 'DAEMON-41').fields.assignee).toMatchObject({
      accountId: 'cbarber',
      displayName: 'Chris Barber',
    });
    expect(result.snapshot.projects.find((project) => project.key === 'TIMOB')).toMatchObject({
      id: '10153',
      name: 'Titanium SDK/CLI',
    });
    expect(
      commentsOf(issueByKey(result.snapshot, 'TIMOB-11360')).find((comment) => comment.id === '301871'),
    ).not.toHaveProperty('author');
    expect(result.snapshot.baseUrl).toBe('https://jira.appcelerator.org');
  });

  it('is audited without an error, covering all 29,057 issues and their 104,730 comments', () => {
    expectAuditCovers(result);
  });

  it('is normalised without dropping anything silently', () => {
    expect(site.problems).toEqual([]);
    // 355 sprints are filed under their boards; the 22 that name no board still reach the site through the
    // issues that carry them (`sprint` / `closedSprints`), so all 377 of the archive are there.
    expectNothingDroppedSilently(site, { ...result.expected, sprints: 377 });
    expectPeopleResolved(site);
    expect(site.items.filter((item) => item.sprintIds.length > 0)).toHaveLength(5717);
    expect(site.items.find((item) => item.key === 'DAEMON-41')?.sprintIds).toContain(840);
    expect(site.items.filter((item) => item.type.hierarchyLevel === 1)).toHaveLength(134);
    expect(site.actions.filter((action) => action.kind === 'comment' && action.authorId === undefined)).toHaveLength(
      28,
    );
  });
});
