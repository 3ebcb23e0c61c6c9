import { ConfigError, type ConfigIssue } from '../../src/config/schema';
import { configurationDocument, parseConfiguration, parseConfigurationJson } from '../../src/config/transfer';
import { defaultConfig } from '../../src/config/defaults';
import { RULE_METAS } from '../../src/rules';

function issuesOf(parse: () => unknown): ConfigIssue[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfiguration', () => {
  it('reports every problem of the site and every project at once, each at its path in the document', () => {
    const issues = issuesOf(() =>
      parseConfiguration(
        {
          formatVersion: 2,
          versions: { site: -1, projects: { PAY: 'three' } },
          site: {
            thresholds: { sprintMaxWeeks: 0 },
            rules: { 'overlap/dual-role': { severity: 'loud' } },
            ownerField: 'boss',
          },
          projects: {
            PAY: { thresholds: { strategicHorizonMonths: { min: 30, max: 10 }, sprintMaxWek: 2 } },
            MOB: { rules: { 'no/such-rule': {} }, combinedRole: 'yes' },
            pay: {},
          },
          comment: 'exported by hand',
        },
        RULE_METAS,
      ),
    );
    const allowedRules = RULE_METAS.map((rule) => rule.id).join(', ');
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          path: 'the document',
          message: 'has an unknown part "comment"; it may have formatVersion, exportedAt, versions, site, projects',
        },
        { path: 'versions.site', message: 'must be a whole number of 0 or more (the version the export was read at)' },
        {
          path: 'versions.projects.PAY',
          message: 'must be a whole number of 0 or more (the version the export was read at)',
        },
        { path: 'site.thresholds.sprintMaxWeeks', message: 'must be at least 1 week' },
        { path: 'site.rules.overlap/dual-role.severity', message: 'must be one of: info, warning, error, off' },
        {
          path: 'site.ownerField',
          message: 'must be assignee, reporter, creator or a custom field id like customfield_10042',
        },
        { path: 'projects.PAY.thresholds', message: 'has an unknown setting "sprintMaxWek"' },
        { path: 'projects.MOB.rules', message: `names "no/such-rule", which is not one of: ${allowedRules}` },
        { path: 'projects.MOB.combinedRole', message: 'must be true or false' },
        { path: 'projects', message: 'names "pay", which is not a project key such as MOB' },
      ]),
    );
    expect(issues).toHaveLength(10);
  });

  it('checks min against max in a project once its other settings are valid', () => {
    expect(
      issuesOf(() =>
        parseConfiguration(
          {
            formatVersion: 2,
            site: {},
            projects: { PAY: { thresholds: { strategicHorizonMonths: { min: 30, max: 10 } } } },
          },
          RULE_METAS,
        ),
      ),
    ).toEqual([
      { path: 'projects.PAY.thresholds.strategicHorizonMonths', message: 'min (30) must not be above max (10)' },
    ]);
  });

  it('names the parts a document must have and the settings that are in the wrong place', () => {
    expect(issuesOf(() => parseConfiguration({ formatVersion: 2 }, RULE_METAS))).toEqual([
      { path: 'site', message: 'must be an object with the site settings' },
      { path: 'projects', message: 'must be an object with one entry per project key, such as {"PAY": {...}}' },
    ]);
    expect(
      issuesOf(() =>
        parseConfiguration({ formatVersion: 2, site: { version: 1, projects: {} }, projects: {} }, RULE_METAS),
      ),
    ).toEqual([
      { path: 'site.projects', message: 'belongs at the top of the document, beside "site", not inside it' },
      { path: 'site.version', message: 'is not a site setting; the document\'s format is its "formatVersion"' },
    ]);
  });

  it('fills in the defaults of the site and keeps the versions of an export', () => {
    const parsed = parseConfiguration(
      {
        formatVersion: 2,
        exportedAt: '2026-11-22T09:00:00Z',
        versions: { site: 4, projects: { PAY: 2 } },
        site: {},
        projects: { PAY: {} },
      },
      RULE_METAS,
    );
    expect(parsed.site).toEqual(defaultConfig());
    expect(parsed.versions).toEqual({ site: 4, projects: { PAY: 2 } });
    expect(parsed.projects).toEqual({ PAY: {} });
    expect(parsed.migrations).toEqual([]);
  });

  it('reads back what configurationDocument writes', () => {
    const site = { ...defaultConfig(), combinedRoleProjects: ['GRO'], projects: { MOB: { combinedRole: true } } };
    const document = configurationDocument(
      site,
      { PAY: { ownerField: 'reporter' } },
      { site: 3, projects: { PAY: 1 } },
      new Date('2026-11-22T09:00:00Z'),
    );
    expect(document).toMatchObject({
      formatVersion: 2,
      exportedAt: '2026-11-22T09:00:00.000Z',
      versions: { site: 3, projects: { PAY: 1 } },
      projects: { PAY: { ownerField: 'reporter' } },
    });
    expect(document.site).not.toHaveProperty('projects');
    expect(document.site).not.toHaveProperty('version');
    const parsed = parseConfiguration(JSON.parse(JSON.stringify(document)), RULE_METAS);
    expect(parsed.site).toEqual({ ...site, projects: {} });
    expect(parsed.projects).toEqual({ PAY: { ownerField: 'reporter' } });
  });
});

describe('parseConfigurationJson', () => {
  it('says where text stops being JSON', () => {
    expect(issuesOf(() => parseConfigurationJson('{\n  "formatVersion": 2,\n  "site": {,\n}', RULE_METAS))).toEqual([
      { path: 'the document', message: expect.stringMatching(/^is not valid JSON: .+ at line 3, column 12$/) },
    ]);
    expect(issuesOf(() => parseConfigurationJson('', RULE_METAS))).toEqual([
      { path: 'the document', message: 'is not valid JSON: Unexpected end of JSON input' },
    ]);
  });
});
