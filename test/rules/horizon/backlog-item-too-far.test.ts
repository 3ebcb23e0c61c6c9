import type { Action, Item, Sprint } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/horizon/backlog-item-too-far';
import { change, item, person, project, site, sprint } from '../../fixtures/build-site';
import { runRuleTests, type ExpectedFinding, onSite, type ItemsCase } from '../rule-tester';

const people = [person('henrik', 'Henrik Lindqvist'), person('lena', 'Lena Hoffmann'), person('priya', 'Priya Raman')];
const projects = [project('PAY', { pm: ['henrik'], po: ['lena'] }), project('MOB', { pm: ['priya'] })];
/** Active sprint 1 ends 2026-11-30, future sprint 2 ends 2026-12-14, sprint 3 closed; "now" is 2026-11-22. */
const sprints: Sprint[] = [
  sprint(1, { name: 'PAY Sprint 14' }),
  sprint(2, {
    name: 'PAY Sprint 15',
    state: 'future',
    startDate: '2026-11-30T09:00:00.000Z',
    endDate: '2026-12-14T09:00:00.000Z',
  }),
  sprint(3, {
    name: 'PAY Sprint 13',
    state: 'closed',
    startDate: '2026-11-02T09:00:00.000Z',
    endDate: '2026-11-16T09:00:00.000Z',
    completeDate: '2026-11-16T10:00:00.000Z',
  }),
  sprint(4, { name: 'PAY Sprint 16', state: 'future', startDate: undefined, endDate: undefined }),
];
const epic = item('PAY-100', { level: 1, assigneeId: 'henrik', targetStart: '2026-11-04', targetEnd: '2027-06-30' });
const story = (key: string, extra: Partial<Item> = {}) => item(key, { parentKey: 'PAY-100', ...extra });
const redated = change('PAY-7', 'lena', '2026-11-19T10:00:00.000Z', [
  { meaning: 'dueDate', fromValue: '2026-11-27', toValue: '2027-03-31' },
]);

type Case = ItemsCase;

function siteWith(items: Item[], actions: Action[] = []) {
  return site({ people, projects, sprints, items: [epic, ...items], actions });
}

const valid: Case[] = [
  {
    name: 'due exactly 2 months after its sprint ends',
    items: [story('PAY-1', { sprintIds: [1], dueDate: '2027-01-30' })],
  },
  { name: 'due a few days after its sprint', items: [story('PAY-1', { sprintIds: [1], dueDate: '2026-12-04' })] },
  {
    name: 'the latest open sprint counts: due within 2 months of the future sprint',
    items: [story('PAY-1', { sprintIds: [1, 2], dueDate: '2027-02-10' })],
  },
  { name: 'in the backlog, due exactly 3 months from now', items: [story('PAY-1', { dueDate: '2027-02-22' })] },
  {
    name: 'back in the backlog after a closed sprint, due within 3 months',
    items: [story('PAY-1', { sprintIds: [3], dueDate: '2027-01-15' })],
  },
  {
    name: 'in a sprint, only a far start date: the sprint plans it',
    items: [story('PAY-1', { sprintIds: [1], startDate: '2027-06-01' })],
  },
  { name: 'no dates at all', items: [story('PAY-1')] },
  {
    name: 'done items are not open work',
    items: [story('PAY-1', { dueDate: '2027-12-01', status: { name: 'Done', category: 'done' } })],
  },
  {
    name: 'epics are roadmap items, dated far out by design',
    items: [item('PAY-2', { level: 1, dueDate: '2027-12-01' })],
  },
  {
    name: 'discovery ideas are roadmap items too, whatever their level',
    items: [item('PAY-3', { type: { name: 'Idea', hierarchyLevel: 0 }, dueDate: '2027-12-01' })],
  },
  {
    name: 'a project that looks twelve months ahead',
    items: [story('PAY-1', { dueDate: '2027-06-30' })],
    config: { projects: { PAY: { rules: { [rule.meta.id]: { options: { monthsAhead: 12 } } } } } },
  },
  {
    name: 'a project that switched the rule off',
    items: [story('PAY-1', { sprintIds: [1], dueDate: '2027-03-31' })],
    config: { projects: { PAY: { rules: { [rule.meta.id]: { severity: 'off' } } } } },
  },
];

const invalid: Array<Case & { errors: Array<ExpectedFinding<MessageIds>> }> = [
  {
    name: 'due 2 months and 1 day after its sprint ends',
    items: [story('PAY-1', { sprintIds: [1], dueDate: '2027-01-31' })],
    errors: [
      {
        subject: 'item:PAY-1',
        messageId: 'beyondSprint',
        suggestionId: 'fix',
        data: {
          type: 'Story',
          key: 'PAY-1',
          summary: 'Story PAY-1',
          field: 'due date',
          date: '2027-01-31',
          gap: '2 months and 1 day',
          limit: '2 months',
          sprint: 'PAY Sprint 14',
          sprintEnd: '2026-11-30',
          po: 'Lena Hoffmann',
          holder: 'Henrik Lindqvist',
          parent: 'Epic PAY-100',
        },
        evidence: ['PAY-1', 'PAY-1'],
        evidenceText: ['Due date is 2027-01-31', 'In sprint "PAY Sprint 14" (active), ending 2026-11-30'],
      },
    ],
  },
  {
    name: 'the latest open sprint is the future one; the re-dating is the evidence',
    items: [story('PAY-7', { sprintIds: [1, 2], dueDate: '2027-03-31' })],
    actions: [redated],
    errors: [
      {
        subject: 'item:PAY-7',
        messageId: 'beyondSprint',
        data: { gap: '3 months and 17 days', sprint: 'PAY Sprint 15', sprintEnd: '2026-12-14' },
        evidence: ['PAY-7', 'PAY-7'],
        evidenceText: ['Lena Hoffmann moved the due date from 2026-11-27 to 2027-03-31', 'ending 2026-12-14'],
        actionIds: [redated.id],
      },
    ],
  },
  {
    name: 'in the backlog, due 3 months and 1 day from now',
    items: [story('PAY-1', { dueDate: '2027-02-23' })],
    errors: [
      {
        subject: 'item:PAY-1',
        messageId: 'farAhead',
        data: { field: 'due date', date: '2027-02-23', gap: '3 months and 1 day', limit: '3 months' },
        evidence: ['PAY-1'],
        evidenceText: ['Due date is 2027-02-23'],
      },
    ],
  },
  {
    name: 'only in an undated future sprint and a closed one, with a far start date',
    items: [story('PAY-1', { sprintIds: [3, 4], startDate: '2027-06-01' })],
    errors: [
      {
        subject: 'item:PAY-1',
        messageId: 'farAhead',
        data: { field: 'start date', date: '2027-06-01', gap: '6 months and 10 days' },
        evidence: ['PAY-1'],
      },
    ],
  },
  {
    name: 'a target end from Plans counts, on a bug with no epic and a project without a PO',
    items: [item('MOB-1', { type: { name: 'Bug', hierarchyLevel: 0 }, targetEnd: '2027-05-01' })],
    errors: [
      {
        subject: 'item:MOB-1',
        messageId: 'farAhead',
        suggestionId: 'fix',
        data: {
          type: 'Bug',
          key: 'MOB-1',
          field: 'target end',
          date: '2027-05-01',
          po: 'The product owner',
          holder: 'Priya Raman',
          parent: 'an epic on the roadmap',
        },
        evidence: ['MOB-1'],
        evidenceText: ['Target end is 2027-05-01'],
      },
    ],
  },
  {
    name: 'a sub-task: the epic above its story carries the date',
    items: [story('PAY-2'), item('PAY-3', { level: -1, parentKey: 'PAY-2', sprintIds: [1], dueDate: '2027-04-30' })],
    errors: [
      {
        subject: 'item:PAY-3',
        messageId: 'beyondSprint',
        suggestionId: 'fix',
        data: {
          type: 'Sub-task',
          key: 'PAY-3',
          summary: 'Sub-task PAY-3',
          holder: 'Henrik Lindqvist',
          parent: 'Epic PAY-100',
        },
        evidence: ['PAY-3', 'PAY-3'],
      },
    ],
  },
  {
    name: 'a project that allows one month beyond the sprint, with its own severity',
    items: [
      story('PAY-1', { sprintIds: [1], dueDate: '2027-01-15' }),
      item('MOB-2', { sprintIds: [1], dueDate: '2027-01-15' }),
    ],
    config: {
      projects: { PAY: { rules: { [rule.meta.id]: { severity: 'error', options: { monthsBeyondSprint: 1 } } } } },
    },
    errors: [
      {
        subject: 'item:PAY-1',
        severity: 'error',
        messageId: 'beyondSprint',
        data: { gap: '1 month and 16 days', limit: '1 month' },
        evidence: ['PAY-1', 'PAY-1'],
      },
    ],
  },
];

runRuleTests(rule, { valid: valid.map(onSite(siteWith)), invalid: invalid.map(onSite(siteWith)) });
