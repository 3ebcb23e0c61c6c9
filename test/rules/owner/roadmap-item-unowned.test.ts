import type { AuditConfig } from '../../../src/config/types';
import { defaultConfig } from '../../../src/config/defaults';
import type { Action, Item, Site } from '../../../src/domain/model';
import { rule } from '../../../src/rules/owner/roadmap-item-unowned';
import { change, item, person, project, runRule, site, type SiteCase } from '../harness';
import { expectFindings, type Expected } from '../overlap/expect';

const ID = 'owner/roadmap-item-unowned';
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

type Case = SiteCase;

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
  expected: Expected[];
}

const MOB1 = `${ID}|item:MOB-1`;

const invalid: InvalidCase[] = [
  {
    name: 'an open epic with no assignee',
    site: mobSite([epic({ creatorId: 'olga' })]),
    expected: [
      {
        id: MOB1,
        severity: 'warning',
        message: [
          'Epic MOB-1 "Offline mode" is open on the roadmap (To Do, planned 2026-12-01 to 2027-06-30) but has no owner: its assignee is empty.',
        ],
        suggestion: ['Set the assignee of MOB-1 to the Product Manager who answers for it (Pat Manager)'],
        evidence: ['MOB-1'],
        criteria: ['R2'],
      },
    ],
  },
  {
    name: 'an epic owned by the PO',
    site: mobSite([epic({ assigneeId: 'olga' })]),
    expected: [
      {
        id: MOB1,
        severity: 'warning',
        message: [
          'owned by Olga Owner (its assignee), who is not a Product Manager in MOB: they are mapped as Product Owner in MOB',
        ],
        suggestion: ['If Olga Owner does own it'],
        evidence: ['MOB-1'],
      },
    ],
  },
  {
    name: 'an epic owned by a developer whose role is inferred as PO',
    site: mobSite([epic({ assigneeId: 'dev' }), story()], { pm: ['pat'] }, ranks('dev')),
    expected: [
      {
        id: MOB1,
        severity: 'warning',
        message: [
          'owned by Dana Doer',
          'their own decisions suggest a Product Owner (inferred PO from 5 backlog decisions in MOB, 100% of their decisions there)',
        ],
        evidence: ['MOB-1'],
      },
    ],
  },
  {
    name: 'an epic owned by a PM whose account is deactivated',
    site: mobSite([epic({ assigneeId: 'gone' })], { pm: ['pat', 'gone'], po: ['olga'] }),
    expected: [
      {
        id: MOB1,
        severity: 'warning',
        message: ['they are a Product Manager, but their account is deactivated'],
        suggestion: ['Hand MOB-1 to an active Product Manager (Pat Manager)'],
        evidence: ['MOB-1'],
      },
    ],
  },
  {
    name: 'an initiative with no owner at exactly minLevel 2',
    site: mobSite([item('MOB-3', { level: 2, summary: 'Field sales' })]),
    config: rules({ options: { minLevel: 2 } }),
    expected: [
      {
        id: `${ID}|item:MOB-3`,
        severity: 'warning',
        message: ['Initiative MOB-3 "Field sales" is open on the roadmap (To Do) but has no owner'],
        evidence: ['MOB-3'],
      },
    ],
  },
  {
    name: 'a custom owner field naming the PO, with the project’s own severity',
    site: mobSite([epic({ assigneeId: 'pat', userFields: { customfield_10100: ['olga'] } })]),
    config: { ownerField: 'customfield_10100', ...rules({ severity: 'error' }) },
    expected: [
      {
        id: MOB1,
        severity: 'error',
        message: ['owned by Olga Owner (its owner field (customfield_10100))'],
        evidence: ['MOB-1'],
      },
    ],
  },
  {
    name: 'no PM mapped in the project: the suggestion says to map one first',
    site: mobSite([epic()], { po: ['olga'] }),
    expected: [
      {
        id: MOB1,
        severity: 'warning',
        message: ['has no owner'],
        suggestion: ['no other active Product Manager is mapped in MOB yet, so map one first'],
        evidence: ['MOB-1'],
      },
    ],
  },
];

const run = (entry: Case) => runRule(rule, entry.site, { ...defaultConfig(), ...entry.config });

describe(ID, () => {
  describe('valid', () => {
    it.each(valid)('$name', (entry) => expect(run(entry)).toEqual([]));
  });
  describe('invalid', () => {
    it.each(invalid)('$name', (entry) => expectFindings(run(entry), entry.expected));
  });
});
