import type { AuditConfig } from '../../../src/config/types';
import type { Action, Site } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/overlap/dual-role';
import { change, comment, item, person, project, site } from '../../fixtures/build-site';
import { runRuleTests, type ExpectedFinding, type ValidCase } from '../rule-tester';

const ID = rule.meta.id;
const PEOPLE = [
  person('pat', 'Pat Manager'),
  person('olga', 'Olga Owner'),
  person('dev', 'Dana Doer'),
  person('bot', 'Automation', { kind: 'app' }),
];
const ITEMS = [
  item('MOB-1', { level: 1, targetStart: '2026-12-01', targetEnd: '2027-06-30' }),
  item('MOB-2'),
  item('PORT-1', { level: 2, targetStart: '2027-01-01', targetEnd: '2027-12-31' }),
  item('PLAT-1'),
];

const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}T10:00:00.000Z`;
/** n strategic decisions (re-dating a roadmap item months out) by one person, on consecutive days from `from`. */
const strategic = (by: string, n: number, key = 'MOB-1', from = 1): Action[] =>
  Array.from({ length: n }, (_, index) =>
    change(key, by, day(from + index), [{ meaning: 'targetEnd', fromValue: '2027-01-31', toValue: '2027-06-30' }]),
  );
/** n tactical decisions (ranking a story) by one person, on consecutive days from `from`. */
const tactical = (by: string, n: number, key = 'MOB-2', from = 11): Action[] =>
  Array.from({ length: n }, (_, index) =>
    change(key, by, day(from + index), [{ meaning: 'rank', toText: 'Ranked higher' }]),
  );

function build(actions: Action[], projects = [project('MOB', { pm: ['pat'], po: ['olga'] })]): Site {
  return site({ people: PEOPLE, projects, items: ITEMS, actions });
}

const rules = (projectKey: string, setting: AuditConfig['rules'][string]): Partial<AuditConfig> => ({
  projects: { [projectKey]: { rules: { [ID]: setting } } },
});

type Case = ValidCase;

const valid: Case[] = [
  {
    name: 'a PM on the roadmap and a PO on the backlog',
    site: build([...strategic('pat', 4), ...tactical('olga', 8)]),
  },
  {
    name: 'both kinds, one decision short of minDecisions',
    site: build([...strategic('dev', 2), ...tactical('dev', 3)]),
  },
  {
    name: 'enough decisions, strategic share just below minShare (2 of 7)',
    site: build([...strategic('dev', 2), ...tactical('dev', 5)]),
  },
  {
    name: 'comments are not decisions (5 decisions, 8 with comments)',
    site: build([
      ...strategic('dev', 2),
      ...tactical('dev', 3),
      ...[1, 2, 3].map((n) =>
        comment('MOB-1', 'dev', day(n), 'Pricing decision: EUR 99 a month for Grow; go-to-market in Q2 2027.'),
      ),
    ]),
  },
  {
    name: 'decisions below minConfidence do not count',
    site: build([...strategic('dev', 3), ...tactical('dev', 3)]),
    config: rules('MOB', { options: { minConfidence: 0.99 } }),
  },
  {
    name: 'a PO in two projects who is a PM nowhere',
    site: build(tactical('olga', 3), [
      project('MOB', { pm: ['pat'], po: ['olga'] }),
      project('PLAT', { po: ['olga'] }),
    ]),
  },
  { name: 'an app account mapped to both roles', site: build([], [project('MOB', { pm: ['bot'], po: ['bot'] })]) },
  {
    name: 'severity off for the project',
    site: build([], [project('MOB', { pm: ['olga'], po: ['olga'] })]),
    config: rules('MOB', { severity: 'off' }),
  },
];

interface InvalidCase extends Case {
  errors: Array<ExpectedFinding<MessageIds>>;
}

const invalid: InvalidCase[] = [
  {
    name: 'one person mapped to both roles in a project, before doing anything',
    site: build([], [project('MOB', { pm: ['olga'], po: ['olga'] })]),
    errors: [
      {
        subject: `person:olga|MOB`,
        severity: 'warning',
        messageId: 'mappedBoth',
        suggestionId: 'split',
        data: {
          name: 'Olga Owner',
          project: 'MOB',
          pmWhere: 'in MOB',
          strategic: 0,
          tactical: 0,
          strategicShare: 0,
          tacticalShare: 0,
        },
        evidence: [],
      },
    ],
  },
  {
    name: 'the same in a declared combined-role team is information only',
    site: build([...strategic('olga', 1), ...tactical('olga', 2)], [project('MOB', { pm: ['olga'], po: ['olga'] })]),
    config: { combinedRoleProjects: ['MOB'] },
    errors: [
      {
        subject: `person:olga|MOB`,
        severity: 'info',
        messageId: 'combined',
        suggestionId: 'explicit',
        data: { name: 'Olga Owner', project: 'MOB', strategic: 1, tactical: 2 },
        evidence: ['MOB-1', 'MOB-2', 'MOB-2'],
      },
    ],
  },
  {
    name: 'a PM of the portfolio who runs a team’s backlog as its PO',
    site: build(
      [...strategic('pat', 2, 'PORT-1'), ...tactical('pat', 3, 'PLAT-1')],
      [project('PORT', { pm: ['pat'] }), project('PLAT', { pm: ['olga'], po: ['pat'] })],
    ),
    errors: [
      {
        subject: `person:pat|PLAT`,
        projectKeys: ['PLAT', 'PORT'],
        severity: 'warning',
        messageId: 'mappedAcross',
        data: { name: 'Pat Manager', project: 'PLAT', pmWhere: 'in PORT', strategic: 2, tactical: 3 },
        evidence: ['PORT-1', 'PLAT-1', 'PORT-1', 'PLAT-1', 'PLAT-1'],
        criteria: ['R1', 'C5', 'C9'],
      },
    ],
  },
  {
    name: 'an unmapped person at exactly minDecisions, half and half',
    site: build([...strategic('dev', 3), ...tactical('dev', 3)]),
    errors: [
      {
        subject: `person:dev|MOB`,
        severity: 'warning',
        messageId: 'bothKinds',
        data: { name: 'Dana Doer', project: 'MOB', strategic: 3, tactical: 3, strategicShare: 50, tacticalShare: 50 },
        evidence: ['MOB-1', 'MOB-2', 'MOB-1', 'MOB-2', 'MOB-1', 'MOB-2'],
      },
    ],
  },
  {
    name: 'strategic share exactly at minShare (3 of 10)',
    site: build([...strategic('dev', 3), ...tactical('dev', 7)]),
    errors: [
      {
        subject: `person:dev|MOB`,
        severity: 'warning',
        messageId: 'bothKinds',
        data: { strategic: 3, tactical: 7, strategicShare: 30, tacticalShare: 70 },
        evidence: ['MOB-1', 'MOB-2', 'MOB-1', 'MOB-2', 'MOB-1', 'MOB-2', 'MOB-2', 'MOB-2', 'MOB-2', 'MOB-2'],
      },
    ],
  },
  {
    name: 'the project’s own minDecisions and severity',
    site: build([...strategic('dev', 2), ...tactical('dev', 2)]),
    config: rules('MOB', { severity: 'error', options: { minDecisions: 4 } }),
    errors: [
      {
        subject: `person:dev|MOB`,
        severity: 'error',
        messageId: 'bothKinds',
        data: { strategic: 2, tactical: 2, strategicShare: 50, tacticalShare: 50 },
        evidence: ['MOB-1', 'MOB-2', 'MOB-1', 'MOB-2'],
      },
    ],
  },
  {
    name: 'both kinds in a combined-role team, unmapped',
    site: build([...strategic('dev', 3), ...tactical('dev', 3)]),
    config: { combinedRoleProjects: ['MOB'] },
    errors: [
      {
        subject: `person:dev|MOB`,
        severity: 'info',
        messageId: 'combined',
        data: { name: 'Dana Doer', project: 'MOB' },
        evidence: ['MOB-1', 'MOB-2', 'MOB-1', 'MOB-2', 'MOB-1', 'MOB-2'],
      },
    ],
  },
];

runRuleTests(rule, { valid, invalid });
