import type { AuditConfig } from '../../../src/config/types';
import type { Action, Site } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/overlap/po-strategic-action';
import { change, comment, created, item, person, project, site } from '../../fixtures/build-site';
import { confidenceOf, runRuleTests, type ExpectedFinding, type ValidCase } from '../rule-tester';

const ID = rule.meta.id;
const PEOPLE = [
  person('pat', 'Pat Manager'),
  person('olga', 'Olga Owner'),
  person('dev', 'Dev Eloper'),
  person('bot', 'Automation', { kind: 'app' }),
];
const EPIC = item('MOB-1', { level: 1, targetStart: '2026-12-01', targetEnd: '2027-06-30' });
const STORY = item('MOB-2');
const INITIATIVE = item('PORT-1', { level: 2, targetStart: '2027-01-01', targetEnd: '2027-12-31' });

/** Moves the epic's end five months: a strategic decision. */
const redate = (by: string, at = '2026-11-10T10:00:00.000Z', key = 'MOB-1'): Action =>
  change(key, by, at, [{ meaning: 'targetEnd', fromValue: '2027-01-31', toValue: '2027-06-30' }]);
const pricingComment = (by: string, at = '2026-11-11T10:00:00.000Z'): Action =>
  comment(
    'MOB-1',
    by,
    at,
    'Pricing decision: we charge EUR 99 a month for the Grow plan; competitors charge per call. Go-to-market in Q2 2027 with sales.',
  );
const estimate = (by: string): Action =>
  change('MOB-2', by, '2026-11-12T10:00:00.000Z', [{ meaning: 'storyPoints', fromText: '3', toText: '5' }]);

function mobSite(
  actions: Action[],
  roles: Parameters<typeof project>[1] = { pm: ['pat'], po: ['olga'] },
  extra: Partial<Site> = {},
): Site {
  return site({ people: PEOPLE, projects: [project('MOB', roles)], items: [EPIC, STORY], actions, ...extra });
}

const rules = (projectKey: string, setting: AuditConfig['rules'][string]): Partial<AuditConfig> => ({
  projects: { [projectKey]: { rules: { [ID]: setting } } },
});

const oneDecision = mobSite([redate('olga')]);
const decisionAndComment = mobSite([redate('olga'), pricingComment('olga')]);
const decisionConfidence = confidenceOf(oneDecision, oneDecision.actions[0]?.id ?? '');
const commentConfidence = confidenceOf(decisionAndComment, decisionAndComment.actions[1]?.id ?? '');

type Case = ValidCase;

const valid: Case[] = [
  { name: 'a PO making tactical decisions only', site: mobSite([estimate('olga')]) },
  { name: 'the PM making the strategic decision', site: mobSite([redate('pat')]) },
  {
    name: 'a PO whose only strategic actions are comments (R4: discussion alone is not a decision)',
    site: mobSite([pricingComment('olga'), pricingComment('olga', '2026-11-12T10:00:00.000Z')]),
  },
  {
    name: 'a decision just below minConfidence',
    site: oneDecision,
    config: rules('MOB', { options: { minConfidence: decisionConfidence + 0.01 } }),
  },
  {
    name: 'a comment just below commentMinConfidence does not make up minActions',
    site: decisionAndComment,
    config: rules('MOB', { options: { minActions: 2, commentMinConfidence: commentConfidence + 0.01 } }),
  },
  { name: 'one decision below minActions 2', site: oneDecision, config: rules('MOB', { options: { minActions: 2 } }) },
  {
    name: 'a combined-role project (overlap/dual-role covers it)',
    site: oneDecision,
    config: { combinedRoleProjects: ['MOB'] },
  },
  {
    name: 'a person mapped to both roles in the project',
    site: mobSite([redate('olga')], { pm: ['pat', 'olga'], po: ['olga'] }),
  },
  {
    name: 'a PO here who is a PM in another project (overlap/dual-role covers it)',
    site: site({
      people: PEOPLE,
      projects: [project('MOB', { pm: ['pat'], po: ['olga'] }), project('PORT', { pm: ['olga'] })],
      items: [EPIC, STORY],
      actions: [redate('olga')],
    }),
  },
  { name: 'an app account mapped as PO', site: mobSite([redate('bot')], { pm: ['pat'], po: ['bot'] }) },
  {
    name: 'a PO role that is only inferred from the person’s own actions',
    site: mobSite([
      redate('dev'),
      ...['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'].map((date) =>
        change('MOB-2', 'dev', `${date}T10:00:00.000Z`, [{ meaning: 'rank', toText: 'Ranked higher' }]),
      ),
    ]),
  },
  {
    name: 'a decision before the audit window',
    site: mobSite([redate('olga', '2026-09-01T10:00:00.000Z')]),
    since: new Date('2026-10-01T00:00:00.000Z'),
  },
  { name: 'severity off for the project', site: oneDecision, config: rules('MOB', { severity: 'off' }) },
];

interface InvalidCase extends Case {
  errors: Array<ExpectedFinding<MessageIds>>;
}

const olgaIn = (projectKey: string) => `person:olga|${projectKey}`;

const invalid: InvalidCase[] = [
  {
    name: 'a PO re-dating an epic five months out',
    site: oneDecision,
    errors: [
      {
        subject: olgaIn('MOB'),
        severity: 'warning',
        messageId: 'offSide',
        suggestionId: 'handOver',
        data: {
          name: 'Olga Owner',
          role: 'Product Owner',
          project: 'MOB',
          actions: '1 strategic decision',
          first: '2026-11-10',
          last: '2026-11-10',
          example: 'on MOB-1, "Moved the epic\'s target end later by 5 months, to 8 months out"',
          counterpart: 'Pat Manager',
        },
        evidence: ['MOB-1'],
        criteria: ['C4', 'C5', 'R2'],
      },
    ],
  },
  {
    name: 'a decision exactly at minConfidence',
    site: oneDecision,
    config: rules('MOB', { options: { minConfidence: decisionConfidence } }),
    errors: [
      {
        subject: olgaIn('MOB'),
        severity: 'warning',
        messageId: 'offSide',
        data: { actions: '1 strategic decision' },
        evidence: ['MOB-1'],
      },
    ],
  },
  {
    name: 'a decision and a comment exactly at commentMinConfidence make up minActions 2; the decision is listed first',
    site: decisionAndComment,
    config: rules('MOB', { options: { minActions: 2, commentMinConfidence: commentConfidence } }),
    errors: [
      {
        subject: olgaIn('MOB'),
        severity: 'warning',
        messageId: 'offSide',
        data: { actions: '1 strategic decision and 1 comment stating a strategic decision' },
        evidence: ['MOB-1', 'MOB-1'],
        criteria: ['R4'],
      },
    ],
  },
  {
    name: 'the project’s own severity',
    site: oneDecision,
    config: rules('MOB', { severity: 'error' }),
    errors: [
      {
        subject: olgaIn('MOB'),
        severity: 'error',
        messageId: 'offSide',
        data: { name: 'Olga Owner' },
        evidence: ['MOB-1'],
      },
    ],
  },
  {
    name: 'a PO creating a roadmap initiative in a portfolio project where only the site maps her (one finding per project)',
    site: site({
      people: PEOPLE,
      projects: [project('MOB', { pm: ['pat'], po: ['olga'] }), project('PORT', { pm: ['pat'] })],
      items: [EPIC, STORY, INITIATIVE],
      actions: [redate('olga'), created('PORT-1', 'olga', '2026-11-05T10:00:00.000Z')],
    }),
    errors: [
      {
        subject: olgaIn('MOB'),
        severity: 'warning',
        messageId: 'offSide',
        data: { role: 'Product Owner', project: 'MOB' },
        evidence: ['MOB-1'],
      },
      {
        subject: olgaIn('PORT'),
        severity: 'warning',
        messageId: 'offSide',
        data: {
          role: 'Product Owner',
          project: 'PORT',
          example:
            'on PORT-1, "Created a new initiative planned to end 14 months out, deciding what the product pursues"',
        },
        evidence: ['PORT-1'],
      },
    ],
  },
  {
    name: 'twelve decisions: the ten most telling are listed and the message gives the total',
    site: mobSite(
      Array.from({ length: 12 }, (_, index) =>
        redate('olga', `2026-11-${String(index + 1).padStart(2, '0')}T10:00:00.000Z`),
      ),
    ),
    errors: [
      {
        subject: olgaIn('MOB'),
        severity: 'warning',
        messageId: 'offSide',
        data: {
          actions: '12 strategic decisions',
          first: '2026-11-01',
          last: '2026-11-12',
          shown: ' The 10 most telling of 12 are listed.',
        },
        evidence: Array<string>(10).fill('MOB-1'),
      },
    ],
  },
  {
    name: 'no PM mapped: the suggestion says so',
    site: mobSite([redate('olga')], { po: ['olga'] }),
    errors: [
      {
        subject: olgaIn('MOB'),
        severity: 'warning',
        messageId: 'offSide',
        suggestionId: 'handOver',
        data: {
          name: 'Olga Owner',
          project: 'MOB',
          counterpart: 'nobody yet (no Product Manager is mapped in MOB, nor inferred)',
        },
        evidence: ['MOB-1'],
      },
    ],
  },
];

runRuleTests(rule, { valid, invalid });
