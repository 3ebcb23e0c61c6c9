import fc from 'fast-check';
import type { RuleOptionsSchema } from '../../src/config/schema';

/**
 * Configurations the validator must accept, built from its limits and from each rule's own options schema, so a
 * rule added to the registry is covered without touching this file (a schema type it does not know fails loudly).
 */

interface PropertySchema {
  type?: string;
  minimum?: number;
  maximum?: number;
  items?: PropertySchema;
  uniqueItems?: boolean;
  minLength?: number;
}

const text = (minLength = 1) => fc.string({ unit: 'grapheme', minLength, maxLength: 20 });
/** JSON has no -0: a -0 would not survive the round trip the tests make. */
const number = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true }).map((value) => (Object.is(value, -0) ? 0 : value));

function valueFor(schema: PropertySchema, where: string): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return number(schema.minimum ?? -1e6, schema.maximum ?? 1e6);
    case 'boolean':
      return fc.boolean();
    case 'string':
      return text(schema.minLength ?? 0);
    case 'array': {
      const item = valueFor(schema.items ?? {}, `${where}[]`);
      return schema.uniqueItems
        ? fc.uniqueArray(item, { maxLength: 3, selector: (value) => JSON.stringify(value) })
        : fc.array(item, { maxLength: 3 });
    }
    default:
      throw new Error(`configs.ts cannot generate ${where} of type ${String(schema.type)}; teach valueFor about it`);
  }
}

function optionsFor(rule: RuleOptionsSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = (rule.optionsSchema as { properties?: Record<string, PropertySchema> }).properties ?? {};
  return fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([name, schema]) => [name, valueFor(schema, `${rule.id}.options.${name}`)]),
    ),
    { requiredKeys: [] },
  );
}

const projectKey = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,6}$/);
const ownerField = fc.oneof(
  fc.constantFrom('assignee', 'reporter', 'creator'),
  fc.integer({ min: 10000, max: 99999 }).map((id) => `customfield_${id}`),
);
const roleLists = fc.record(
  { pm: fc.array(text(), { maxLength: 3 }), po: fc.array(text(), { maxLength: 3 }) },
  { requiredKeys: [] },
);
const roleMapping = fc.record(
  { projectRoles: roleLists, groups: roleLists, accounts: roleLists },
  { requiredKeys: [] },
);
/** Both bounds or neither: one bound alone is checked against the other's default, which the test cannot know. */
const range = (low: number, high: number) =>
  fc.tuple(number(low, high), number(low, high)).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));

const thresholds = fc.record(
  {
    strategicHorizonMonths: range(1, 120),
    tacticalHorizonWeeks: range(1, 52),
    // At most a month (the shortest maximum), so that no site or project pairs a minimum above its maximum.
    roadmapMinSpanWeeks: number(0, 4.3),
    roadmapMaxSpanMonths: number(1, 240),
    sprintMaxWeeks: number(1, 26),
  },
  { requiredKeys: [] },
);

function ruleSettings(rules: readonly RuleOptionsSchema[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    Object.fromEntries(
      rules.map((rule) => [
        rule.id,
        fc.record(
          { severity: fc.constantFrom('info', 'warning', 'error', 'off'), options: optionsFor(rule) },
          { requiredKeys: [] },
        ),
      ]),
    ),
    { requiredKeys: [] },
  );
}

const suppression = fc.record(
  {
    findingId: text(),
    reason: text(3),
    acceptedBy: text(0),
    acceptedAt: fc
      .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) })
      .map((ms) => new Date(ms).toISOString()),
  },
  { requiredKeys: ['findingId', 'reason'] },
);

/** A format-1 configuration (`"version": 1`) that every check passes. */
export function validConfig(rules: readonly RuleOptionsSchema[]): fc.Arbitrary<Record<string, unknown>> {
  const project = fc.record(
    { roleMapping, combinedRole: fc.boolean(), ownerField, thresholds, rules: ruleSettings(rules) },
    { requiredKeys: [] },
  );
  return fc
    .record(
      {
        roleMapping,
        combinedRoleProjects: fc.array(projectKey, { maxLength: 3 }),
        ownerField,
        thresholds,
        rules: ruleSettings(rules),
        suppressions: fc.array(suppression, { maxLength: 2 }),
        projects: fc.dictionary(projectKey, project, { maxKeys: 3 }),
      },
      { requiredKeys: [] },
    )
    .map((settings) => ({ version: 1, ...settings }));
}
