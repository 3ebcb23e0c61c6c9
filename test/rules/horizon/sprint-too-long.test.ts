import type { AuditConfig } from '../../../src/config/types';
import type { Board, Item, Sprint } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/horizon/sprint-too-long';
import { item, person, project, site, sprint } from '../../fixtures/build-site';
import { runRuleTests, type ExpectedFinding, type ValidCase } from '../rule-tester';

const people = [person('daniel', 'Daniel Kowalski'), person('marek', 'Marek Novak')];
const projects = [project('PLAT', { po: ['daniel', 'marek'] }), project('MOB')];
const boards: Board[] = [
  { id: 1, name: 'Platform board', type: 'scrum', projectKey: 'PLAT' },
  { id: 2, name: 'MOB board', type: 'scrum', projectKey: 'MOB' },
  { id: 3, name: 'Cross-team board', type: 'scrum' },
];

interface Case {
  name: string;
  sprints: Sprint[];
  items?: Item[];
  config?: Partial<AuditConfig>;
  since?: Date;
}

/** A sprint on a board, `days` long from its start. */
function planned(id: number, start: string, days: number, extra: Partial<Sprint> = {}): Sprint {
  const startDate = `${start}T09:00:00.000Z`;
  return sprint(id, {
    startDate,
    endDate: new Date(Date.parse(startDate) + days * 86_400_000).toISOString(),
    ...extra,
  });
}

const valid: Case[] = [
  { name: 'exactly 4 weeks', sprints: [planned(1, '2026-11-09', 28)] },
  { name: 'a two-week sprint', sprints: [planned(1, '2026-11-16', 14)] },
  {
    name: 'an undated future sprint',
    sprints: [sprint(2, { state: 'future', startDate: undefined, endDate: undefined })],
  },
  {
    name: 'an end before the start: no length to judge',
    sprints: [sprint(1, { startDate: '2026-11-30T09:00:00.000Z', endDate: '2026-11-16T09:00:00.000Z' })],
  },
  {
    name: 'a long sprint that ended before the audit window',
    sprints: [planned(1, '2026-08-10', 42, { state: 'closed', completeDate: '2026-09-21T10:00:00.000Z' })],
    since: new Date('2026-10-01T00:00:00.000Z'),
  },
  {
    name: 'a long sprint whose board and issues name no project',
    sprints: [planned(1, '2026-11-02', 42, { boardId: 3 })],
  },
  {
    name: 'a project that allows six-week sprints',
    sprints: [planned(1, '2026-11-02', 42)],
    config: { projects: { PLAT: { thresholds: { sprintMaxWeeks: 6 } } } },
  },
  {
    name: 'a project that switched the rule off',
    sprints: [planned(1, '2026-11-02', 42)],
    config: { projects: { PLAT: { rules: { [rule.meta.id]: { severity: 'off' } } } } },
  },
];

const invalid: Array<Case & { errors: Array<ExpectedFinding<MessageIds>> }> = [
  {
    name: '4 weeks and 1 day',
    sprints: [planned(1, '2026-11-09', 29, { name: 'Platform Iteration 11' })],
    errors: [
      {
        subject: 'sprint:1',
        messageId: 'tooLong',
        suggestionId: 'fix',
        data: {
          name: 'Platform Iteration 11',
          days: '29 days',
          weeks: '4.1',
          start: '2026-11-09',
          end: '2026-12-08',
          maxWeeks: 4,
          limit: '4 weeks',
          po: 'Daniel Kowalski and Marek Novak',
        },
        evidence: ['sprint:1'],
        evidenceText: ['(active) planned from 2026-11-09 to 2026-12-08'],
      },
    ],
  },
  {
    name: 'a closed six-week sprint, no window given',
    sprints: [planned(6, '2026-08-10', 42, { state: 'closed', completeDate: '2026-09-21T10:00:00.000Z' })],
    errors: [
      {
        subject: 'sprint:6',
        messageId: 'tooLong',
        data: { days: '42 days', weeks: '6', maxWeeks: 4 },
        evidence: ['sprint:6'],
        evidenceText: ['(closed)'],
      },
    ],
  },
  {
    name: 'a long sprint that ends inside the window',
    sprints: [planned(6, '2026-08-10', 60, { state: 'closed', completeDate: '2026-10-09T10:00:00.000Z' })],
    since: new Date('2026-10-01T00:00:00.000Z'),
    errors: [{ subject: 'sprint:6', messageId: 'tooLong', data: { days: '60 days' }, evidence: ['sprint:6'] }],
  },
  {
    name: 'a dated future sprint',
    sprints: [planned(9, '2026-11-30', 35, { state: 'future', boardId: 2 })],
    errors: [
      {
        subject: 'sprint:9',
        messageId: 'tooLong',
        suggestionId: 'fix',
        data: { days: '35 days', weeks: '5', po: 'The product owner' },
        evidence: ['sprint:9'],
      },
    ],
  },
  {
    name: "a sprint on a board without a project takes its issues' project, with that project's limit and severity",
    sprints: [planned(4, '2026-11-02', 21, { boardId: 3 })],
    items: [item('MOB-1', { sprintIds: [4] })],
    config: {
      projects: { MOB: { thresholds: { sprintMaxWeeks: 2 }, rules: { [rule.meta.id]: { severity: 'error' } } } },
    },
    errors: [
      {
        subject: 'sprint:4',
        severity: 'error',
        messageId: 'tooLong',
        data: { days: '21 days', weeks: '3', maxWeeks: 2 },
        evidence: ['sprint:4'],
      },
    ],
  },
];

/** Lays a case's sprints (and items) onto the boards of PLAT, MOB and a board of no project. */
const onBoards = <Row extends Case>({ sprints, items, ...rest }: Row): Omit<Row, 'sprints' | 'items'> & ValidCase => ({
  ...rest,
  site: site({ people, projects, boards, sprints, items: items ?? [] }),
});

runRuleTests(rule, { valid: valid.map(onBoards), invalid: invalid.map(onBoards) });
