import type { Finding } from '../../src/domain/finding';
import type { PersonProfile, RoadmapItemSummary, SprintSummary } from '../../src/resolvers/api';
import { filterRoadmap, nameIndex, NO_OWNER, ownerOptions } from '../../static/app/src/roadmap';

const item = (
  key: string,
  projectKey: string,
  owner: [string, string] | undefined,
  findings: string[] = [],
): RoadmapItemSummary => ({
  key,
  summary: `${key} summary`,
  projectKey,
  type: 'Epic',
  hierarchyLevel: 1,
  ...(owner ? { ownerId: owner[0], ownerName: owner[1] } : {}),
  ownerRoles: owner ? ['pm'] : [],
  children: 0,
  childrenByProject: {},
  findings,
});

const finding = (
  id: string,
  rule: string,
  projectKeys: string[],
  issueKeys: string[],
  subject: Finding['subject'],
): Finding => ({
  id,
  rule,
  severity: 'warning',
  subject,
  issueKeys,
  projectKeys,
  criteria: ['C5'],
  message: id,
  evidence: [],
  suggestion: '',
});

const person = (accountId: string, displayName: string, projects: string[]): PersonProfile => ({
  accountId,
  displayName,
  kind: 'human',
  roles: ['pm'],
  roleSources: [],
  roleScope: 'project',
  counts: { strategic: 1, tactical: 0, neutral: 0 },
  share: { strategic: 1, tactical: 0, neutral: 0 },
  projects,
  byProject: Object.fromEntries(projects.map((key) => [key, { strategic: 1, tactical: 0, neutral: 0 }])),
});

const sprint = (id: number, projectKey: string): SprintSummary => ({
  id,
  name: `Sprint ${id}`,
  state: 'active',
  goalKnown: true,
  projectKey,
  items: 0,
  poDecisions: 0,
  byProject: {},
});

const view = {
  items: [
    item('MOB-1', 'MOB', ['ana', 'Ana'], ['f1']),
    item('MOB-2', 'MOB', undefined, ['f2']),
    item('PAY-1', 'PAY', ['bo', 'Bo'], ['f3']),
  ],
  findings: [
    finding('f1', 'horizon/roadmap-item-too-long', ['MOB'], ['MOB-1'], { type: 'item', id: 'MOB-1', key: 'MOB-1' }),
    finding('f2', 'owner/roadmap-item-unowned', ['MOB'], ['MOB-2'], { type: 'item', id: 'MOB-2', key: 'MOB-2' }),
    finding('f3', 'horizon/roadmap-item-too-long', ['PAY'], ['PAY-1'], { type: 'item', id: 'PAY-1', key: 'PAY-1' }),
    finding('f4', 'overlap/dual-role', ['MOB', 'PAY'], [], { type: 'person', id: 'ana', name: 'Ana' }),
  ],
  sprints: [sprint(1, 'MOB'), sprint(2, 'PAY')],
  people: [person('ana', 'Ana', ['MOB', 'PAY']), person('bo', 'Bo', ['PAY'])],
};

const keys = (result: ReturnType<typeof filterRoadmap>) => ({
  items: result.items.map((entry) => entry.key),
  findings: result.findings.map((entry) => entry.id),
  sprints: result.sprints.map((entry) => entry.id),
  people: result.people.map((entry) => entry.accountId),
});

describe('filterRoadmap', () => {
  it('shows everything without filters', () => {
    expect(keys(filterRoadmap(view, {}))).toEqual({
      items: ['MOB-1', 'MOB-2', 'PAY-1'],
      findings: ['f1', 'f2', 'f3', 'f4'],
      sprints: [1, 2],
      people: ['ana', 'bo'],
    });
  });

  it('narrows every part to a project (a finding drawing on several projects stays in each)', () => {
    expect(keys(filterRoadmap(view, { project: 'PAY' }))).toEqual({
      items: ['PAY-1'],
      findings: ['f3', 'f4'],
      sprints: [2],
      people: ['ana', 'bo'],
    });
  });

  it('narrows to an owner: their items, findings about them or their items', () => {
    expect(keys(filterRoadmap(view, { owner: 'ana' }))).toEqual({
      items: ['MOB-1'],
      findings: ['f1', 'f4'],
      sprints: [1, 2],
      people: ['ana'],
    });
  });

  it('narrows to items nobody owns', () => {
    expect(keys(filterRoadmap(view, { owner: NO_OWNER }))).toMatchObject({ items: ['MOB-2'], findings: ['f2'] });
  });

  it('narrows to a rule: its findings and the items they are about', () => {
    expect(keys(filterRoadmap(view, { rule: 'horizon/roadmap-item-too-long' }))).toMatchObject({
      items: ['MOB-1', 'PAY-1'],
      findings: ['f1', 'f3'],
    });
    expect(
      keys(filterRoadmap(view, { rule: 'horizon/roadmap-item-too-long', project: 'MOB', owner: 'ana' })),
    ).toMatchObject({ items: ['MOB-1'], findings: ['f1'] });
  });
});

describe('owner options and names', () => {
  it('lists owners by name, then "No owner" when an item has none', () => {
    expect(ownerOptions(view.items)).toEqual([
      { value: 'ana', label: 'Ana' },
      { value: 'bo', label: 'Bo' },
      { value: NO_OWNER, label: 'No owner' },
    ]);
    expect(ownerOptions([view.items[0]!])).toEqual([{ value: 'ana', label: 'Ana' }]);
  });

  it('names account ids from the directory, people and owners', () => {
    const directory = [{ accountId: 'dee', displayName: 'Dee' }];
    expect([
      ...nameIndex({ items: [item('X-1', 'X', ['cy', 'Cy'])], people: view.people, directory }).entries(),
    ]).toEqual([
      ['dee', 'Dee'],
      ['cy', 'Cy'],
      ['ana', 'Ana'],
      ['bo', 'Bo'],
    ]);
  });
});
