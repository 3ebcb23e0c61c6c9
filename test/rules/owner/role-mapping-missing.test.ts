import { rule } from '../../../src/rules/owner/role-mapping-missing';
import type { AuditConfig } from '../../../src/config/types';
import type { Action, Site } from '../../../src/domain/model';
import { change, comment, item, person, project, site } from '../../fixtures/build-site';
import { runRule } from '../rule-tester';

const ID = 'owner/role-mapping-missing';

/** The findings the rule raises on a site. */
const findingsOf = (target: Site, config: Partial<AuditConfig> = {}) =>
  runRule(rule, { name: ID, site: target, config }).map(({ finding }) => finding);
const PEOPLE = [
  person('lee', 'Lee Morris'),
  person('ana', 'Ana Costa'),
  person('cy', 'Cy Commenter'),
  person('bot', 'Automation for Jira', { kind: 'app' }),
];
const ranks = (key: string, by: string, count: number): Action[] =>
  Array.from({ length: count }, (_, n) =>
    change(key, by, `2026-11-${String(n + 1).padStart(2, '0')}T10:00:00.000Z`, [
      { meaning: 'rank', toText: 'Ranked higher' },
    ]),
  );
// Talk is no decision: the classifier calls these neutral, so they never make anyone a candidate.
const comments = (key: string, by: string, count: number): Action[] =>
  Array.from({ length: count }, (_, n) =>
    comment(key, by, `2026-11-${String(n + 1).padStart(2, '0')}T11:00:00.000Z`, 'Thanks, that works for me now.'),
  );

const twoProjects = (mapped: { pm?: string[]; po?: string[] } = {}) =>
  site({
    people: PEOPLE,
    projects: [project('TIMOB'), project('ALOY', mapped)],
    items: [item('TIMOB-1'), item('TIMOB-2'), item('ALOY-1')],
    actions: [
      ...ranks('TIMOB-1', 'lee', 12),
      ...ranks('TIMOB-2', 'ana', 6),
      ...ranks('TIMOB-2', 'bot', 40),
      ...comments('TIMOB-1', 'cy', 30),
      ...ranks('ALOY-1', 'ana', 5),
    ],
  });

describe(ID, () => {
  it('raises one finding for the whole site, proposing per project who dominates the decisions, with counts', () => {
    const findings = findingsOf(twoProjects());
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      id: `${ID}|site:https://example.atlassian.net`,
      subject: { type: 'site' },
      projectKeys: ['ALOY', 'TIMOB'],
      severity: 'warning',
    });
    expect(finding?.message).toContain('in 2 projects with work (ALOY and TIMOB)');
    expect(finding?.message).toContain(
      'Proposed from their decisions: ALOY: PO Ana Costa (5 backlog decisions); TIMOB: PO Lee Morris (12 backlog decisions) and Ana Costa (6).',
    );
    expect(finding?.evidence.map((entry) => entry.what)).toEqual([
      'Proposed Product Owner of ALOY: Ana Costa, inferred PO from 5 backlog decisions in ALOY, 100% of their decisions there',
      'Proposed Product Owner of TIMOB: Lee Morris, inferred PO from 12 backlog decisions in TIMOB, 100% of their decisions there',
      'Proposed Product Owner of TIMOB: Ana Costa, inferred PO from 6 backlog decisions in TIMOB, 100% of their decisions there',
    ]);
    // Neither the app nor the person who only comments is proposed.
    expect(finding?.message).not.toMatch(/Automation|Cy Commenter/);
  });

  it('leaves out projects where someone is mapped (owner/project-missing-role names what is missing there)', () => {
    const [finding] = findingsOf(twoProjects({ po: ['ana'] }));
    expect(finding?.projectKeys).toEqual(['TIMOB']);
    expect(finding?.message).toContain('in 1 project with work (TIMOB)');
  });

  it('says nothing once every project with work has someone mapped', () => {
    const mapped = twoProjects({ po: ['ana'] });
    mapped.projects = [project('TIMOB', { po: ['lee'] }), project('ALOY', { po: ['ana'] })];
    expect(findingsOf(mapped)).toEqual([]);
  });

  it('is switched off in the site rules', () => {
    expect(findingsOf(twoProjects(), { rules: { [ID]: { severity: 'off' } } })).toEqual([]);
  });
});
