import type { Item } from '../../src/domain/model';
import { isDiscoveryIdea, isRoadmapItem, ownerOf, planTier, type PlanTier } from '../../src/horizon/roadmap';

const typed = (name: string, hierarchyLevel: number): Pick<Item, 'type'> => ({ type: { name, hierarchyLevel } });

describe('where an item sits in the plan', () => {
  it.each<[string, number, boolean, boolean, PlanTier]>([
    // type, hierarchy level, discovery idea, roadmap item, plan tier
    ['Initiative', 2, false, true, 'roadmap'],
    ['Theme', 3, false, true, 'roadmap'],
    ['Epic', 1, false, true, 'epic'],
    ['Story', 0, false, false, 'standard'],
    ['Bug', 0, false, false, 'standard'],
    ['Sub-task', -1, false, false, 'subtask'],
    ['Idea', 0, true, true, 'roadmap'],
    ['  opportunity ', 0, true, true, 'roadmap'],
    ['Hypothesis', 0, true, true, 'roadmap'],
    ['Idée', 0, true, true, 'roadmap'],
    ['アイデア', 0, true, true, 'roadmap'],
    ['Idea', 1, true, true, 'roadmap'],
    ['Big idea', 0, false, false, 'standard'],
  ])('%s at level %d', (name, level, idea, roadmap, tier) => {
    const item = typed(name, level);
    expect([isDiscoveryIdea(item), isRoadmapItem(item), planTier(item)]).toEqual([idea, roadmap, tier]);
  });
});

describe('ownerOf', () => {
  const item = {
    assigneeId: 'ann',
    reporterId: 'rob',
    creatorId: 'cat',
    userFields: { customfield_10050: ['pat', 'sam'], customfield_10060: [] },
  };

  it.each([
    ['assignee', 'ann'],
    ['reporter', 'rob'],
    ['creator', 'cat'],
    ['customfield_10050', 'pat'],
    ['customfield_10060', undefined],
    ['customfield_99999', undefined],
  ])('by %s: %s', (ownerField, owner) => {
    expect(ownerOf(item, { ownerField })).toBe(owner);
  });

  it('is nobody when the owner field is empty', () => {
    expect(ownerOf({ userFields: {} }, { ownerField: 'assignee' })).toBeUndefined();
  });
});
