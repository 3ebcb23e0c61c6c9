import type { AuditConfig } from '../../../src/config/types';
import type { Action, Site } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/overlap/pm-tactical-action';
import { change, comment, item, person, project, site, sprint } from '../../fixtures/build-site';
import { confidenceOf, runRuleTests, type ExpectedFinding, type ValidCase } from '../rule-tester';

const ID = rule.meta.id;
const PEOPLE = [
  person('pat', 'Pat Manager'),
  person('olga', 'Olga Owner'),
  person('bot', 'Automation', { kind: 'app' }),
];
const EPIC = item('PAY-1', { level: 1, targetStart: '2026-12-01', targetEnd: '2027-06-30' });
const STORY = item('PAY-2', { sprintIds: [5] });
const OTHER = item('PAY-3');

const pullIntoSprint = (by: string, at = '2026-11-18T10:00:00.000Z'): Action =>
  change('PAY-2', by, at, [{ meaning: 'sprint', toValue: '5', toText: 'PAY Sprint 5' }]);
const rankStory = (by: string, at = '2026-11-16T10:00:00.000Z'): Action =>
  change('PAY-3', by, at, [{ meaning: 'rank', toText: 'Ranked higher' }]);
const backlogComment = (by: string): Action =>
  comment(
    'PAY-3',
    by,
    '2026-11-17T10:00:00.000Z',
    'I moved this up in the backlog and pulled it into the sprint; acceptance criteria are refined, estimate is 5 points.',
  );
const redate = (by: string): Action =>
  change('PAY-1', by, '2026-11-10T10:00:00.000Z', [
    { meaning: 'targetEnd', fromValue: '2027-01-31', toValue: '2027-06-30' },
  ]);

function paySite(actions: Action[], roles: Parameters<typeof project>[1] = { pm: ['pat'], po: ['olga'] }): Site {
  return site({
    people: PEOPLE,
    projects: [project('PAY', roles)],
    sprints: [sprint(5, { name: 'PAY Sprint 5' })],
    items: [EPIC, STORY, OTHER],
    actions,
  });
}

const rules = (setting: AuditConfig['rules'][string]): Partial<AuditConfig> => ({
  projects: { PAY: { rules: { [ID]: setting } } },
});

const onePull = paySite([pullIntoSprint('pat')]);
const pullConfidence = confidenceOf(onePull, onePull.actions[0]?.id ?? '');
const pullAndComment = paySite([pullIntoSprint('pat'), backlogComment('pat')]);
const commentConfidence = confidenceOf(pullAndComment, pullAndComment.actions[1]?.id ?? '');

type Case = ValidCase;

const valid: Case[] = [
  { name: 'a PM making roadmap decisions only', site: paySite([redate('pat')]) },
  { name: 'the PO pulling a story into the sprint', site: paySite([pullIntoSprint('olga'), rankStory('olga')]) },
  { name: 'a PM who only comments on the backlog (R4)', site: paySite([backlogComment('pat')]) },
  {
    name: 'a decision just below minConfidence',
    site: onePull,
    config: rules({ options: { minConfidence: pullConfidence + 0.01 } }),
  },
  {
    name: 'a comment just below commentMinConfidence does not make up minActions',
    site: pullAndComment,
    config: rules({ options: { minActions: 2, commentMinConfidence: commentConfidence + 0.01 } }),
  },
  { name: 'one decision below minActions 2', site: onePull, config: rules({ options: { minActions: 2 } }) },
  { name: 'a combined-role project', site: onePull, config: { combinedRoleProjects: ['PAY'] } },
  {
    name: 'a person mapped to both roles',
    site: paySite([pullIntoSprint('pat')], { pm: ['pat'], po: ['pat', 'olga'] }),
  },
  {
    name: 'a PM here who is a PO in another project (overlap/dual-role covers it)',
    site: site({
      people: PEOPLE,
      projects: [project('PAY', { pm: ['pat'], po: ['olga'] }), project('GRO', { po: ['pat'] })],
      sprints: [sprint(5)],
      items: [EPIC, STORY, OTHER],
      actions: [pullIntoSprint('pat')],
    }),
  },
  { name: 'an app account mapped as PM', site: paySite([pullIntoSprint('bot')], { pm: ['bot'], po: ['olga'] }) },
  { name: 'severity off for the project', site: onePull, config: rules({ severity: 'off' }) },
];

interface InvalidCase extends Case {
  errors: Array<ExpectedFinding<MessageIds>>;
}

const patIn = `person:pat|PAY`;

const invalid: InvalidCase[] = [
  {
    name: 'a PM pulling a story into the sprint and ranking the backlog',
    site: paySite([rankStory('pat'), pullIntoSprint('pat')]),
    errors: [
      {
        subject: patIn,
        severity: 'warning',
        messageId: 'offSide',
        suggestionId: 'handOver',
        data: {
          name: 'Pat Manager',
          role: 'Product Manager',
          project: 'PAY',
          actions: '2 tactical decisions',
          first: '2026-11-16',
          last: '2026-11-18',
          counterpart: 'Olga Owner',
        },
        evidence: ['PAY-2', 'PAY-3'],
        criteria: ['C9'],
      },
    ],
  },
  {
    name: 'a decision exactly at minConfidence',
    site: onePull,
    config: rules({ options: { minConfidence: pullConfidence } }),
    errors: [
      {
        subject: patIn,
        severity: 'warning',
        messageId: 'offSide',
        data: {
          project: 'PAY',
          actions: '1 tactical decision',
          example: 'on PAY-2, "Added the story to PAY Sprint 5 (active, ending in 12 days), deciding sprint scope"',
        },
        evidence: ['PAY-2'],
      },
    ],
  },
  {
    name: 'a comment exactly at commentMinConfidence makes up minActions 2',
    site: pullAndComment,
    config: rules({ options: { minActions: 2, commentMinConfidence: commentConfidence } }),
    errors: [
      {
        subject: patIn,
        severity: 'warning',
        messageId: 'offSide',
        data: { actions: '1 tactical decision and 1 comment stating a tactical decision' },
        evidence: ['PAY-2', 'PAY-3'],
      },
    ],
  },
  {
    name: 'the project’s own severity',
    site: onePull,
    config: rules({ severity: 'info' }),
    errors: [
      { subject: patIn, severity: 'info', messageId: 'offSide', data: { name: 'Pat Manager' }, evidence: ['PAY-2'] },
    ],
  },
];

runRuleTests(rule, { valid, invalid });
