import type { AuditConfig } from '../../../src/config/types';
import { defaultConfig } from '../../../src/config/defaults';
import type { Action, Site, Sprint } from '../../../src/domain/model';
import { rule } from '../../../src/rules/owner/sprint-without-po';
import { change, comment, item, person, project, runRule, site, sprint, type SiteCase } from '../harness';
import { expectFindings, type Expected } from '../overlap/expect';

const ID = 'owner/sprint-without-po';
const PEOPLE = [
  person('pat', 'Pat Manager'),
  person('olga', 'Olga Owner'),
  person('sam', 'Sam Master'),
  person('bot', 'Automation', { kind: 'app' }),
];
/** Harness default: active, 2026-11-16 09:00 to 2026-11-30 09:00. */
const ACTIVE = sprint(7, { name: 'MOB Sprint 7', goal: '' });
const CLOSED = sprint(6, {
  name: 'MOB Sprint 6',
  state: 'closed',
  goal: '',
  startDate: '2026-11-02T09:00:00.000Z',
  endDate: '2026-11-16T09:00:00.000Z',
  completeDate: '2026-11-16T08:00:00.000Z',
});

const rank = (by: string, at: string, key = 'MOB-2'): Action =>
  change(key, by, at, [{ meaning: 'rank', toText: 'Ranked higher' }]);
const plan = (by: string, at: string, sprintId = 7): Action =>
  change('MOB-2', by, at, [{ meaning: 'sprint', toValue: String(sprintId), toText: `MOB Sprint ${sprintId}` }]);

function mobSite(
  sprints: Sprint[],
  actions: Action[],
  roles: Parameters<typeof project>[1] = { pm: ['pat'], po: ['olga'] },
  sprintIds = sprints.map((entry) => entry.id),
): Site {
  return site({
    people: PEOPLE,
    projects: [project('MOB', roles)],
    sprints,
    items: [item('MOB-2', { sprintIds }), item('MOB-3', { sprintIds })],
    actions,
  });
}

const rules = (setting: AuditConfig['rules'][string]): Partial<AuditConfig> => ({
  projects: { MOB: { rules: { [ID]: setting } } },
});

type Case = SiteCase;

const valid: Case[] = [
  { name: 'a sprint with a goal, whoever acts', site: mobSite([{ ...ACTIVE, goal: 'Checkout works offline' }], []) },
  {
    name: 'no goal, but the PO ranks its work during the sprint',
    site: mobSite([ACTIVE], [rank('olga', '2026-11-17T10:00:00.000Z')]),
  },
  {
    name: 'no goal, but the PO planned the work into it before it started',
    site: mobSite([ACTIVE], [plan('olga', '2026-11-13T15:00:00.000Z')]),
  },
  {
    name: 'the PO acting exactly when the sprint starts',
    site: mobSite([ACTIVE], [rank('olga', '2026-11-16T09:00:00.000Z')]),
  },
  {
    name: 'the PO acting exactly when a closed sprint completed',
    site: mobSite([CLOSED], [rank('olga', '2026-11-16T08:00:00.000Z')]),
  },
  {
    name: 'no goal, but the PO answers the team in a comment',
    site: mobSite(
      [ACTIVE],
      [
        comment(
          'MOB-2',
          'olga',
          '2026-11-18T10:00:00.000Z',
          'Acceptance criteria refined: the sprint scope stays, I moved this up in the backlog.',
        ),
      ],
    ),
  },
  {
    name: 'a person holding both roles counts as the PO',
    site: mobSite([ACTIVE], [rank('pat', '2026-11-17T10:00:00.000Z')], { pm: ['pat'], po: ['pat'] }),
  },
  {
    name: 'a future sprint is not judged',
    site: mobSite(
      [{ ...ACTIVE, state: 'future', startDate: '2026-11-30T09:00:00.000Z', endDate: '2026-12-14T09:00:00.000Z' }],
      [],
    ),
  },
  {
    name: 'a sprint closed before the audit window',
    site: mobSite([CLOSED], []),
    since: new Date('2026-11-17T00:00:00.000Z'),
  },
  { name: 'a sprint with no work in it', site: mobSite([ACTIVE], [], undefined, []) },
  { name: 'severity off for the project', site: mobSite([ACTIVE], []), config: rules({ severity: 'off' }) },
];

interface InvalidCase extends Case {
  expected: Expected[];
}

const invalid: InvalidCase[] = [
  {
    name: 'an active sprint with no goal and nobody managing it',
    site: mobSite([ACTIVE], []),
    expected: [
      {
        id: `${ID}|sprint:7`,
        severity: 'warning',
        message: [
          'Sprint "MOB Sprint 7" (active, 2026-11-16 to 2026-11-30) has no goal and no Product Owner activity',
          'none of its 2 items',
          'Nobody did backlog work on its items.',
        ],
        suggestion: ['The Product Owner of MOB (Olga Owner) should give each sprint a goal'],
        evidence: ['MOB-2', 'MOB-3'],
        criteria: ['C9'],
      },
    ],
  },
  {
    name: 'a closed sprint the scrum master planned and ran while the PO was away',
    site: mobSite(
      [CLOSED],
      [plan('sam', '2026-11-02T08:00:00.000Z', 6), rank('sam', '2026-11-05T10:00:00.000Z', 'MOB-3')],
    ),
    expected: [
      {
        id: `${ID}|sprint:6`,
        severity: 'warning',
        message: ['(closed, 2026-11-02 to 2026-11-16)', 'came from Sam Master (2), none of them a Product Owner there'],
        evidence: ['MOB-2', 'MOB-3'],
      },
    ],
  },
  {
    name: 'a closed sprint that ended exactly when the audit window opens',
    site: mobSite([CLOSED], []),
    since: new Date('2026-11-16T08:00:00.000Z'),
    expected: [{ id: `${ID}|sprint:6`, severity: 'warning', message: ['MOB Sprint 6'], evidence: ['MOB-2', 'MOB-3'] }],
  },
  {
    name: 'the PO ranking a minute before the start',
    site: mobSite([ACTIVE], [rank('olga', '2026-11-16T08:59:00.000Z')]),
    expected: [
      { id: `${ID}|sprint:7`, severity: 'warning', message: ['Nobody did backlog work'], evidence: ['MOB-2', 'MOB-3'] },
    ],
  },
  {
    name: 'the PO ranking a minute after completion',
    site: mobSite([CLOSED], [rank('olga', '2026-11-16T08:01:00.000Z')]),
    expected: [
      { id: `${ID}|sprint:6`, severity: 'warning', message: ['Nobody did backlog work'], evidence: ['MOB-2', 'MOB-3'] },
    ],
  },
  {
    name: 'a goal of blanks is no goal; an app mapped as PO does not manage a sprint',
    site: mobSite([{ ...ACTIVE, goal: '   ' }], [rank('bot', '2026-11-17T10:00:00.000Z')], {
      pm: ['pat'],
      po: ['olga', 'bot'],
    }),
    expected: [
      {
        id: `${ID}|sprint:7`,
        severity: 'warning',
        message: ['Nobody did backlog work'],
        suggestion: ['The Product Owner of MOB (Olga Owner)'],
        evidence: ['MOB-2', 'MOB-3'],
      },
    ],
  },
  {
    name: 'someone whose PO role is only inferred, with the project’s own severity',
    site: mobSite(
      [ACTIVE],
      [1, 2, 3].map((n) => rank('sam', `2026-11-1${6 + n}T10:00:00.000Z`)),
    ),
    config: rules({ severity: 'error' }),
    expected: [
      {
        id: `${ID}|sprint:7`,
        severity: 'error',
        message: ['came from Sam Master (3)'],
        evidence: ['MOB-2', 'MOB-2', 'MOB-2'],
      },
    ],
  },
];

const run = (entry: Case) =>
  runRule(rule, entry.site, { ...defaultConfig(), ...entry.config }, entry.since ? { since: entry.since } : {});

describe(ID, () => {
  describe('valid', () => {
    it.each(valid)('$name', (entry) => expect(run(entry)).toEqual([]));
  });
  describe('invalid', () => {
    it.each(invalid)('$name', (entry) => expectFindings(run(entry), entry.expected));
  });
});
