import type { Action, Item } from '../../../src/domain/model';
import { rule } from '../../../src/rules/horizon/roadmap-item-too-short';
import { change, item, person, project, runRule, site, type ItemsCase } from '../harness';
import { expectFindings, type ExpectedFinding } from './expect-findings';

const people = [person('claire', 'Claire Dubois'), person('tomas', 'Tomás Ferreira')];
const projects = [project('MOB', { pm: ['claire'], po: ['tomas'] }), project('PAY')];

function siteWith(items: Item[], actions: Action[] = []) {
  return site({ people, projects, items, actions });
}

type Case = ItemsCase;

const epic = (key: string, extra: Partial<Item> = {}) => item(key, { level: 1, assigneeId: 'claire', ...extra });
const shortened = change('MOB-1', 'tomas', '2026-11-20T10:00:00.000Z', [
  { meaning: 'targetEnd', fromValue: '2027-02-26', toValue: '2026-12-28' },
]);

describe('valid', () => {
  const cases: Case[] = [
    {
      name: '4 weeks and 1 day is longer than a sprint',
      items: [epic('MOB-1', { targetStart: '2026-12-07', targetEnd: '2027-01-05' })],
    },
    { name: 'a quarter-long epic', items: [epic('MOB-1', { startDate: '2027-01-04', dueDate: '2027-03-31' })] },
    {
      name: 'done items are not open work',
      items: [
        epic('MOB-1', {
          targetStart: '2026-12-07',
          targetEnd: '2026-12-28',
          status: { name: 'Done', category: 'done' },
        }),
      ],
    },
    {
      name: 'stories are not roadmap items',
      items: [item('MOB-2', { startDate: '2026-12-07', dueDate: '2026-12-14' })],
    },
    { name: 'only a start date: no span to judge', items: [epic('MOB-1', { targetStart: '2026-12-07' })] },
    {
      name: 'an end before the start: no span to judge',
      items: [epic('MOB-1', { targetStart: '2026-12-28', targetEnd: '2026-12-07' })],
    },
    {
      name: 'target dates win over start and due dates',
      items: [
        epic('MOB-1', {
          targetStart: '2026-12-01',
          targetEnd: '2027-03-01',
          startDate: '2026-12-01',
          dueDate: '2026-12-08',
        }),
      ],
    },
    {
      name: 'minLevel 2 leaves epics alone',
      items: [epic('MOB-1', { targetStart: '2026-12-07', targetEnd: '2026-12-28' })],
      config: { rules: { [rule.meta.id]: { options: { minLevel: 2 } } } },
    },
    {
      name: 'a project with a shorter threshold',
      items: [epic('MOB-1', { targetStart: '2026-12-07', targetEnd: '2026-12-28' })],
      config: { projects: { MOB: { thresholds: { roadmapMinSpanWeeks: 2 } } } },
    },
    {
      name: 'a project that switched the rule off',
      items: [epic('MOB-1', { targetStart: '2026-12-07', targetEnd: '2026-12-28' })],
      config: { projects: { MOB: { rules: { [rule.meta.id]: { severity: 'off' } } } } },
    },
  ];

  it.each(cases)('$name', ({ items, actions, config }) => {
    expect(runRule(rule, siteWith(items, actions), config)).toEqual([]);
  });
});

describe('invalid', () => {
  const cases: Array<Case & { expected: ExpectedFinding[] }> = [
    {
      name: 'exactly 4 weeks is sprint-sized',
      items: [epic('MOB-1', { targetStart: '2026-12-07', targetEnd: '2027-01-04' })],
      expected: [
        {
          subject: 'item:MOB-1',
          message: ['Epic MOB-1 "Epic MOB-1"', '28 days (4 weeks, 2026-12-07 → 2027-01-04)', 'no longer than 4 weeks'],
          suggestion: ['Claire Dubois can hand it to the product owner', 'more than 4 weeks'],
          evidence: ['MOB-1', 'MOB-1'],
          evidenceText: ['Target start is 2026-12-07', 'Target end is 2027-01-04'],
        },
      ],
    },
    {
      name: 'three weeks from start and due dates on an initiative',
      items: [item('MOB-3', { level: 2, startDate: '2026-12-07', dueDate: '2026-12-28' })],
      expected: [
        {
          subject: 'item:MOB-3',
          message: ['Initiative MOB-3', '21 days (3 weeks, 2026-12-07 → 2026-12-28)'],
          suggestion: ['Claire Dubois can hand it'],
          evidence: ['MOB-3', 'MOB-3'],
          evidenceText: ['Start date is 2026-12-07', 'Due date is 2026-12-28'],
        },
      ],
    },
    {
      name: 'a roadmap item starting and ending on one day, with no owner and no PM in its project',
      items: [item('PAY-1', { level: 1, targetStart: '2026-12-07', targetEnd: '2026-12-07' })],
      expected: [
        {
          subject: 'item:PAY-1',
          message: ['0 days (0 weeks'],
          suggestion: ['the product manager can hand it'],
          evidence: ['PAY-1', 'PAY-1'],
        },
      ],
    },
    {
      name: 'the change that shortened it is the evidence',
      items: [epic('MOB-1', { targetStart: '2026-12-07', targetEnd: '2026-12-28' })],
      actions: [shortened],
      expected: [
        {
          subject: 'item:MOB-1',
          message: ['21 days (3 weeks'],
          evidence: ['MOB-1', 'MOB-1'],
          evidenceText: [
            'Target start is 2026-12-07',
            'Tomás Ferreira moved the target end from 2027-02-26 to 2026-12-28',
          ],
          actionIds: [shortened.id],
        },
      ],
    },
    {
      name: 'a project with a longer threshold and its own severity',
      items: [
        epic('MOB-1', { targetStart: '2027-01-04', targetEnd: '2027-02-08' }),
        item('PAY-1', { level: 1, targetStart: '2027-01-04', targetEnd: '2027-02-08' }),
      ],
      config: {
        projects: { MOB: { thresholds: { roadmapMinSpanWeeks: 6 }, rules: { [rule.meta.id]: { severity: 'error' } } } },
      },
      expected: [
        {
          subject: 'item:MOB-1',
          severity: 'error',
          message: ['35 days (5 weeks', 'no longer than 6 weeks'],
          evidence: ['MOB-1', 'MOB-1'],
        },
      ],
    },
  ];

  it.each(cases)('$name', ({ items, actions, config, expected }) => {
    expectFindings(rule, runRule(rule, siteWith(items, actions), config), expected);
  });
});
