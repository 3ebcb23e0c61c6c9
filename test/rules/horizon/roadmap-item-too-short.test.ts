import type { Action, Item } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/horizon/roadmap-item-too-short';
import { change, item, person, project, site } from '../../fixtures/build-site';
import { runRuleTests, type ExpectedFinding, onSite, type ItemsCase } from '../rule-tester';

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

const valid: Case[] = [
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

const invalid: Array<Case & { errors: Array<ExpectedFinding<MessageIds>> }> = [
  {
    name: 'exactly 4 weeks is sprint-sized',
    items: [epic('MOB-1', { targetStart: '2026-12-07', targetEnd: '2027-01-04' })],
    errors: [
      {
        subject: 'item:MOB-1',
        messageId: 'tooShort',
        suggestionId: 'fix',
        data: {
          type: 'Epic',
          key: 'MOB-1',
          summary: 'Epic MOB-1',
          days: '28 days',
          weeks: '4',
          start: '2026-12-07',
          end: '2027-01-04',
          limit: '4 weeks',
          decider: 'Claire Dubois',
        },
        evidence: ['MOB-1', 'MOB-1'],
        evidenceText: ['Target start is 2026-12-07', 'Target end is 2027-01-04'],
      },
    ],
  },
  {
    name: 'three weeks from start and due dates on an initiative',
    items: [item('MOB-3', { level: 2, startDate: '2026-12-07', dueDate: '2026-12-28' })],
    errors: [
      {
        subject: 'item:MOB-3',
        messageId: 'tooShort',
        suggestionId: 'fix',
        data: {
          type: 'Initiative',
          key: 'MOB-3',
          summary: 'Initiative MOB-3',
          days: '21 days',
          weeks: '3',
          start: '2026-12-07',
          end: '2026-12-28',
          decider: 'Claire Dubois',
        },
        evidence: ['MOB-3', 'MOB-3'],
        evidenceText: ['Start date is 2026-12-07', 'Due date is 2026-12-28'],
      },
    ],
  },
  {
    name: 'a roadmap item starting and ending on one day, with no owner and no PM in its project',
    items: [item('PAY-1', { level: 1, targetStart: '2026-12-07', targetEnd: '2026-12-07' })],
    errors: [
      {
        subject: 'item:PAY-1',
        messageId: 'tooShort',
        suggestionId: 'fix',
        data: { days: '0 days', weeks: '0', decider: 'the product manager' },
        evidence: ['PAY-1', 'PAY-1'],
      },
    ],
  },
  {
    name: 'the change that shortened it is the evidence',
    items: [epic('MOB-1', { targetStart: '2026-12-07', targetEnd: '2026-12-28' })],
    actions: [shortened],
    errors: [
      {
        subject: 'item:MOB-1',
        messageId: 'tooShort',
        data: { days: '21 days', weeks: '3' },
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
    errors: [
      {
        subject: 'item:MOB-1',
        severity: 'error',
        messageId: 'tooShort',
        data: { days: '35 days', weeks: '5', limit: '6 weeks' },
        evidence: ['MOB-1', 'MOB-1'],
      },
    ],
  },
];

runRuleTests(rule, { valid: valid.map(onSite(siteWith)), invalid: invalid.map(onSite(siteWith)) });
