/** @needs-shared real-jira/issueshark */
import { join } from 'node:path';
import { loadIssueshark, type ImportResult } from '../../src/jira/import';
import { normaliseSite } from '../../src/jira/normalise';
import {
  commentsOf,
  expectNothingDroppedSilently,
  expectPeopleResolved,
  issueByKey,
  REAL_JIRA,
  snapshotCounts,
} from './support';

const DIR = join(REAL_JIRA, 'issueshark');

describe('loadIssueshark', () => {
  let result: ImportResult;
  beforeAll(() => {
    result = loadIssueshark(DIR);
  });

  it('holds what the three DRILL issues hold, counted from them', () => {
    expect(snapshotCounts(result.snapshot)).toEqual(result.expected);
    expect(result.expected).toMatchObject({ issues: 3, histories: 16, comments: 11, projects: 1 });
    expect(result.snapshot.baseUrl).toBe('https://issues.apache.org/jira');
  });

  it('gives Server users their user name as account id, keeping every other property', () => {
    expect(issueByKey(result.snapshot, 'DRILL-1').fields.reporter).toMatchObject({
      accountId: 'mhausenblas',
      name: 'mhausenblas',
      displayName: 'Michael Hausenblas',
      emailAddress: 'michael dot hausenblas at gmail dot com',
    });
    expect(result.snapshot.users.find((user) => user.accountId === 'breed')).toMatchObject({
      key: 'breed',
      displayName: 'Benjamin Reed',
      timeZone: 'America/Los_Angeles',
    });
  });

  it('keeps histories with their Server values and dates as written', () => {
    const histories = issueByKey(result.snapshot, 'DRILL-38').changelog?.histories ?? [];
    expect(histories).toHaveLength(7);
    expect(histories[0]).toMatchObject({
      id: '13657311',
      created: '2013-02-24T17:00:58.268+0000',
      author: { accountId: 'tnachen', displayName: 'Timothy Chen' },
      items: [
        expect.objectContaining({ field: 'assignee', from: null, to: 'cmerrick', toString: 'Christopher Merrick' }),
      ],
    });
  });

  it('keeps plain-text comment bodies as they are', () => {
    expect(commentsOf(issueByKey(result.snapshot, 'DRILL-1'))[0]).toMatchObject({
      id: '13455671',
      author: { accountId: 'clarkyzl' },
      body: expect.stringMatching(/^protobuf \+1, I think it is OK to use protobuf/),
    });
  });

  it('says the source truncated a changelog', () => {
    expect(result.notes).toContain('DRILL-138: the changelog holds 3 of 8 histories (truncated in the source)');
  });
});

describe('normaliseSite on the issueSHARK snapshot', () => {
  it('drops nothing silently and links Server assignee changes to the people', () => {
    const { snapshot, expected } = loadIssueshark(DIR);
    const site = normaliseSite(snapshot);
    expect(site.problems).toEqual([]);
    expectNothingDroppedSilently(site, expected);
    expectPeopleResolved(site);
    const item = site.items.find((candidate) => candidate.key === 'DRILL-38');
    expect(item).toMatchObject({
      parentKey: 'DRILL-37',
      assigneeId: 'cmerrick',
      type: { name: 'Sub-task', hierarchyLevel: -1 },
    });
    expect(site.people.find((person) => person.accountId === 'cmerrick')).toMatchObject({
      displayName: 'Christopher Merrick',
    });
  });
});
