import type { AuditConfig } from '../../../src/config/types';
import type { Action, Site, Sprint } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/owner/sprint-without-po';
import { change, comment, item, person, project, site, sprint } from '../../fixtures/build-site';
import { runRuleTests, type ExpectedFinding, type ValidCase } from '../rule-tester';

const ID = rule.meta.id;
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

type Case = ValidCase;

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
  errors: Array<ExpectedFinding<MessageIds>>;
}

const invalid: InvalidCase[] = [
  {
    name: 'an active sprint with no goal and nobody managing it',
    site: mobSite([ACTIVE], []),
    errors: [
      {
        subject: `sprint:7`,
        severity: 'warning',
        messageId: 'unmanaged',
        suggestionId: 'ownIt',
        data: {
          name: 'MOB Sprint 7',
          state: 'active',
          start: '2026-11-16',
          end: '2026-11-30',
          items: '2 items',
          project: 'MOB',
          actedBy: 'Nobody did backlog work on its items.',
          pos: 'Olga Owner',
        },
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
    errors: [
      {
        subject: `sprint:6`,
        severity: 'warning',
        messageId: 'unmanaged',
        data: {
          state: 'closed',
          start: '2026-11-02',
          end: '2026-11-16',
          actedBy:
            'The backlog work on them came from Sam Master (2), none of them a Product Owner there (mapped or inferred).',
        },
        evidence: ['MOB-2', 'MOB-3'],
      },
    ],
  },
  {
    name: 'a closed sprint that ended exactly when the audit window opens',
    site: mobSite([CLOSED], []),
    since: new Date('2026-11-16T08:00:00.000Z'),
    errors: [
      {
        subject: `sprint:6`,
        severity: 'warning',
        messageId: 'unmanaged',
        data: { name: 'MOB Sprint 6', project: 'MOB' },
        evidence: ['MOB-2', 'MOB-3'],
      },
    ],
  },
  {
    name: 'the PO ranking a minute before the start',
    site: mobSite([ACTIVE], [rank('olga', '2026-11-16T08:59:00.000Z')]),
    errors: [
      {
        subject: `sprint:7`,
        severity: 'warning',
        messageId: 'unmanaged',
        data: { actedBy: 'Nobody did backlog work on its items.' },
        evidence: ['MOB-2', 'MOB-3'],
      },
    ],
  },
  {
    name: 'the PO ranking a minute after completion',
    site: mobSite([CLOSED], [rank('olga', '2026-11-16T08:01:00.000Z')]),
    errors: [
      {
        subject: `sprint:6`,
        severity: 'warning',
        messageId: 'unmanaged',
        data: { actedBy: 'Nobody did backlog work on its items.' },
        evidence: ['MOB-2', 'MOB-3'],
      },
    ],
  },
  {
    name: 'a goal of blanks is no goal; an app mapped as PO does not manage a sprint',
    site: mobSite([{ ...ACTIVE, goal: '   ' }], [rank('bot', '2026-11-17T10:00:00.000Z')], {
      pm: ['pat'],
      po: ['olga', 'bot'],
    }),
    errors: [
      {
        subject: `sprint:7`,
        severity: 'warning',
        messageId: 'unmanaged',
        suggestionId: 'ownIt',
        data: { project: 'MOB', actedBy: 'Nobody did backlog work on its items.', pos: 'Olga Owner' },
        evidence: ['MOB-2', 'MOB-3'],
      },
    ],
  },
  {
    name: 'someone standing in while the PO is mapped (not a second PO), with the project’s own severity',
    site: mobSite(
      [ACTIVE],
      [1, 2, 3].map((n) => rank('sam', `2026-11-1${6 + n}T10:00:00.000Z`)),
    ),
    config: rules({ severity: 'error' }),
    errors: [
      {
        subject: `sprint:7`,
        severity: 'error',
        messageId: 'unmanaged',
        data: {
          actedBy:
            'The backlog work on them came from Sam Master (3), none of them a Product Owner there (mapped or inferred).',
        },
        evidence: ['MOB-2', 'MOB-2', 'MOB-2'],
      },
    ],
  },
];

runRuleTests(rule, { valid, invalid });
