import { joinNormalised, normaliseSite } from '../../src/jira/normalise';
import { SNAPSHOT_FORMAT, type RestIssue, type SiteSnapshot } from '../../src/jira/snapshot';

/** Odd data is taken in and said, never dropped or accepted silently: the coverage (site.problems) names each case. */
function issue(key: string, fields: Record<string, unknown> = {}): RestIssue {
  return {
    id: key.replace(/\D/g, ''),
    key,
    fields: {
      summary: key,
      project: { key: 'A' },
      issuetype: { name: 'Story', hierarchyLevel: 0 },
      created: '2026-01-05T10:00:00.000+0000',
      ...fields,
    },
  };
}

function snapshot(issues: RestIssue[], sprints: SiteSnapshot['sprints'] = {}): SiteSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    baseUrl: 'https://odd.example',
    fields: [],
    users: [],
    groups: [],
    projects: [{ id: '1', key: 'A', name: 'A' }],
    projectRoles: {},
    boards: [{ id: 1, name: 'A board', type: 'scrum', location: { projectKey: 'A' } }],
    sprints,
    issues,
  };
}

const messages = (problems: ReadonlyArray<{ ref: string; message: string }>) =>
  problems.map((problem) => `${problem.ref}: ${problem.message}`);

describe('parent cycles', () => {
  it('breaks an issue that is its own parent and an A ↔ B pair, and notes each', () => {
    const site = normaliseSite(
      snapshot([
        issue('A-1', { parent: { key: 'A-1' } }),
        issue('A-2', { parent: { key: 'A-3' } }),
        issue('A-3', { parent: { key: 'A-2' } }),
        issue('A-4', { parent: { key: 'A-3' } }),
      ]),
    );
    const parents = Object.fromEntries(site.items.map((item) => [item.key, item.parentKey]));
    expect(parents).toEqual({ 'A-1': undefined, 'A-2': 'A-3', 'A-3': undefined, 'A-4': 'A-3' });
    expect(messages(site.problems)).toEqual([
      'A-1: Parent links form a cycle (A-1 → A-1); the parent of A-1 was ignored',
      'A-3: Parent links form a cycle (A-2 → A-3 → A-2); the parent of A-3 was ignored',
    ]);
  });

  it('breaks a cycle that runs across separately normalised parts', () => {
    const parts = [
      normaliseSite(snapshot([issue('A-2', { parent: { key: 'A-3' } })])),
      normaliseSite(snapshot([issue('A-3', { parent: { key: 'A-2' } })])),
    ];
    const joined = joinNormalised(parts);
    expect(joined.items.find((item) => item.key === 'A-3')?.parentKey).toBeUndefined();
    expect(messages(joined.problems)).toContain(
      'A-3: Parent links form a cycle (A-2 → A-3 → A-2); the parent of A-3 was ignored',
    );
  });
});

describe('impossible dates', () => {
  it('notes a due date no calendar has and an updated time in year 275760, rather than dropping them silently', () => {
    const site = normaliseSite(
      snapshot([issue('A-1', { duedate: '2026-02-30', updated: '+275760-09-13T00:00:00.000Z' }), issue('A-2')]),
    );
    const item = site.items.find((entry) => entry.key === 'A-1')!;
    expect(item.dueDate).toBeUndefined();
    expect(item.updated).toBeUndefined();
    expect(messages(site.problems)).toEqual([
      'A-1: Updated time "+275760-09-13T00:00:00.000Z" is not a possible date; it was ignored',
      'A-1: Due date "2026-02-30" is not a possible date; it was ignored',
    ]);
  });

  it('notes a sprint that ends before it starts and keeps no negative length', () => {
    const site = normaliseSite(
      snapshot([issue('A-1')], {
        '1': [
          {
            id: 7,
            name: 'Backwards',
            state: 'closed',
            startDate: '2026-03-10T00:00:00Z',
            endDate: '2026-03-01T00:00:00Z',
          },
          { id: 8, name: 'Fine', state: 'closed', startDate: '2026-03-10T00:00:00Z', endDate: '2026-03-24T00:00:00Z' },
        ],
      }),
    );
    expect(site.sprints.map((sprint) => [sprint.id, sprint.endDate])).toEqual([
      [7, undefined],
      [8, '2026-03-24T00:00:00.000Z'],
    ]);
    expect(messages(site.problems)).toEqual([
      '7: Sprint "Backwards" ends (2026-03-01T00:00:00.000Z) before it starts (2026-03-10T00:00:00.000Z); its end date was ignored',
    ]);
  });
});

describe('deeply nested ADF', () => {
  function nestedLists(depth: number, text: string): unknown {
    let node: unknown = { type: 'paragraph', content: [{ type: 'text', text }] };
    for (let level = 0; level < depth; level++)
      node = { type: 'bulletList', content: [{ type: 'listItem', content: [node] }] };
    return { type: 'doc', version: 1, content: [node] };
  }

  it('notes a description nested more than 15 lists deep, and keeps the text above the limit', () => {
    const site = normaliseSite(
      snapshot([
        issue('A-1', { description: nestedLists(20, 'too deep') }),
        issue('A-2', { description: nestedLists(3, 'shallow') }),
      ]),
    );
    expect(site.items.find((item) => item.key === 'A-2')?.description).toContain('shallow');
    expect(site.items.find((item) => item.key === 'A-1')?.description ?? '').not.toContain('too deep');
    expect(messages(site.problems)).toEqual([
      'A-1: Description is nested too deeply; the text below that depth was left out',
    ]);
  });
});
