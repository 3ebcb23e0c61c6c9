import { DEFAULT_THRESHOLDS } from '../../../src/criteria';
import type { Item } from '../../../src/domain/model';
import { rule } from '../../../src/rules/horizon/roadmap-item-too-long';
import { change, item, person, project, runRule, site, type ItemsCase } from '../harness';
import { expectFindings, type ExpectedFinding } from './expect-findings';

const people = [person('amara', 'Amara Okafor'), person('bot', 'Automation for Jira', { kind: 'app' })];
const projects = [project('PORT', { pm: ['amara'] }), project('MOB')];

type Case = ItemsCase;

const initiative = (key: string, extra: Partial<Item> = {}) => item(key, { level: 2, assigneeId: 'amara', ...extra });
const stretched = change('PORT-1', 'amara', '2026-11-02T10:00:00.000Z', [
  { meaning: 'targetEnd', fromValue: '2028-01-31', toValue: '2029-04-01' },
]);

describe('valid', () => {
  const cases: Case[] = [
    {
      name: 'exactly 24 months is inside the horizon',
      items: [initiative('PORT-1', { targetStart: '2026-07-01', targetEnd: '2028-07-01' })],
    },
    { name: '23 months', items: [initiative('PORT-1', { targetStart: '2026-07-01', targetEnd: '2028-06-01' })] },
    {
      name: 'done items are not open work',
      items: [
        initiative('PORT-1', {
          targetStart: '2026-01-01',
          targetEnd: '2029-01-01',
          status: { name: 'Done', category: 'done' },
        }),
      ],
    },
    {
      name: 'stories are not roadmap items',
      items: [item('MOB-1', { startDate: '2026-01-01', dueDate: '2029-01-01' })],
    },
    { name: 'no end date: no span to judge', items: [initiative('PORT-1', { targetStart: '2026-01-01' })] },
    {
      name: 'one month from the last day of January is the last day of February',
      items: [initiative('PORT-1', { targetStart: '2026-01-31', targetEnd: '2026-02-28' })],
      config: { thresholds: { ...DEFAULT_THRESHOLDS, roadmapMaxSpanMonths: 1 } },
    },
    {
      name: 'a project with a longer horizon',
      items: [initiative('PORT-1', { targetStart: '2027-02-01', targetEnd: '2029-04-01' })],
      config: { projects: { PORT: { thresholds: { roadmapMaxSpanMonths: 36 } } } },
    },
    {
      name: 'minLevel 2 leaves epics alone',
      items: [item('MOB-2', { level: 1, targetStart: '2027-02-01', targetEnd: '2029-04-01' })],
      config: { rules: { [rule.meta.id]: { options: { minLevel: 2 } } } },
    },
    {
      name: 'a project that switched the rule off',
      items: [initiative('PORT-1', { targetStart: '2027-02-01', targetEnd: '2029-04-01' })],
      config: { projects: { PORT: { rules: { [rule.meta.id]: { severity: 'off' } } } } },
    },
  ];

  it.each(cases)('$name', ({ items, actions, config }) => {
    expect(runRule(rule, site({ people, projects, items, actions: actions ?? [] }), config)).toEqual([]);
  });
});

describe('invalid', () => {
  const cases: Array<Case & { expected: ExpectedFinding[] }> = [
    {
      name: '24 months and 1 day is beyond the horizon',
      items: [initiative('PORT-1', { targetStart: '2026-07-01', targetEnd: '2028-07-02' })],
      expected: [
        {
          subject: 'item:PORT-1',
          message: [
            'Initiative PORT-1',
            '24 months and 1 day (2026-07-01 → 2028-07-02)',
            'beyond the 24-month strategic horizon',
          ],
          suggestion: ['stages of at most 24 months', 'Amara Okafor should make that call'],
          evidence: ['PORT-1', 'PORT-1'],
          evidenceText: ['Target start is 2026-07-01', 'Target end is 2028-07-02'],
        },
      ],
    },
    {
      name: '26 months from a start date to a target end moved out in the window',
      items: [initiative('PORT-1', { startDate: '2027-02-01', dueDate: '2027-12-31', targetEnd: '2029-04-01' })],
      actions: [stretched],
      expected: [
        {
          subject: 'item:PORT-1',
          message: ['26 months (2027-02-01 → 2029-04-01)'],
          evidence: ['PORT-1', 'PORT-1'],
          evidenceText: ['Start date is 2027-02-01', 'Amara Okafor moved the target end from 2028-01-31 to 2029-04-01'],
          actionIds: [stretched.id],
        },
      ],
    },
    {
      name: "an item owned by an app: the project's PM decides",
      items: [item('PORT-2', { level: 1, assigneeId: 'bot', targetStart: '2026-01-31', targetEnd: '2026-03-01' })],
      config: { thresholds: { ...DEFAULT_THRESHOLDS, roadmapMaxSpanMonths: 1 } },
      expected: [
        {
          subject: 'item:PORT-2',
          message: ['Epic PORT-2', '1 month and 1 day', 'beyond the 1-month'],
          suggestion: ['Amara Okafor should make that call'],
          evidence: ['PORT-2', 'PORT-2'],
        },
      ],
    },
    {
      name: 'a project with a shorter horizon and its own severity; no PM there',
      items: [
        initiative('PORT-1', { targetStart: '2027-01-01', targetEnd: '2028-06-30' }),
        item('MOB-3', { level: 1, targetStart: '2027-01-01', targetEnd: '2028-06-30' }),
      ],
      config: {
        projects: {
          MOB: { thresholds: { roadmapMaxSpanMonths: 12 }, rules: { [rule.meta.id]: { severity: 'error' } } },
        },
      },
      expected: [
        {
          subject: 'item:MOB-3',
          severity: 'error',
          message: ['17 months and 29 days', 'beyond the 12-month'],
          suggestion: ['the product manager should make that call'],
          evidence: ['MOB-3', 'MOB-3'],
        },
      ],
    },
  ];

  it.each(cases)('$name', ({ items, actions, config, expected }) => {
    expectFindings(rule, runRule(rule, site({ people, projects, items, actions: actions ?? [] }), config), expected);
  });
});
