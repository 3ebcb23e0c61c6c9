/** @needs-shared real-jira/jirametrics */
import { join } from 'node:path';
import { loadJirametrics, type ImportResult } from '../../src/jira/import';
import { normaliseSite } from '../../src/jira/normalise';
import {
  commentsOf,
  expectNothingDroppedSilently,
  expectPeopleResolved,
  issueByKey,
  REAL_JIRA,
  snapshotCounts,
} from './support';

const DIR = join(REAL_JIRA, 'jirametrics');

describe('loadJirametrics', () => {
  let result: ImportResult;
  beforeAll(() => {
    result = loadJirametrics(DIR);
  });

  it('holds what the spec files hold, counted from them', () => {
    expect(snapshotCounts(result.snapshot)).toEqual(result.expected);
    expect(result.expected).toMatchObject({ issues: 10, histories: 47, comments: 1, sprints: 1, boards: 2 });
    expect(result.snapshot.baseUrl).toBe('https://improvingflow.atlassian.net');
  });

  it('merges the two captures of SP-1 by history id', () => {
    const histories = issueByKey(result.snapshot, 'SP-1').changelog?.histories ?? [];
    expect(histories.map((history) => history.id)).toEqual(['10076', '10042', '10038', '10035']);
    expect(histories[0]).toMatchObject({
      created: '2021-12-14T00:30:15.283+0000',
      author: { accountId: '557058:13cc9354-0be8-432f-959a-13d34c55315f', displayName: 'Mike Bowler' },
      items: [expect.objectContaining({ field: 'status', fromString: 'In Progress', toString: 'Review' })],
    });
  });

  it('keeps the board configuration as a board, and the sprint board the issues name', () => {
    expect(result.snapshot.boards[0]).toMatchObject({
      id: 1,
      name: 'SP board',
      type: 'kanban',
      location: { projectKey: 'SP', projectId: '10000', projectName: 'Sample Project' },
    });
    expect(result.snapshot.sprints['2']).toEqual([
      expect.objectContaining({
        id: 3,
        name: 'Scrum Sprint 3',
        state: 'active',
        startDate: '2022-04-15T00:55:17.688Z',
        endDate: '2022-04-26T16:51:00.000Z',
        originBoardId: 2,
      }),
    ]);
  });

  it('takes the rank field from the board configuration and names the others from changelogs', () => {
    const fields = new Map(result.snapshot.fields.map((field) => [field.id, field]));
    expect(fields.get('customfield_10019')?.schema).toMatchObject({
      custom: 'com.pyxis.greenhopper.jira:gh-lexo-rank',
    });
    expect(fields.get('customfield_10036')).toMatchObject({ name: 'Story Points', schema: { type: 'number' } });
  });

  it('keeps the one comment as the plain string it is', () => {
    expect(commentsOf(issueByKey(result.snapshot, 'SP-15'))).toEqual([
      expect.objectContaining({ id: '10004', body: 'Making a comment\\!\\!' }),
    ]);
  });
});

describe('normaliseSite on the jirametrics snapshot', () => {
  it('drops nothing silently and finds sprints and story points through the derived fields', () => {
    const { snapshot, expected } = loadJirametrics(DIR);
    const site = normaliseSite(snapshot);
    expect(site.problems).toEqual([]);
    expectNothingDroppedSilently(site, expected);
    expectPeopleResolved(site);
    expect(site.fields).toMatchObject({
      sprint: 'customfield_10020',
      storyPoints: 'customfield_10036',
      rank: 'customfield_10019',
    });
    expect(site.items.find((item) => item.key === 'SP-15')).toMatchObject({ sprintIds: [3], storyPoints: 13 });
  });
});
