import type { Item } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/trace/roadmap-item-not-broken-down';
import { item, person, project, site } from '../../fixtures/build-site';
import { runRuleTests, type ExpectedFinding, onSite, type ItemsCase } from '../rule-tester';

const people = [
  person('claire', 'Claire Dubois'),
  person('daniel', 'Daniel Kowalski'),
  person('henrik', 'Henrik Lindqvist'),
];
const projects = [
  project('PLAT', { pm: ['claire'], po: ['daniel'] }),
  project('PORT', { pm: ['henrik'] }),
  project('MOB'),
];

/** "Now" is 2026-11-22; the default look-ahead (sprintMaxWeeks, 4 weeks) reaches 2026-12-20. */
const epic = (key: string, extra: Partial<Item> = {}) => item(key, { level: 1, assigneeId: 'claire', ...extra });

type Case = ItemsCase;

const valid: Case[] = [
  {
    name: 'starts in 4 weeks and 1 day',
    items: [epic('PLAT-1', { targetStart: '2026-12-21', targetEnd: '2027-03-26' })],
  },
  {
    name: 'starts soon, broken down into a story',
    items: [
      epic('PLAT-1', { targetStart: '2026-12-01', targetEnd: '2027-03-26' }),
      item('PLAT-2', { parentKey: 'PLAT-1' }),
    ],
  },
  {
    name: 'a child in another project counts',
    items: [
      epic('PLAT-1', { targetStart: '2026-12-01', targetEnd: '2027-03-26' }),
      item('MOB-9', { parentKey: 'PLAT-1' }),
    ],
  },
  {
    name: 'done items are not judged',
    items: [
      epic('PLAT-1', {
        targetStart: '2026-12-01',
        targetEnd: '2027-03-26',
        status: { name: 'Done', category: 'done' },
      }),
    ],
  },
  {
    name: 'its planned end has passed',
    items: [epic('PLAT-1', { targetStart: '2026-09-01', targetEnd: '2026-11-21' })],
  },
  { name: 'no planned start', items: [epic('PLAT-1', { targetEnd: '2026-12-20' })] },
  {
    name: 'stories are not roadmap items',
    items: [item('PLAT-3', { startDate: '2026-12-01', dueDate: '2026-12-10' })],
  },
  {
    name: 'a project looking one week ahead',
    items: [epic('PLAT-1', { targetStart: '2026-12-01', targetEnd: '2027-03-26' })],
    config: { projects: { PLAT: { rules: { [rule.meta.id]: { options: { lookaheadWeeks: 1 } } } } } },
  },
  {
    name: "without the option, the project's sprint limit sets the look-ahead",
    items: [epic('PLAT-1', { targetStart: '2026-12-01', targetEnd: '2027-03-26' })],
    config: { projects: { PLAT: { thresholds: { sprintMaxWeeks: 1 } } } },
  },
  {
    name: 'minLevel 2 leaves epics alone',
    items: [epic('PLAT-1', { targetStart: '2026-12-01', targetEnd: '2027-03-26' })],
    config: { rules: { [rule.meta.id]: { options: { minLevel: 2 } } } },
  },
  {
    name: 'a project that switched the rule off',
    items: [epic('PLAT-1', { targetStart: '2026-12-01', targetEnd: '2027-03-26' })],
    config: { projects: { PLAT: { rules: { [rule.meta.id]: { severity: 'off' } } } } },
  },
];

const invalid: Array<Case & { errors: Array<ExpectedFinding<MessageIds>> }> = [
  {
    name: 'starts in exactly 4 weeks with nothing under it',
    items: [epic('PLAT-1', { targetStart: '2026-12-20', targetEnd: '2027-03-26' })],
    errors: [
      {
        subject: 'item:PLAT-1',
        messageId: 'startsSoon',
        suggestionId: 'fix',
        data: {
          type: 'Epic',
          key: 'PLAT-1',
          summary: 'Epic PLAT-1',
          start: '2026-12-20',
          when: 'in 28 days',
          children: 'stories',
          po: 'Daniel Kowalski',
          decider: 'Claire Dubois',
        },
        evidence: ['PLAT-1', 'PLAT-1', 'PLAT-1'],
        evidenceText: ['Target start is 2026-12-20', 'Target end is 2027-03-26', 'No issue has PLAT-1 as its parent'],
      },
    ],
  },
  {
    name: 'an initiative starting in two weeks, in a project without a PO',
    items: [item('PORT-12', { level: 2, assigneeId: 'henrik', startDate: '2026-12-07', dueDate: '2027-09-30' })],
    errors: [
      {
        subject: 'item:PORT-12',
        messageId: 'startsSoon',
        suggestionId: 'fix',
        data: {
          type: 'Initiative',
          key: 'PORT-12',
          summary: 'Initiative PORT-12',
          when: 'in 15 days',
          children: 'epics or stories',
          po: 'The product owner',
          decider: 'Henrik Lindqvist',
        },
        evidence: ['PORT-12', 'PORT-12', 'PORT-12'],
        evidenceText: ['Start date is 2026-12-07', 'Due date is 2027-09-30'],
      },
    ],
  },
  {
    name: 'starts today',
    items: [epic('PLAT-1', { targetStart: '2026-11-22', targetEnd: '2027-03-26' })],
    errors: [
      {
        subject: 'item:PLAT-1',
        messageId: 'startsSoon',
        data: { start: '2026-11-22', when: 'today' },
        evidence: ['PLAT-1', 'PLAT-1', 'PLAT-1'],
      },
    ],
  },
  {
    name: 'started, not yet ended, still empty',
    items: [epic('PLAT-1', { targetStart: '2026-11-01', targetEnd: '2026-11-22' })],
    errors: [
      {
        subject: 'item:PLAT-1',
        messageId: 'started',
        data: { start: '2026-11-01', until: 'runs to 2026-11-22' },
        evidence: ['PLAT-1', 'PLAT-1', 'PLAT-1'],
      },
    ],
  },
  {
    name: 'started with no planned end',
    items: [epic('PLAT-1', { startDate: '2026-10-01', status: { name: 'In Progress', category: 'indeterminate' } })],
    errors: [
      {
        subject: 'item:PLAT-1',
        messageId: 'started',
        data: { start: '2026-10-01', until: 'has no planned end' },
        evidence: ['PLAT-1', 'PLAT-1'],
      },
    ],
  },
  {
    name: 'a project looking eight weeks ahead, with its own severity',
    items: [
      epic('PLAT-1', { targetStart: '2027-01-11', targetEnd: '2027-05-28' }),
      item('MOB-1', { level: 1, targetStart: '2027-01-11', targetEnd: '2027-05-28' }),
    ],
    config: {
      projects: { PLAT: { rules: { [rule.meta.id]: { severity: 'error', options: { lookaheadWeeks: 8 } } } } },
    },
    errors: [
      {
        subject: 'item:PLAT-1',
        severity: 'error',
        messageId: 'startsSoon',
        data: { when: 'in 50 days' },
        evidence: ['PLAT-1', 'PLAT-1', 'PLAT-1'],
      },
    ],
  },
];

runRuleTests(rule, {
  valid: valid.map(onSite((items) => site({ people, projects, items }))),
  invalid: invalid.map(onSite((items) => site({ people, projects, items }))),
});
