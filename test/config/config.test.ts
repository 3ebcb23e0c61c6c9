import { defaultConfig, effectiveSettings } from '../../src/config/defaults';
import { ConfigError, parseConfig, type RuleOptionsSchema } from '../../src/config/schema';

const RULES: RuleOptionsSchema[] = [
  { id: 'horizon/sprint-too-long', optionsSchema: { type: 'object', additionalProperties: false, properties: {} } },
  {
    id: 'overlap/dual-role',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { minShare: { type: 'number', minimum: 0, maximum: 1 } },
    },
  },
];

function problems(value: unknown): string[] {
  try {
    parseConfig(value, RULES);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('fills in every default from a bare version', () => {
    expect(parseConfig({ version: 1 }, RULES)).toEqual(defaultConfig());
  });

  it('keeps given values and defaults the rest of a nested object', () => {
    const config = parseConfig(
      { version: 1, thresholds: { sprintMaxWeeks: 3, strategicHorizonMonths: { max: 18 } } },
      RULES,
    );
    expect(config.thresholds.sprintMaxWeeks).toBe(3);
    expect(config.thresholds.strategicHorizonMonths).toEqual({ min: 6, max: 18 });
    expect(config.thresholds.roadmapMaxSpanMonths).toBe(24);
  });

  it.each([
    [{}, ['version is required']],
    [{ version: 2 }, ['version must be 1']],
    [{ version: 1, thresholds: { sprintMaxWeks: 3 } }, ['thresholds has an unknown setting "sprintMaxWeks"']],
    [{ version: 1, thresholds: { sprintMaxWeeks: 0 } }, ['thresholds.sprintMaxWeeks must be at least 1 week']],
    [
      { version: 1, rules: { 'horizon/sprint-too-long': { severity: 'fatal' } } },
      ['rules.horizon/sprint-too-long.severity must be one of: info, warning, error, off'],
    ],
    [
      { version: 1, rules: { 'no/such-rule': {} } },
      ['rules names "no/such-rule", which is not one of: horizon/sprint-too-long, overlap/dual-role'],
    ],
    [
      { version: 1, rules: { 'overlap/dual-role': { options: { minShare: 2 } } } },
      ['rules.overlap/dual-role.options.minShare must be at most 1'],
    ],
    [
      { version: 1, ownerField: 'owner' },
      ['ownerField must be assignee, reporter, creator or a custom field id like customfield_10042'],
    ],
    [{ version: 1, projects: { mob: {} } }, ['projects names "mob", which is not a project key such as MOB']],
    [{ version: 1, suppressions: [{ findingId: 'x' }] }, ['suppressions.0.reason is required']],
    [
      { version: 1, suppressions: [{ findingId: 'x', reason: 'Later', until: '2027-02-30' }] },
      ['suppressions.0.until must be a day such as 2026-11-22'],
    ],
    [
      { version: 1, thresholds: { tacticalHorizonWeeks: { min: 5, max: 2 } } },
      ['thresholds.tacticalHorizonWeeks min (5) must not be above max (2)'],
    ],
    [{ version: 1, combinedRoleProjects: 'MOB' }, ['combinedRoleProjects must be a list (JSON array)']],
    [
      { version: 1, thresholds: { roadmapMinSpanWeeks: 104, roadmapMaxSpanMonths: 1 } },
      [
        'thresholds.roadmapMinSpanWeeks (104 weeks) must not be longer than thresholds.roadmapMaxSpanMonths (1 month): no roadmap item could be long enough for one and short enough for the other',
      ],
    ],
    [
      { version: 1, projects: { MOB: { thresholds: { roadmapMinSpanWeeks: 8, roadmapMaxSpanMonths: 1 } } } },
      [
        'projects.MOB.thresholds.roadmapMinSpanWeeks (8 weeks) must not be longer than projects.MOB.thresholds.roadmapMaxSpanMonths (1 month): no roadmap item could be long enough for one and short enough for the other',
      ],
    ],
    [
      { version: 1, projects: { MOB: { thresholds: { strategicHorizonMonths: { max: 3 } } } } },
      ['projects.MOB.thresholds.strategicHorizonMonths min (6) must not be above max (3)'],
    ],
  ])('names the setting and what it may be: %j', (value, expected) => {
    expect(problems(value)).toEqual(expected);
  });

  it('takes one end of a project’s range with the site’s other end', () => {
    expect(
      problems({
        version: 1,
        thresholds: { strategicHorizonMonths: { min: 2, max: 24 } },
        projects: { MOB: { thresholds: { strategicHorizonMonths: { max: 3 } } } },
      }),
    ).toEqual([]);
  });

  it('reports every problem at once, not just the first', () => {
    expect(problems({ version: 1, ownerField: 'x', thresholds: { sprintMaxWeeks: 'two' }, extra: true })).toHaveLength(
      3,
    );
  });
});

describe('effectiveSettings', () => {
  const config = parseConfig(
    {
      version: 1,
      combinedRoleProjects: ['LAB'],
      roleMapping: { groups: { pm: ['product-managers'], po: [] } },
      rules: { 'overlap/dual-role': { severity: 'error', options: { minShare: 0.4 } } },
      projects: {
        MOB: {
          ownerField: 'customfield_10500',
          thresholds: { sprintMaxWeeks: 3, strategicHorizonMonths: { min: 3 } },
          roleMapping: { projectRoles: { po: ['Team Lead'] } },
          rules: { 'overlap/dual-role': { severity: 'off' } },
        },
      },
    },
    RULES,
  );

  it('lays a project override over the site settings', () => {
    const mob = effectiveSettings(config, 'MOB');
    expect(mob.ownerField).toBe('customfield_10500');
    expect(mob.thresholds.sprintMaxWeeks).toBe(3);
    expect(mob.thresholds.strategicHorizonMonths).toEqual({ min: 3, max: 24 });
    expect(mob.roleMapping.projectRoles).toEqual({ pm: ['Product Manager'], po: ['Team Lead'] });
    expect(mob.roleMapping.groups.pm).toEqual(['product-managers']);
    expect(mob.rules['overlap/dual-role']).toEqual({ severity: 'off', options: { minShare: 0.4 } });
    expect(mob.combinedRole).toBe(false);
  });

  it('uses the site settings where a project has none', () => {
    const lab = effectiveSettings(config, 'LAB');
    expect(lab.combinedRole).toBe(true);
    expect(lab.ownerField).toBe('assignee');
    expect(lab.rules['overlap/dual-role']?.severity).toBe('error');
  });
});

describe('ConfigError issues', () => {
  it('gives each problem a path the admin page can put next to its field', () => {
    try {
      parseConfig({ version: 1, thresholds: { sprintMaxWeeks: 0 }, ownerField: 'x' }, RULES);
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).issues).toEqual(
        expect.arrayContaining([
          { path: 'thresholds.sprintMaxWeeks', message: 'must be at least 1 week' },
          {
            path: 'ownerField',
            message: 'must be assignee, reporter, creator or a custom field id like customfield_10042',
          },
        ]),
      );
      expect((error as ConfigError).issues).toHaveLength(2);
    }
  });
});
