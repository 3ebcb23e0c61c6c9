import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FORMAT_VERSION, FutureFormatError, MIGRATIONS, migrateDocument } from '../../src/config/migrate';
import { ConfigError, parseConfig } from '../../src/config/schema';
import { parseConfiguration } from '../../src/config/transfer';
import { RULE_METAS } from '../../src/rules';

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));

/** Format-1 documents the app's earlier versions read or wrote, and what each is in format 2 (written by hand). */
const FORMAT_1 = ['readme-example.json', 'cli-audit-config.json', 'horizon-options.json'];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

describe('migrateDocument', () => {
  it('has one step per format, each to the next, up to the current format', () => {
    expect(MIGRATIONS.map((step) => [step.from, step.to])).toEqual(
      Array.from({ length: CONFIG_FORMAT_VERSION - 1 }, (_, index) => [index + 1, index + 2]),
    );
  });

  it.each(FORMAT_1)('brings format-1 %s to format 2 without changing the given object', (name) => {
    const original = deepFreeze(fixture(`format-1/${name}`));
    const migrated = migrateDocument(original);
    expect(migrated.from).toBe(1);
    expect(migrated.applied.map((step) => step.to)).toEqual([2]);
    expect(migrated.document).toEqual(fixture(`format-2/${name}`));
  });

  it.each(FORMAT_1)('leaves format-2 %s as it is', (name) => {
    const current = fixture(`format-2/${name}`);
    expect(migrateDocument(current)).toEqual({ document: current, from: 2, applied: [] });
  });

  it.each(FORMAT_1)('keeps what format-1 %s means: the same site and project settings once validated', (name) => {
    const before = parseConfig(fixture(`format-1/${name}`), RULE_METAS);
    const after = parseConfiguration(fixture(`format-1/${name}`), RULE_METAS);
    expect({ ...after.site, projects: after.projects }).toEqual(before);
    expect(after.from).toBe(1);
  });

  it('migrates the site configuration the repository stored before formats were numbered', () => {
    const stored = fixture('format-1/stored-entries.json') as Record<string, { value: unknown }>;
    const site = stored['config:site']!.value;
    const parsed = parseConfiguration(site, RULE_METAS);
    expect(parsed.site.thresholds.sprintMaxWeeks).toBe(3);
    expect(parsed.site.combinedRoleProjects).toEqual(['GRO']);
    expect({ ...parsed.site, projects: parsed.projects }).toEqual(parseConfig(site, RULE_METAS));
  });

  it.each([
    [[], 'the document must be a JSON object'],
    ['{"version": 1}', 'the document must be a JSON object'],
    [{}, 'formatVersion is required: an export has "formatVersion": 2, a configuration file "version": 1'],
    [{ version: 2 }, 'version must be 1 (a configuration file); an export has "formatVersion" instead'],
    [
      { formatVersion: 1, site: {}, projects: {} },
      'formatVersion must be a whole number from 2 to 2 (format 1 documents have "version": 1 instead)',
    ],
    [
      { formatVersion: '2', site: {}, projects: {} },
      'formatVersion must be a whole number from 2 to 2 (format 1 documents have "version": 1 instead)',
    ],
    [
      { formatVersion: 2.5, site: {}, projects: {} },
      'formatVersion must be a whole number from 2 to 2 (format 1 documents have "version": 1 instead)',
    ],
  ])('names what is wrong with the format of %j', (document, problem) => {
    expect(() => migrateDocument(document)).toThrow(ConfigError);
    expect(() => migrateDocument(document)).toThrow(problem);
  });

  it('refuses a document of a newer format, saying so', () => {
    const newer = { formatVersion: CONFIG_FORMAT_VERSION + 1, site: {}, projects: {} };
    expect(() => migrateDocument(newer)).toThrow(FutureFormatError);
    expect(() => migrateDocument(newer)).toThrow(
      `formatVersion is ${CONFIG_FORMAT_VERSION + 1}: it was written by a newer version of the app, which reads formats 1 to ${CONFIG_FORMAT_VERSION} only; nothing was changed`,
    );
  });
});
