/** @needs-shared real-jira/go-jira */
import { join } from 'node:path';
import { loadGoJira, type ImportResult } from '../../src/jira/import';
import { normaliseSite } from '../../src/jira/normalise';
import { expectNothingDroppedSilently, expectPeopleResolved, issueByKey, REAL_JIRA, snapshotCounts } from './support';

const DIR = join(REAL_JIRA, 'go-jira');

describe('loadGoJira', () => {
  let result: ImportResult;
  beforeAll(() => {
    result = loadGoJira(DIR);
  });

  it('holds what the mock responses hold, counted from them', () => {
    expect(snapshotCounts(result.snapshot)).toEqual(result.expected);
    expect(result.expected).toMatchObject({ issues: 1, sprints: 6, boards: 8, projects: 570, users: 2 });
  });

  it('keeps boards from the board list and from a board configuration', () => {
    const boards = new Map(result.snapshot.boards.map((board) => [board.id, board]));
    expect(boards.get(1)).toMatchObject({
      name: 'Test Mobile',
      type: 'scrum',
      location: { projectKey: 'AP', projectId: 10000 },
    });
    expect(boards.get(35)).toMatchObject({
      name: 'Test board',
      type: 'kanban',
      location: { projectKey: 'IT', projectId: '10002' },
    });
  });

  it('merges the two sprint responses by id, the goal of the filtered one included', () => {
    expect(result.snapshot.sprints['734']?.map((sprint) => sprint.id)).toEqual([740, 776, 807, 832, 845, 846]);
    expect(result.snapshot.sprints['734']?.find((sprint) => sprint.id === 832)).toMatchObject({
      name: 'Iteration-13-2',
      state: 'active',
      startDate: '2016-06-20T13:24:39.161-07:00',
      endDate: '2016-06-28T14:24:00.000-07:00',
      goal: 'My Goal',
    });
  });

  it("keeps Apache's project list, the ABDERA record with its lead and its roles", () => {
    expect(result.snapshot.projects.find((project) => project.key === 'ABDERA')).toMatchObject({
      id: '12310505',
      lead: { accountId: 'rooneg', displayName: 'Garrett Rooney' },
    });
    expect(result.snapshot.projectRoles['ABDERA']).toContainEqual(
      expect.objectContaining({ id: 10002, name: 'Administrators' }),
    );
    expect(result.snapshot.projectRoles['ABDERA']).toHaveLength(9);
  });

  it('gives the issue its epic as parent and says what the responses lack', () => {
    expect(issueByKey(result.snapshot, 'AR-86').fields.parent).toMatchObject({
      key: 'AR-37',
      fields: { summary: 'Moderation design' },
    });
    expect(result.notes).toContain('issues_in_sprint.json reports 10 issues but holds 1');
    expect(result.notes).toContainEqual(
      expect.stringMatching(
        /^all_roles\.json: site-wide role definitions .* Administrator \(1 actors\), FooRole \(0 actors\)/,
      ),
    );
  });
});

describe('normaliseSite on the go-jira snapshot', () => {
  it('drops nothing silently', () => {
    const { snapshot, expected } = loadGoJira(DIR);
    const site = normaliseSite(snapshot);
    expect(site.problems).toEqual([]);
    expectNothingDroppedSilently(site, expected);
    expectPeopleResolved(site);
    expect(site.items[0]).toMatchObject({ key: 'AR-86', parentKey: 'AR-37', assigneeId: 'mister.morris' });
    expect(site.projects.find((project) => project.key === 'ABDERA')).toMatchObject({ leadAccountId: 'rooneg' });
    expect(site.sprints.find((sprint) => sprint.id === 832)).toMatchObject({
      boardId: 734,
      startDate: '2016-06-20T20:24:39.161Z',
      goal: 'My Goal',
    });
  });
});
