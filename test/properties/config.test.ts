import fc from 'fast-check';
import { defaultConfig } from '../../src/config/defaults';
import { ConfigError, configSchema, parseConfig, type ConfigIssue } from '../../src/config/schema';
import { parseConfiguration } from '../../src/config/transfer';
import type { Json } from '../../src/jira/snapshot';
import { RULE_METAS } from '../../src/rules';
import { junk, mutated } from './arbitraries';
import { validConfig } from './configs';
import { holds } from './runs';

const SCHEMA = configSchema(RULE_METAS);

/** The issues a value is refused with, [] when it is accepted; anything thrown but a ConfigError fails the test. */
function issuesOf(parse: () => unknown): ConfigIssue[] {
  try {
    parse();
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    return error.issues;
  }
}

/** Whether a dotted path names a place in the value; keys may themselves hold dots, so each split is tried. */
function inValue(value: unknown, path: string): boolean {
  if (path === '') return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.keys(value).some(
    (key) =>
      (path === key || path.startsWith(`${key}.`)) &&
      inValue((value as Record<string, unknown>)[key], path.slice(key.length + 1)),
  );
}

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
}

/** Whether a dotted path names a setting the schema describes (a missing required one, say). */
function inSchema(schema: SchemaNode | undefined, segments: readonly string[]): boolean {
  if (!schema) return false;
  const [first, ...rest] = segments;
  if (first === undefined) return true;
  const next =
    schema.properties && Object.hasOwn(schema.properties, first)
      ? schema.properties[first]
      : typeof schema.additionalProperties === 'object'
        ? schema.additionalProperties
        : /^\d+$/.test(first)
          ? schema.items
          : undefined;
  return inSchema(next, rest);
}

function issueProblems(input: unknown, issues: readonly ConfigIssue[], root: string): string[] {
  return issues
    .filter(
      (issue) =>
        !(
          typeof issue.path === 'string' &&
          issue.path !== '' &&
          typeof issue.message === 'string' &&
          issue.message.trim() !== '' &&
          (issue.path === root || inValue(input, issue.path) || inSchema(SCHEMA as SchemaNode, issue.path.split('.')))
        ),
    )
    .map((issue) => JSON.stringify(issue));
}

/** Configuration-shaped JSON gone wrong: a valid configuration with junk put anywhere, or junk altogether. */
const prototypeKeys = fc.constantFrom(
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'version',
  'projects',
  'rules',
  'thresholds',
);
const hostileConfig: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: mutated(validConfig(RULE_METAS) as fc.Arbitrary<Json>) },
  { weight: 1, arbitrary: junk },
  {
    weight: 1,
    arbitrary: fc
      .dictionary(prototypeKeys, fc.oneof(junk, fc.dictionary(prototypeKeys, junk, { maxKeys: 3 })))
      .map((value) => ({ version: 1, ...value })),
  },
);

describe('parseConfig on hostile configurations', () => {
  it('throws nothing but a ConfigError, whose every issue names a path found in the input or the schema', () => {
    holds(
      'configRefusals',
      fc.property(hostileConfig, (value) => {
        expect(
          issueProblems(
            value,
            issuesOf(() => parseConfig(value, RULE_METAS)),
            'the configuration',
          ),
        ).toEqual([]);
      }),
    );
  });

  it('accepts every valid configuration, and what it returns reads back the same through JSON', () => {
    holds(
      'configRoundTrip',
      fc.property(validConfig(RULE_METAS), (value) => {
        const parsed = parseConfig(value, RULE_METAS);
        expect(parseConfig(JSON.parse(JSON.stringify(value)), RULE_METAS)).toEqual(parsed);
        expect(parseConfig(JSON.parse(JSON.stringify(parsed)), RULE_METAS)).toEqual(parsed);
        expect(value).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('accepts the defaults and fills them in from a bare version, whichever rules the registry holds', () => {
    holds(
      'configDefaults',
      fc.property(fc.subarray(RULE_METAS), (rules) => {
        expect(parseConfig(defaultConfig(), rules)).toEqual(defaultConfig());
        expect(parseConfig({ version: 1 }, rules)).toEqual(defaultConfig());
      }),
    );
  });

  it('reads whole-configuration documents (import) of either format with nothing thrown but a ConfigError naming where', () => {
    const document = fc.oneof(
      validConfig(RULE_METAS).map((config) => {
        const { version: _format, projects, ...site } = config;
        return { formatVersion: 2, site, projects: projects ?? {} } as unknown as Json;
      }),
      validConfig(RULE_METAS) as fc.Arbitrary<Json>,
    );
    holds(
      'configDocuments',
      fc.property(fc.oneof(document, mutated(document), junk), (value) => {
        const unnamed = issuesOf(() => parseConfiguration(value, RULE_METAS)).filter(
          (issue) =>
            !(
              typeof issue.path === 'string' &&
              issue.path !== '' &&
              typeof issue.message === 'string' &&
              issue.message.trim() !== ''
            ),
        );
        expect(unnamed).toEqual([]);
      }),
    );
  });
});
