import type { AuditConfig } from '../../../src/config/types';
import type { Action, Site } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/overlap/contested-item';
import { change, comment, item, person, project, site, sprint } from '../../fixtures/build-site';
import { runRuleTests, type ExpectedFinding, type ValidCase } from '../rule-tester';

const ID = rule.meta.id;
const PEOPLE = [
  person('pat', 'Pat Manager'),
  person('olga', 'Olga Owner'),
  person('oscar', 'Oscar Owner'),
  person('bot', 'Automation', { kind: 'app' }),
];
const EPIC = item('PAY-1', { level: 1, summary: 'Refunds', targetStart: '2026-09-01', targetEnd: '2027-06-30' });
const STORY = item('PAY-2', { summary: 'Refund webhooks', sprintIds: [5] });

const at = (date: string) => `${date}T10:00:00.000Z`;
const moveEnd = (by: string, date: string, to = '2027-06-30'): Action =>
  change('PAY-1', by, at(date), [{ meaning: 'targetEnd', fromValue: '2027-01-31', toValue: to }]);
const moveStart = (by: string, date: string): Action =>
  change('PAY-1', by, at(date), [{ meaning: 'targetStart', fromValue: '2026-09-01', toValue: '2026-10-01' }]);
const rankEpic = (by: string, date: string): Action =>
  change('PAY-1', by, at(date), [{ meaning: 'rank', toText: 'Ranked higher' }]);
const addToSprint = (by: string, date: string): Action =>
  change('PAY-2', by, at(date), [{ meaning: 'sprint', toValue: '5', toText: 'PAY Sprint 5' }]);
const removeFromSprint = (by: string, date: string): Action =>
  change('PAY-2', by, at(date), [{ meaning: 'sprint', fromValue: '5', fromText: 'PAY Sprint 5' }]);
const rankStory = (by: string, date: string): Action =>
  change('PAY-2', by, at(date), [{ meaning: 'rank', toText: 'Ranked higher' }]);

function paySite(
  actions: Action[],
  roles: Parameters<typeof project>[1] = { pm: ['pat'], po: ['olga', 'oscar'] },
): Site {
  return site({
    people: PEOPLE,
    projects: [project('PAY', roles)],
    sprints: [sprint(5, { name: 'PAY Sprint 5' })],
    items: [EPIC, STORY],
    actions,
  });
}

const rules = (setting: AuditConfig['rules'][string]): Partial<AuditConfig> => ({
  projects: { PAY: { rules: { [ID]: setting } } },
});

type Case = ValidCase;

const valid: Case[] = [
  {
    name: 'the PM re-dates the epic while the PO ranks its story: different things',
    site: paySite([moveEnd('pat', '2026-11-01'), rankStory('olga', '2026-11-02')]),
  },
  {
    name: 'the same decision 31 days apart (withinDays 30)',
    site: paySite([moveEnd('olga', '2026-10-01'), moveEnd('pat', '2026-11-01')]),
  },
  {
    name: 'two product owners deciding the same thing',
    site: paySite([addToSprint('olga', '2026-11-18'), removeFromSprint('oscar', '2026-11-18')]),
  },
  {
    name: 'the PO only comments on what the PM decided',
    site: paySite([
      moveEnd('pat', '2026-11-01'),
      comment('PAY-1', 'olga', at('2026-11-02'), 'Moving the end to June works for the team.'),
    ]),
  },
  {
    name: 'a person mapped to both roles is neither side',
    site: paySite([moveEnd('oscar', '2026-11-01'), moveEnd('olga', '2026-11-02')], {
      pm: ['pat', 'olga'],
      po: ['olga', 'oscar'],
    }),
  },
  {
    name: 'an app account mapped as PO',
    site: paySite([addToSprint('pat', '2026-11-18'), removeFromSprint('bot', '2026-11-18')], {
      pm: ['pat'],
      po: ['bot'],
    }),
  },
  {
    name: 'severity off for the project',
    site: paySite([addToSprint('pat', '2026-11-18'), removeFromSprint('olga', '2026-11-18')]),
    config: rules({ severity: 'off' }),
  },
];

interface InvalidCase extends Case {
  errors: Array<ExpectedFinding<MessageIds>>;
}

const invalid: InvalidCase[] = [
  {
    name: 'PM and PO pulling a story in and out of the sprint',
    site: paySite([
      addToSprint('pat', '2026-11-18'),
      removeFromSprint('olga', '2026-11-18'),
      addToSprint('pat', '2026-11-19'),
    ]),
    errors: [
      {
        subject: `item:PAY-2|sprint`,
        severity: 'warning',
        messageId: 'contested',
        suggestionId: 'agree',
        data: {
          pms: 'Pat Manager',
          pos: 'Olga Owner',
          topic: 'sprint membership',
          key: 'PAY-2',
          summary: 'Refund webhooks',
          span: '1 day',
          changes: '3 changes',
          first: '2026-11-18',
          last: '2026-11-19',
          sequence: 'Pat Manager (PM), then Olga Owner (PO), then Pat Manager (PM)',
          noun: 'a story',
          owner: 'Product Owner',
        },
        evidence: ['PAY-2', 'PAY-2', 'PAY-2'],
        criteria: ['C4', 'C9', 'R2'],
      },
    ],
  },
  {
    name: 'PO moves an epic’s end, PM moves it back the next day',
    site: paySite([moveEnd('olga', '2026-10-14'), moveEnd('pat', '2026-10-15', '2027-03-26')]),
    errors: [
      {
        subject: `item:PAY-1|dates`,
        severity: 'warning',
        messageId: 'contested',
        suggestionId: 'agree',
        data: { topic: 'planned dates', key: 'PAY-1', span: '1 day', noun: 'an epic', owner: 'Product Manager' },
        evidence: ['PAY-1', 'PAY-1'],
      },
    ],
  },
  {
    name: 'exactly 30 days apart',
    site: paySite([moveEnd('olga', '2026-10-02'), moveEnd('pat', '2026-11-01')]),
    errors: [
      {
        subject: `item:PAY-1|dates`,
        severity: 'warning',
        messageId: 'contested',
        data: { span: '30 days', changes: '2 changes', first: '2026-10-02', last: '2026-11-01' },
        evidence: ['PAY-1', 'PAY-1'],
      },
    ],
  },
  {
    name: 'moving the start and moving the end decide the same thing: when',
    site: paySite([moveStart('olga', '2026-11-01'), moveEnd('pat', '2026-11-01')]),
    errors: [
      {
        subject: `item:PAY-1|dates`,
        severity: 'warning',
        messageId: 'contested',
        data: { span: 'the same day' },
        evidence: ['PAY-1', 'PAY-1'],
      },
    ],
  },
  {
    name: 'the project’s own window and severity (31 days apart, withinDays 40)',
    site: paySite([moveEnd('olga', '2026-10-01'), moveEnd('pat', '2026-11-01')]),
    config: rules({ severity: 'error', options: { withinDays: 40 } }),
    errors: [
      {
        subject: `item:PAY-1|dates`,
        severity: 'error',
        messageId: 'contested',
        data: { span: '31 days' },
        evidence: ['PAY-1', 'PAY-1'],
      },
    ],
  },
  {
    name: 'two contested topics on one item, and an unpaired older change left out',
    site: paySite([
      moveEnd('pat', '2026-07-01'),
      moveEnd('olga', '2026-11-01'),
      moveEnd('pat', '2026-11-03'),
      rankEpic('olga', '2026-11-05'),
      rankEpic('pat', '2026-11-06'),
    ]),
    errors: [
      {
        subject: `item:PAY-1|dates`,
        severity: 'warning',
        messageId: 'contested',
        data: { changes: '2 changes', first: '2026-11-01', last: '2026-11-03' },
        evidence: ['PAY-1', 'PAY-1'],
      },
      {
        subject: `item:PAY-1|order`,
        severity: 'warning',
        messageId: 'contested',
        suggestionId: 'agree',
        data: { topic: 'rank and priority', key: 'PAY-1', owner: 'Product Manager' },
        evidence: ['PAY-1', 'PAY-1'],
      },
    ],
  },
];

runRuleTests(rule, { valid, invalid });
