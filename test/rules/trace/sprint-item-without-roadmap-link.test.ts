import type { Action, Item, Sprint } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/trace/sprint-item-without-roadmap-link';
import { change, item, person, project, site, sprint } from '../../fixtures/build-site';
import { runRuleTests, type ExpectedFinding, onSite, type ItemsCase } from '../rule-tester';

const people = [person('lena', 'Lena Hoffmann'), person('ana', 'Ana Costa')];
const projects = [project('PAY', { po: ['lena'] }), project('PLAT')];
/** Sprint 1 is active, 2 future, 3 closed. */
const sprints: Sprint[] = [
  sprint(1, { name: 'PAY Sprint 14', startDate: '2026-11-18T09:00:00.000Z', endDate: '2026-12-02T09:00:00.000Z' }),
  sprint(2, {
    name: 'PAY Sprint 15',
    state: 'future',
    startDate: '2026-12-02T09:00:00.000Z',
    endDate: '2026-12-16T09:00:00.000Z',
  }),
  sprint(3, {
    name: 'PAY Sprint 13',
    state: 'closed',
    startDate: '2026-11-04T09:00:00.000Z',
    endDate: '2026-11-18T09:00:00.000Z',
  }),
];
const epic = item('PAY-100', { level: 1 });
const bug = (key: string, extra: Partial<Item> = {}) =>
  item(key, { type: { name: 'Bug', hierarchyLevel: 0 }, ...extra });
const unlinked = change('PAY-5', 'ana', '2026-11-19T10:00:00.000Z', [
  { meaning: 'parent', fromValue: '10100', fromText: 'PAY-100', toValue: '', toText: '' },
]);

type Case = ItemsCase;

function siteWith(items: Item[], actions: Action[] = []) {
  return site({ people, projects, sprints, items: [epic, ...items], actions });
}

const valid: Case[] = [
  { name: 'a story under an epic', items: [item('PAY-1', { parentKey: 'PAY-100', sprintIds: [1] })] },
  {
    name: 'a sub-task reaches the roadmap through its story and epic',
    items: [item('PAY-1', { parentKey: 'PAY-100' }), item('PAY-2', { level: -1, parentKey: 'PAY-1', sprintIds: [1] })],
  },
  {
    name: 'an epic in another project counts',
    items: [item('PLAT-9', { level: 1 }), item('PAY-1', { parentKey: 'PLAT-9', sprintIds: [1] })],
  },
  {
    name: 'a parent the site does not hold is not judged',
    items: [item('PAY-1', { parentKey: 'DATA-4', sprintIds: [1] })],
  },
  { name: 'an epic in a sprint is itself on the roadmap', items: [item('PAY-3', { level: 1, sprintIds: [1] })] },
  {
    name: 'a story under a discovery idea reaches the roadmap',
    items: [
      item('PAY-4', { type: { name: 'Idea', hierarchyLevel: 0 } }),
      item('PAY-5', { parentKey: 'PAY-4', sprintIds: [1] }),
    ],
  },
  { name: 'closed sprints are not judged by default', items: [item('PAY-1', { sprintIds: [3] })] },
  { name: 'future sprints are not judged by default', items: [item('PAY-1', { sprintIds: [2] })] },
  { name: 'backlog items are not sprint work', items: [item('PAY-1')] },
  {
    name: 'ignored types, in any case, and everything under them',
    items: [bug('PAY-1', { sprintIds: [1] }), item('PAY-2', { level: -1, parentKey: 'PAY-1', sprintIds: [1] })],
    config: { projects: { PAY: { rules: { [rule.meta.id]: { options: { ignoreTypes: ['bug'] } } } } } },
  },
  {
    name: 'a project that switched the rule off',
    items: [item('PAY-1', { sprintIds: [1] })],
    config: { projects: { PAY: { rules: { [rule.meta.id]: { severity: 'off' } } } } },
  },
];

const invalid: Array<Case & { errors: Array<ExpectedFinding<MessageIds>> }> = [
  {
    name: 'a bug with no parent in the active sprint',
    items: [bug('PAY-1', { sprintIds: [1] })],
    errors: [
      {
        subject: 'item:PAY-1',
        messageId: 'noParent',
        suggestionId: 'fix',
        data: {
          type: 'Bug',
          key: 'PAY-1',
          sprint: 'PAY Sprint 14',
          chain: 'PAY-1',
          topType: 'Bug',
          po: 'Lena Hoffmann',
        },
        evidence: ['PAY-1', 'PAY-1'],
        evidenceText: ['In sprint "PAY Sprint 14" (active, 2026-11-18 → 2026-12-02)', 'PAY-1 (Bug) has no parent'],
        issueKeys: ['PAY-1'],
      },
    ],
  },
  {
    name: 'a story and its sub-task in the sprint: one finding, naming both',
    items: [item('PAY-1', { sprintIds: [1] }), item('PAY-2', { level: -1, parentKey: 'PAY-1', sprintIds: [1] })],
    errors: [
      {
        subject: 'item:PAY-1',
        messageId: 'noParent',
        data: { type: 'Story', key: 'PAY-1', summary: 'Story PAY-1', chain: 'PAY-1', topType: 'Story' },
        evidence: ['PAY-1', 'PAY-1'],
        issueKeys: ['PAY-1', 'PAY-2'],
      },
    ],
  },
  {
    name: 'a sub-task whose story, outside the sprint, has no parent',
    items: [item('PAY-1'), item('PAY-2', { level: -1, parentKey: 'PAY-1', sprintIds: [1] })],
    errors: [
      {
        subject: 'item:PAY-2',
        messageId: 'topReached',
        data: { type: 'Sub-task', key: 'PAY-2', summary: 'Sub-task PAY-2', chain: 'PAY-2 → PAY-1', topType: 'Story' },
        evidence: ['PAY-2', 'PAY-1'],
        evidenceText: ['PAY-1 (Story) has no parent'],
        issueKeys: ['PAY-2', 'PAY-1'],
      },
    ],
  },
  {
    name: 'a parent chain that loops',
    items: [item('PAY-1', { parentKey: 'PAY-2', sprintIds: [1] }), item('PAY-2', { parentKey: 'PAY-1' })],
    errors: [
      {
        subject: 'item:PAY-1',
        messageId: 'cycle',
        data: { key: 'PAY-1', chain: 'PAY-1 → PAY-2 → PAY-1' },
        evidence: ['PAY-1', 'PAY-2'],
        evidenceText: ['PAY-2 has PAY-1 as its parent, which is already below it'],
        issueKeys: ['PAY-1', 'PAY-2'],
      },
    ],
  },
  {
    name: 'the change that removed its parent is the evidence',
    items: [item('PAY-5', { sprintIds: [1] })],
    actions: [unlinked],
    errors: [
      {
        subject: 'item:PAY-5',
        messageId: 'noParent',
        evidence: ['PAY-5', 'PAY-5'],
        evidenceText: ['Ana Costa removed PAY-100 as the parent of PAY-5'],
        actionIds: [unlinked.id],
      },
    ],
  },
  {
    name: 'done work in the sprint still counts; ignoring bugs leaves stories judged',
    items: [
      item('PAY-1', { sprintIds: [1], status: { name: 'Done', category: 'done' } }),
      bug('PAY-2', { sprintIds: [1] }),
    ],
    config: { rules: { [rule.meta.id]: { options: { ignoreTypes: ['Bug'] } } } },
    errors: [
      {
        subject: 'item:PAY-1',
        messageId: 'noParent',
        data: { type: 'Story', key: 'PAY-1', summary: 'Story PAY-1', chain: 'PAY-1', topType: 'Story' },
        evidence: ['PAY-1', 'PAY-1'],
      },
    ],
  },
  {
    name: "future sprints included by option, with the project's own severity; a project without a PO",
    items: [item('PLAT-1', { sprintIds: [2] }), item('PAY-1', { sprintIds: [3] })],
    config: {
      rules: { [rule.meta.id]: { options: { includeStates: ['active', 'FUTURE'] } } },
      projects: { PLAT: { rules: { [rule.meta.id]: { severity: 'warning' } } } },
    },
    errors: [
      {
        subject: 'item:PLAT-1',
        severity: 'warning',
        messageId: 'noParent',
        suggestionId: 'fix',
        data: { sprint: 'PAY Sprint 15', po: 'The product owner' },
        evidence: ['PLAT-1', 'PLAT-1'],
        evidenceText: ['(future, 2026-12-02 → 2026-12-16)'],
      },
    ],
  },
  {
    name: "the latest sprint holding it is named, its chain's projects are the finding's",
    items: [item('PLAT-2'), item('PAY-1', { parentKey: 'PLAT-2', sprintIds: [3, 1, 2] })],
    config: { rules: { [rule.meta.id]: { options: { includeStates: ['active', 'future', 'closed'] } } } },
    errors: [
      {
        subject: 'item:PAY-1',
        messageId: 'topReached',
        data: { type: 'Story', key: 'PAY-1', sprint: 'PAY Sprint 15', chain: 'PAY-1 → PLAT-2', topType: 'Story' },
        evidence: ['PAY-1', 'PLAT-2'],
        projectKeys: ['PAY', 'PLAT'],
      },
    ],
  },
];

runRuleTests(rule, { valid: valid.map(onSite(siteWith)), invalid: invalid.map(onSite(siteWith)) });
