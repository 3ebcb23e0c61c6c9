import type { AuditConfig } from '../../../src/config/types';
import type { Action, Item, Site } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/owner/roadmap-item-unowned';
import { change, item, person, project, site } from '../../fixtures/build-site';
import { runRuleTests, type ExpectedFinding, type ValidCase } from '../rule-tester';

const ID = rule.meta.id;
const PEOPLE = [
  person('pat', 'Pat Manager'),
  person('olga', 'Olga Owner'),
  person('dev', 'Dana Doer'),
  person('gone', 'Gone Manager', { active: false }),
  person('portfolio', 'Paula Portfolio'),
];

const epic = (extra: Partial<Item> = {}): Item =>
  item('MOB-1', { level: 1, summary: 'Offline mode', targetStart: '2026-12-01', targetEnd: '2027-06-30', ...extra });
const story = (extra: Partial<Item> = {}): Item => item('MOB-2', { summary: 'Cache the cart', ...extra });

function mobSite(
  items: Item[],
  roles: Parameters<typeof project>[1] = { pm: ['pat'], po: ['olga'] },
  actions: Action[] = [],
): Site {
  return site({
    people: PEOPLE,
    projects: [project('MOB', roles), project('PORT', { pm: ['portfolio'] })],
    items,
    actions,
  });
}

const rules = (setting: AuditConfig['rules'][string]): Partial<AuditConfig> => ({
  projects: { MOB: { rules: { [ID]: setting } } },
});
/** Enough strategic decisions for the role directory to infer a PM (or, with ranks, a PO). */
const redates = (by: string): Action[] =>
  [1, 2, 3, 4, 5].map((n) =>
    change('MOB-1', by, `2026-11-0${n}T10:00:00.000Z`, [
      { meaning: 'targetEnd', fromValue: '2027-01-31', toValue: '2027-06-30' },
    ]),
  );
const ranks = (by: string): Action[] =>
  [1, 2, 3, 4, 5].map((n) =>
    change('MOB-2', by, `2026-11-0${n}T10:00:00.000Z`, [{ meaning: 'rank', toText: 'Ranked higher' }]),
  );

type Case = ValidCase;

const valid: Case[] = [
  { name: 'an epic owned by the project’s PM', site: mobSite([epic({ assigneeId: 'pat' })]) },
  { name: 'an epic owned by a PM mapped in another project', site: mobSite([epic({ assigneeId: 'portfolio' })]) },
  {
    // Inference fills gaps only: with nobody mapped as PM in MOB, the one who makes its roadmap decisions is its PM.
    name: 'an epic owned by someone whose PM role is inferred',
    site: mobSite([epic({ assigneeId: 'dev' })], { po: ['olga'] }, redates('dev')),
  },
  {
    name: 'a done epic with no owner is not open work',
    site: mobSite([epic({ status: { name: 'Done', category: 'done' } })]),
  },
  { name: 'a story with no owner is not a roadmap item', site: mobSite([story()]) },
  {
    name: 'an unowned epic below the project’s minLevel 2',
    site: mobSite([epic()]),
    config: rules({ options: { minLevel: 2 } }),
  },
  {
    name: 'the owner field set to reporter',
    site: mobSite([epic({ reporterId: 'pat', assigneeId: 'dev' })]),
    config: { ownerField: 'reporter' },
  },
  { name: 'severity off for the project', site: mobSite([epic()]), config: rules({ severity: 'off' }) },
];

interface InvalidCase extends Case {
  errors: Array<ExpectedFinding<MessageIds>>;
}

const MOB1 = `item:MOB-1`;

const invalid: InvalidCase[] = [
  {
    name: 'an open epic with no assignee',
    site: mobSite([epic({ creatorId: 'olga' })]),
    errors: [
      {
        subject: MOB1,
        severity: 'warning',
        messageId: 'noOwner',
        suggestionId: 'assign',
        data: {
          type: 'Epic',
          key: 'MOB-1',
          summary: 'Offline mode',
          status: 'To Do',
          plan: ', planned 2026-12-01 to 2027-06-30',
          ownerField: 'assignee',
          project: 'MOB',
          pms: 'Pat Manager',
        },
        evidence: ['MOB-1'],
        criteria: ['R2'],
      },
    ],
  },
  {
    name: 'an epic owned by the PO',
    site: mobSite([epic({ assigneeId: 'olga' })]),
    errors: [
      {
        subject: MOB1,
        severity: 'warning',
        messageId: 'ownerNotPm',
        suggestionId: 'reassign',
        data: {
          ownerField: 'assignee',
          owner: 'Olga Owner',
          project: 'MOB',
          ownerRole: 'they are mapped as Product Owner in MOB',
        },
        evidence: ['MOB-1'],
      },
    ],
  },
  {
    name: 'an epic owned by a developer whose role is inferred as PO',
    site: mobSite([epic({ assigneeId: 'dev' }), story()], { pm: ['pat'] }, ranks('dev')),
    errors: [
      {
        subject: MOB1,
        severity: 'warning',
        messageId: 'ownerNotPm',
        data: {
          owner: 'Dana Doer',
          ownerRole:
            'they hold no mapped role, and their own decisions suggest a Product Owner (inferred PO from 5 backlog decisions in MOB, 100% of their decisions there)',
        },
        evidence: ['MOB-1'],
      },
    ],
  },
  {
    name: 'an epic owned by a PM whose account is deactivated',
    site: mobSite([epic({ assigneeId: 'gone' })], { pm: ['pat', 'gone'], po: ['olga'] }),
    errors: [
      {
        subject: MOB1,
        severity: 'warning',
        messageId: 'ownerNotPm',
        suggestionId: 'replace',
        data: {
          key: 'MOB-1',
          project: 'MOB',
          ownerRole: 'they are a Product Manager, but their account is deactivated',
          pms: 'Pat Manager',
        },
        evidence: ['MOB-1'],
      },
    ],
  },
  {
    name: 'an initiative with no owner at exactly minLevel 2',
    site: mobSite([item('MOB-3', { level: 2, summary: 'Field sales' })]),
    config: rules({ options: { minLevel: 2 } }),
    errors: [
      {
        subject: `item:MOB-3`,
        severity: 'warning',
        messageId: 'noOwner',
        data: { type: 'Initiative', key: 'MOB-3', summary: 'Field sales', status: 'To Do', project: 'MOB' },
        evidence: ['MOB-3'],
      },
    ],
  },
  {
    name: 'a custom owner field naming the PO, with the project’s own severity',
    site: mobSite([epic({ assigneeId: 'pat', userFields: { customfield_10100: ['olga'] } })]),
    config: { ownerField: 'customfield_10100', ...rules({ severity: 'error' }) },
    errors: [
      {
        subject: MOB1,
        severity: 'error',
        messageId: 'ownerNotPm',
        data: { ownerField: 'owner field (customfield_10100)', owner: 'Olga Owner' },
        evidence: ['MOB-1'],
      },
    ],
  },
  {
    name: 'no PM mapped in the project: the suggestion says to map one first',
    site: mobSite([epic()], { po: ['olga'] }),
    errors: [
      {
        subject: MOB1,
        severity: 'warning',
        messageId: 'noOwner',
        suggestionId: 'assign',
        data: { project: 'MOB', pms: 'no other active Product Manager is mapped in MOB yet, so map one first' },
        evidence: ['MOB-1'],
      },
    ],
  },
];

runRuleTests(rule, { valid, invalid });
