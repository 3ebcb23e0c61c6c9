import Ajv, { type ErrorObject, type JSONSchemaType, type ValidateFunction } from 'ajv';
import { defaultConfig } from './defaults';
import type { Thresholds } from '../criteria';
import { plural } from '../domain/text';
import { DAYS_PER_MONTH } from '../horizon';
import type { AuditConfig } from './types';

/** What the validator needs to know of each rule: its id and the JSON Schema of its options. */
export interface RuleOptionsSchema {
  id: string;
  optionsSchema: object;
}

const roleLists = {
  type: 'object',
  additionalProperties: false,
  properties: {
    pm: { type: 'array', items: { type: 'string', minLength: 1 } },
    po: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
};

const projectRoleMapping = {
  type: 'object',
  additionalProperties: false,
  properties: { projectRoles: roleLists, groups: roleLists, accounts: roleLists },
};

/** Aliases join one person's accounts, so they are site-wide: a project cannot split a person in two. */
const siteRoleMapping = {
  ...projectRoleMapping,
  properties: {
    ...projectRoleMapping.properties,
    aliases: {
      type: 'object',
      propertyNames: { type: 'string', minLength: 1 },
      additionalProperties: { type: 'string', minLength: 1 },
    },
  },
};

const range = (minimum: number, maximum: number) => ({
  type: 'object',
  additionalProperties: false,
  properties: { min: { type: 'number', minimum, maximum }, max: { type: 'number', minimum, maximum } },
});

const thresholds = {
  type: 'object',
  additionalProperties: false,
  properties: {
    strategicHorizonMonths: range(1, 120),
    tacticalHorizonWeeks: range(1, 52),
    roadmapMinSpanWeeks: { type: 'number', minimum: 0, maximum: 104 },
    roadmapMaxSpanMonths: { type: 'number', minimum: 1, maximum: 240 },
    sprintMaxWeeks: { type: 'number', minimum: 1, maximum: 26 },
  },
};

const severity = { type: 'string', enum: ['info', 'warning', 'error', 'off'] };
const projectKey = { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,254}$' };
const ownerField = { type: 'string', pattern: '^(assignee|reporter|creator|customfield_\\d+)$' };
const auditWindowDays = { type: 'integer', minimum: 1, maximum: 3650 };

function rulesSchema(rules: RuleOptionsSchema[]) {
  return {
    type: 'object',
    ...(rules.length > 0 ? { propertyNames: { enum: rules.map((rule) => rule.id) } } : { maxProperties: 0 }),
    properties: Object.fromEntries(
      rules.map((rule) => [
        rule.id,
        { type: 'object', additionalProperties: false, properties: { severity, options: rule.optionsSchema } },
      ]),
    ),
  };
}

/** The JSON Schema of the whole configuration; rule ids and their options come from the rule registry. */
export function configSchema(rules: RuleOptionsSchema[]): object {
  const projectSettings = {
    type: 'object',
    additionalProperties: false,
    properties: {
      roleMapping: projectRoleMapping,
      combinedRole: { type: 'boolean' },
      ownerField,
      thresholds,
      rules: rulesSchema(rules),
      auditWindowDays,
    },
  };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['version'],
    properties: {
      version: { const: 1 },
      roleMapping: siteRoleMapping,
      combinedRoleProjects: { type: 'array', items: projectKey },
      ownerField,
      thresholds,
      rules: rulesSchema(rules),
      auditWindowDays,
      suppressions: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['findingId', 'reason'],
          properties: {
            findingId: { type: 'string', minLength: 1 },
            reason: { type: 'string', minLength: 3, maxLength: 2000 },
            acceptedBy: { type: 'string' },
            acceptedAt: { type: 'string', format: 'date-time' },
            until: { type: 'string', format: 'date' },
          },
        },
      },
      projects: { type: 'object', propertyNames: projectKey, additionalProperties: projectSettings },
    },
  };
}

/** A real day written YYYY-MM-DD (not 2027-02-30). */
export function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/** One thing wrong with a configuration: where (dotted path, '' for the whole) and what. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(readonly issues: ConfigIssue[]) {
    const problems = issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path} ${issue.message}`));
    super(`The configuration is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const compiled = new WeakMap<RuleOptionsSchema[], ValidateFunction>();

/**
 * Checks a configuration (from a file, the admin page or an import) and fills in the defaults for what it leaves
 * out. Every problem names the setting and what it may be; nothing is saved or used until all are fixed.
 */
export function parseConfig(value: unknown, rules: RuleOptionsSchema[]): AuditConfig {
  let validate = compiled.get(rules);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
    ajv.addFormat('date', isCalendarDay);
    validate = ajv.compile(configSchema(rules) as JSONSchemaType<unknown>);
    compiled.set(rules, validate);
  }
  if (!validate(value)) throw new ConfigError(describeErrors(validate.errors ?? []));
  const given = value as Partial<AuditConfig>;
  const defaults = defaultConfig();
  const config: AuditConfig = {
    ...defaults,
    ...given,
    roleMapping: { ...defaults.roleMapping, ...given.roleMapping },
    thresholds: {
      ...defaults.thresholds,
      ...given.thresholds,
      strategicHorizonMonths: {
        ...defaults.thresholds.strategicHorizonMonths,
        ...given.thresholds?.strategicHorizonMonths,
      },
      tacticalHorizonWeeks: { ...defaults.thresholds.tacticalHorizonWeeks, ...given.thresholds?.tacticalHorizonWeeks },
    },
  };
  const inconsistent = rangeProblems(config);
  if (inconsistent.length > 0) throw new ConfigError(inconsistent);
  return config;
}

function rangeProblems(config: AuditConfig): ConfigIssue[] {
  const problems: ConfigIssue[] = [];
  const check = (where: string, value: { min: number; max: number } | undefined) => {
    if (value && value.min > value.max)
      problems.push({ path: where, message: `min (${value.min}) must not be above max (${value.max})` });
  };
  check('thresholds.strategicHorizonMonths', config.thresholds.strategicHorizonMonths);
  check('thresholds.tacticalHorizonWeeks', config.thresholds.tacticalHorizonWeeks);
  problems.push(...aliasProblems(config.roleMapping.aliases ?? {}));
  // A shortest roadmap span longer than the longest would flag every planned item as both too short and too long.
  const spans = (where: string, thresholds: Pick<Thresholds, 'roadmapMinSpanWeeks' | 'roadmapMaxSpanMonths'>) => {
    const { roadmapMinSpanWeeks: weeks, roadmapMaxSpanMonths: months } = thresholds;
    if (weeks * 7 > months * DAYS_PER_MONTH)
      problems.push({
        path: `${where}.roadmapMinSpanWeeks`,
        message: `(${plural(weeks, 'week')}) must not be longer than ${where}.roadmapMaxSpanMonths (${plural(months, 'month')}): no roadmap item could be long enough for one and short enough for the other`,
      });
  };
  spans('thresholds', config.thresholds);
  // A project may set one end of a range: what counts is the range it ends up with beside the site's other end.
  for (const [key, project] of Object.entries(config.projects)) {
    const strategic = project.thresholds?.strategicHorizonMonths;
    const tactical = project.thresholds?.tacticalHorizonWeeks;
    if (strategic)
      check(`projects.${key}.thresholds.strategicHorizonMonths`, {
        ...config.thresholds.strategicHorizonMonths,
        ...strategic,
      });
    if (tactical)
      check(`projects.${key}.thresholds.tacticalHorizonWeeks`, {
        ...config.thresholds.tacticalHorizonWeeks,
        ...tactical,
      });
    const own = project.thresholds;
    if (own?.roadmapMinSpanWeeks !== undefined || own?.roadmapMaxSpanMonths !== undefined)
      spans(`projects.${key}.thresholds`, { ...config.thresholds, ...own });
  }
  return problems;
}

/** Each alias names the person's canonical account directly: no account to itself, no chains. */
function aliasProblems(aliases: Record<string, string>): ConfigIssue[] {
  const problems: ConfigIssue[] = [];
  for (const [alias, canonical] of Object.entries(aliases)) {
    const path = `roleMapping.aliases.${alias}`;
    if (alias === canonical) problems.push({ path, message: 'must name another account, not the same one' });
    else if (aliases[canonical] !== undefined)
      problems.push({
        path,
        message: `names "${canonical}", which is itself an alias of "${aliases[canonical]}": name that account instead`,
      });
  }
  return problems;
}

function describeErrors(errors: ErrorObject[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const segments = error.instancePath.slice(1).split('/').filter(Boolean).map(unescapePointer);
    // A missing setting is reported on its parent by ajv; the admin page shows it at the setting itself.
    if (error.keyword === 'required') segments.push((error.params as { missingProperty: string }).missingProperty);
    const path = segments.join('.');
    const message = describeError(error, path);
    // A bad property name is reported twice by ajv (the name's own error, then "propertyNames"); keep the first.
    if (message === undefined || seen.has(`${path} ${message}`)) continue;
    seen.add(`${path} ${message}`);
    issues.push({ path: path === '' ? 'the configuration' : path, message });
  }
  return issues;
}

const UNITS: Record<string, string> = { Days: 'day', Weeks: 'week', Months: 'month' };

/** A limit in the setting's unit, read from its name (`sprintMaxWeeks`, `strategicHorizonMonths.min`): `1 week`. */
function amount(limit: number, path: string): string {
  const unit = /(Days|Weeks|Months)(\.(min|max))?$/.exec(path)?.[1];
  return unit ? plural(limit, UNITS[unit]!) : String(limit);
}

function describeError(error: ErrorObject, path: string): string | undefined {
  switch (error.keyword) {
    case 'additionalProperties':
      return `has an unknown setting "${(error.params as { additionalProperty: string }).additionalProperty}"`;
    case 'enum': {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ');
      return error.propertyName !== undefined
        ? `names "${error.propertyName}", which is not one of: ${allowed}`
        : `must be one of: ${allowed}`;
    }
    case 'propertyNames':
      return undefined;
    case 'required':
      return 'is required';
    case 'minimum':
      return `must be at least ${amount((error.params as { limit: number }).limit, path)}`;
    case 'maximum':
      return `must be at most ${amount((error.params as { limit: number }).limit, path)}`;
    case 'type':
      return `must be ${TYPE_NAMES[(error.params as { type: string }).type] ?? (error.params as { type: string }).type}`;
    case 'maxProperties':
      return path.endsWith('rules')
        ? 'names rules, but no rules are known'
        : (error.message ?? 'has too many settings');
    case 'format':
      return (error.params as { format: string }).format === 'date'
        ? 'must be a day such as 2026-11-22'
        : 'must be a date and time such as 2026-11-22T08:00:00Z';
    case 'const':
      return `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    case 'pattern':
      if (error.propertyName !== undefined)
        return `names "${error.propertyName}", which is not a project key such as MOB`;
      return path.endsWith('ownerField')
        ? 'must be assignee, reporter, creator or a custom field id like customfield_10042'
        : 'must be a project key such as MOB';
    default:
      return error.message ?? 'is not valid';
  }
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list (JSON array)',
  object: 'an object',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
