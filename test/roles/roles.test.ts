import { parseConfig } from '../../src/config/schema';
import { describeInference, inferRoleIn, RoleDirectory, type DecisionCounts } from '../../src/roles';
import { person, project, site } from '../fixtures/build-site';

describe('inferRoleIn', () => {
  const totals = { strategic: 20, tactical: 200 };
  it.each([
    ['too few decisions', { strategic: 1, tactical: 1, neutral: 0 }, undefined],
    ['mostly strategic', { strategic: 6, tactical: 1, neutral: 4 }, 'pm'],
    ['mostly tactical', { strategic: 1, tactical: 5, neutral: 0 }, 'po'],
    ['no kind dominates', { strategic: 6, tactical: 6, neutral: 0 }, undefined],
    ['only talk: neutral comments are no decisions', { strategic: 0, tactical: 0, neutral: 900 }, undefined],
    // A PO who answers every question: decisions are a small share of all actions, and that does not matter.
    [
      'hundreds of tactical decisions among thousands of comments',
      { strategic: 9, tactical: 486, neutral: 2331 },
      'po',
    ],
    [
      'a passer-by among thousands of such decisions',
      { strategic: 0, tactical: 6, neutral: 0 },
      undefined,
      { strategic: 0, tactical: 1000 },
    ],
  ] as Array<[string, DecisionCounts, string | undefined, typeof totals?]>)(
    '%s → %s',
    (_, counts, expected, projectTotals = totals) => {
      expect(inferRoleIn('TIMOB', counts, projectTotals)?.role).toBe(expected);
    },
  );

  it('says what the role rests on', () => {
    const evidence = inferRoleIn('TIMOB', { strategic: 1, tactical: 14, neutral: 40 }, totals);
    expect(evidence).toEqual({ role: 'po', projectKey: 'TIMOB', decisions: 14, allDecisions: 15 });
    expect(describeInference(evidence!)).toBe(
      'inferred PO from 14 backlog decisions in TIMOB, 93% of their decisions there',
    );
  });
});

describe('RoleDirectory', () => {
  const target = site({
    people: ['amara', 'ben', 'cleo', 'dev', 'eve', 'fin'].map((id) => person(id)),
    groups: [{ name: 'Product-Managers', memberIds: ['eve'] }],
    projects: [
      project('MOB', { pm: ['amara'], po: ['ben'] }),
      {
        ...project('PAY', { other: { Developers: ['dev'] } }),
        roles: [{ id: 1, name: 'product owner', accountIds: [], groupNames: ['po-group'] }],
      },
      project('LAB', { pm: ['cleo'], po: ['cleo'] }),
      project('OPS'),
    ],
  });
  target.groups.push({ name: 'po-group', memberIds: ['fin'] });
  const config = parseConfig(
    { version: 1, combinedRoleProjects: ['LAB'], roleMapping: { groups: { pm: ['product-managers'], po: [] } } },
    [],
  );
  const decisions = (byAccount: Record<string, DecisionCounts>) => new Map(Object.entries(byAccount));
  const directory = new RoleDirectory(
    target,
    config,
    new Map([
      [
        'MOB',
        decisions({ dev: { strategic: 0, tactical: 9, neutral: 3 }, ben: { strategic: 0, tactical: 9, neutral: 0 } }),
      ],
      ['OPS', decisions({ dev: { strategic: 0, tactical: 7, neutral: 3 } })],
    ]),
  );

  it('maps project-role actors, group actors of a role, and configured groups (names case-insensitive)', () => {
    expect(directory.rolesIn('amara', 'MOB')).toEqual({ roles: ['pm'], sources: ['project-role'], scope: 'project' });
    expect(directory.rolesIn('fin', 'PAY')).toEqual({ roles: ['po'], sources: ['project-role'], scope: 'project' });
    expect(directory.rolesIn('eve', 'PAY')).toEqual({ roles: ['pm'], sources: ['group'], scope: 'project' });
  });

  it('falls back to a role held elsewhere on the site, then to inference', () => {
    expect(directory.rolesIn('ben', 'PAY')).toEqual({ roles: ['po'], sources: ['project-role'], scope: 'site' });
    expect(directory.rolesIn('dev', 'OPS')).toEqual({
      roles: ['po'],
      sources: ['inferred'],
      scope: 'inferred',
      inferredFrom: [{ role: 'po', projectKey: 'OPS', decisions: 7, allDecisions: 7 }],
    });
    expect(directory.rolesIn('nobody', 'MOB')).toEqual({ roles: [], sources: [], scope: 'none' });
  });

  it('lists holders per project and knows combined-role teams', () => {
    expect(directory.holders('MOB', 'pm')).toEqual(['amara', 'eve']);
    expect(directory.holders('PAY', 'po')).toEqual(['fin']);
    expect(directory.rolesIn('cleo', 'LAB').roles).toEqual(['pm', 'po']);
    expect(directory.isCombinedRole('LAB')).toBe(true);
    expect(directory.isCombinedRole('MOB')).toBe(false);
  });

  it('infers per project, and reports every project’s inference site-wide', () => {
    // MOB has a mapped PO (ben): whoever else does that work there stands in and is no second PO.
    expect(directory.rolesIn('dev', 'MOB')).toEqual({ roles: [], sources: [], scope: 'none' });
    expect(directory.rolesIn('dev', 'LAB')).toEqual({ roles: [], sources: [], scope: 'none' });
    expect(directory.siteRoles('dev')).toMatchObject({ roles: ['po'], scope: 'inferred' });
    expect(directory.siteRoles('dev').inferredFrom?.map((entry) => entry.projectKey)).toEqual(['OPS']);
    // Mapped people are never guessed at, whatever they decide.
    expect(directory.rolesIn('ben', 'MOB').sources).toEqual(['project-role']);
  });
});

describe('RoleDirectory: accounts, apps and proposals', () => {
  const target = site({
    people: [person('ana'), person('ana-old'), person('bot', 'Jira Automation', { kind: 'app' }), person('cy')],
    projects: [project('TIMOB'), project('ALOY', { po: ['cy'] })],
  });
  const tactical = (count: number): DecisionCounts => ({ strategic: 0, tactical: count, neutral: 2 * count });
  const decisions = new Map([
    [
      'TIMOB',
      new Map(Object.entries({ ana: tactical(4), 'ana-old': tactical(3), bot: tactical(900), cy: tactical(1) })),
    ],
    ['ALOY', new Map(Object.entries({ ana: tactical(40) }))],
  ]);

  it('joins one person’s accounts by configured aliases: roles and decisions count as one', () => {
    const aliased = parseConfig({ version: 1, roleMapping: { aliases: { 'ana-old': 'ana' } } }, []);
    const joined = new RoleDirectory(target, aliased, decisions);
    expect(joined.rolesIn('ana-old', 'TIMOB').inferredFrom).toEqual([
      { role: 'po', projectKey: 'TIMOB', decisions: 7, allDecisions: 7 },
    ]);
    // Apart, neither account makes the five decisions a role needs.
    const apart = new RoleDirectory(target, parseConfig({ version: 1 }, []), decisions);
    expect(apart.rolesIn('ana', 'TIMOB').scope).toBe('none');
    expect(apart.rolesIn('ana-old', 'TIMOB').scope).toBe('none');
  });

  it('maps an alias through the account it stands for', () => {
    const config = parseConfig(
      { version: 1, roleMapping: { aliases: { 'ana-old': 'ana' }, accounts: { pm: ['ana'], po: [] } } },
      [],
    );
    expect(new RoleDirectory(target, config, decisions).rolesIn('ana-old', 'ALOY')).toMatchObject({
      roles: ['pm'],
      scope: 'project',
    });
  });

  it('never infers a role for an app account, and its decisions do not crowd out people’s', () => {
    const aliased = parseConfig({ version: 1, roleMapping: { aliases: { 'ana-old': 'ana' } } }, []);
    const directory = new RoleDirectory(target, aliased, decisions);
    expect(directory.rolesIn('bot', 'TIMOB').scope).toBe('none');
    expect(directory.inferredHolders('TIMOB', 'po').map((holder) => holder.accountId)).toEqual(['ana']);
  });

  it('proposes, for projects with nobody mapped, the people whose decisions dominate', () => {
    const directory = new RoleDirectory(target, parseConfig({ version: 1 }, []), decisions);
    expect(directory.proposal(['TIMOB', 'ALOY'])).toEqual([]);
    const aliased = new RoleDirectory(
      target,
      parseConfig({ version: 1, roleMapping: { aliases: { 'ana-old': 'ana' } } }, []),
      decisions,
    );
    // ALOY has a mapped PO (cy), so it is not proposed for; TIMOB is.
    expect(aliased.proposal(['TIMOB', 'ALOY'])).toEqual([
      {
        projectKey: 'TIMOB',
        pm: [],
        po: [{ accountId: 'ana', role: 'po', projectKey: 'TIMOB', decisions: 7, allDecisions: 7 }],
      },
    ]);
  });
});
