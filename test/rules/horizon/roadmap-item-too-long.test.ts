import { DEFAULT_THRESHOLDS } from '../../../src/criteria';
import type { Item } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/horizon/roadmap-item-too-long';
import { change, item, person, project, site } from '../../fixtures/build-site';
import { runRuleTests, type ExpectedFinding, onSite, type ItemsCase } from '../rule-tester';

const people = [person('amara', 'Amara Okafor'), person('bot', 'Automation for Jira', { kind: 'app' })];
const projects = [project('PORT', { pm: ['amara'] }), project('MOB')];

type Case = ItemsCase;

const initiative = (key: string, extra: Partial<Item> = {}) => item(key, { level: 2, assigneeId: 'amara', ...extra });
const stretched = change('PORT-1', 'amara', '2026-11-02T10:00:00.000Z', [
  { meaning: 'targetEnd', fromValue: '2028-01-31', toValue: '2029-04-01' },
]);

const valid: Case[] = [
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

const invalid: Array<Case & { errors: Array<ExpectedFinding<MessageIds>> }> = [
  {
    name: '24 months and 1 day is beyond the horizon',
    items: [initiative('PORT-1', { targetStart: '2026-07-01', targetEnd: '2028-07-02' })],
    errors: [
      {
        subject: 'item:PORT-1',
        messageId: 'tooLong',
        suggestionId: 'fix',
        data: {
          type: 'Initiative',
          key: 'PORT-1',
          summary: 'Initiative PORT-1',
          span: '24 months and 1 day',
          start: '2026-07-01',
          end: '2028-07-02',
          maxMonths: 24,
          limit: '24 months',
          decider: 'Amara Okafor',
        },
        evidence: ['PORT-1', 'PORT-1'],
        evidenceText: ['Target start is 2026-07-01', 'Target end is 2028-07-02'],
      },
    ],
  },
  {
    name: '26 months from a start date to a target end moved out in the window',
    items: [initiative('PORT-1', { startDate: '2027-02-01', dueDate: '2027-12-31', targetEnd: '2029-04-01' })],
    actions: [stretched],
    errors: [
      {
        subject: 'item:PORT-1',
        messageId: 'tooLong',
        data: { span: '26 months', start: '2027-02-01', end: '2029-04-01' },
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
    errors: [
      {
        subject: 'item:PORT-2',
        messageId: 'tooLong',
        suggestionId: 'fix',
        data: {
          type: 'Epic',
          key: 'PORT-2',
          summary: 'Epic PORT-2',
          span: '1 month and 1 day',
          maxMonths: 1,
          limit: '1 month',
          decider: 'Amara Okafor',
        },
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
    errors: [
      {
        subject: 'item:MOB-3',
        severity: 'error',
        messageId: 'tooLong',
        suggestionId: 'fix',
        data: { span: '17 months and 29 days', maxMonths: 12, decider: 'the product manager' },
        evidence: ['MOB-3', 'MOB-3'],
      },
    ],
  },
];

runRuleTests(rule, {
  valid: valid.map(onSite((items, actions) => site({ people, projects, items, actions }))),
  invalid: invalid.map(onSite((items, actions) => site({ people, projects, items, actions }))),
});
