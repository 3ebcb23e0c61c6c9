import type { AuditConfig } from '../../../src/config/types';
import { defaultConfig } from '../../../src/config/defaults';
import type { Action, Site } from '../../../src/domain/model';
import { rule } from '../../../src/rules/overlap/pm-tactical-action';
import { change, comment, item, person, project, runRule, site, sprint, type SiteCase } from '../harness';
import { confidenceOf, expectFindings, type Expected } from './expect';

const ID = 'overlap/pm-tactical-action';
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

type Case = SiteCase;

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
  expected: Expected[];
}

const patIn = `${ID}|person:pat|PAY`;

const invalid: InvalidCase[] = [
  {
    name: 'a PM pulling a story into the sprint and ranking the backlog',
    site: paySite([rankStory('pat'), pullIntoSprint('pat')]),
    expected: [
      {
        id: patIn,
        severity: 'warning',
        message: [
          'Pat Manager, Product Manager for PAY',
          '2 tactical decisions on PAY items',
          'from 2026-11-16 to 2026-11-18',
          'Sprint scope, backlog order',
        ],
        suggestion: ['Leave these calls to Olga Owner (Product Owner for PAY)'],
        evidence: ['PAY-2', 'PAY-3'],
        criteria: ['C9'],
      },
    ],
  },
  {
    name: 'a decision exactly at minConfidence',
    site: onePull,
    config: rules({ options: { minConfidence: pullConfidence } }),
    expected: [
      {
        id: patIn,
        severity: 'warning',
        message: ['1 tactical decision', 'on PAY-2, "Added the story to PAY Sprint 5'],
        evidence: ['PAY-2'],
      },
    ],
  },
  {
    name: 'a comment exactly at commentMinConfidence makes up minActions 2',
    site: pullAndComment,
    config: rules({ options: { minActions: 2, commentMinConfidence: commentConfidence } }),
    expected: [
      {
        id: patIn,
        severity: 'warning',
        message: ['1 tactical decision and 1 comment stating a tactical decision'],
        evidence: ['PAY-2', 'PAY-3'],
      },
    ],
  },
  {
    name: 'the project’s own severity',
    site: onePull,
    config: rules({ severity: 'info' }),
    expected: [{ id: patIn, severity: 'info', message: ['Pat Manager'], evidence: ['PAY-2'] }],
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
