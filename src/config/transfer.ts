import { CONFIG_FORMAT_VERSION, isObject, migrateDocument, type JsonObject } from './migrate';
import { ConfigError, parseConfig, type ConfigIssue, type RuleOptionsSchema } from './schema';
import type { AuditConfig, ProjectSettings } from './types';

/** The site's own settings: a configuration without its format marker and without the project overrides. */
export type SiteSettings = Omit<AuditConfig, 'version' | 'projects'>;

/** The save versions an export was read at: an import based on it is refused if any has moved since. */
export interface ConfigVersions {
  site: number;
  projects: Record<string, number>;
}

/** The whole configuration as one JSON document (format 2): what export writes and import reads. */
export interface ConfigurationDocument {
  formatVersion: typeof CONFIG_FORMAT_VERSION;
  exportedAt?: string;
  versions?: ConfigVersions;
  site: SiteSettings;
  projects: Record<string, ProjectSettings>;
}

/** A document that passed every check: the settings with defaults filled in, and where it came from. */
export interface ParsedConfiguration {
  /** The site configuration to store, with no project overrides inside it (they are in `projects`). */
  site: AuditConfig;
  projects: Record<string, ProjectSettings>;
  /** Absent in format 1 files and hand-written documents: such an import can only replace, by the admin's choice. */
  versions?: ConfigVersions;
  /** The format the document was written in, and the migrations it went through (their summaries). */
  from: number;
  migrations: string[];
  /** The document in the current format as given (defaults not filled in): what `config migrate` prints. */
  document: ConfigurationDocument;
}

const TOP_LEVEL = new Set(['formatVersion', 'exportedAt', 'versions', 'site', 'projects']);

/**
 * Checks a whole-configuration document of any known format: migrates it forward, then validates the envelope,
 * the site's settings and every project's, and reports every problem at once with its path in the document
 * (`site.thresholds.sprintMaxWeeks`, `projects.PAY.rules.x.severity`). Throws ConfigError; returns only when all is valid.
 */
export function parseConfiguration(value: unknown, rules: RuleOptionsSchema[]): ParsedConfiguration {
  const { document, from, applied } = migrateDocument(value);
  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL.has(key))
      issues.push({
        path: 'the document',
        message: `has an unknown part "${key}"; it may have ${[...TOP_LEVEL].join(', ')}`,
      });
  }
  if (
    document.exportedAt !== undefined &&
    (typeof document.exportedAt !== 'string' || Number.isNaN(Date.parse(document.exportedAt)))
  ) {
    issues.push({ path: 'exportedAt', message: 'must be a date and time such as 2026-11-22T08:00:00Z' });
  }
  const versions = document.versions === undefined ? undefined : versionsOf(document.versions, issues);

  let site: AuditConfig | undefined;
  if (!isObject(document.site)) issues.push({ path: 'site', message: 'must be an object with the site settings' });
  else site = collect(issues, 'site', () => parseSite(document.site as JsonObject, rules));

  const projects: Record<string, ProjectSettings> = {};
  if (!isObject(document.projects)) {
    issues.push({
      path: 'projects',
      message: 'must be an object with one entry per project key, such as {"PAY": {...}}',
    });
  } else {
    for (const [projectKey, settings] of Object.entries(document.projects)) {
      const parsed = collect(
        issues,
        undefined,
        () => parseConfig({ version: 1, projects: { [projectKey]: settings } }, rules).projects[projectKey],
      );
      if (parsed) projects[projectKey] = parsed;
    }
  }
  if (issues.length > 0 || !site) throw new ConfigError(issues);
  return {
    site,
    projects,
    ...(versions ? { versions } : {}),
    from,
    migrations: applied.map((step) => step.summary),
    document: document as unknown as ConfigurationDocument,
  };
}

/** The same, from the text of a file or a paste. */
export function parseConfigurationJson(text: string, rules: RuleOptionsSchema[]): ParsedConfiguration {
  return parseConfiguration(readJson(text), rules);
}

/** JSON text as a value; what is not JSON is a ConfigError saying where (line and column) it stops being JSON. */
export function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError([{ path: 'the document', message: `is not valid JSON: ${jsonProblem(text, error)}` }]);
  }
}

/** The document an export writes: the stored settings as they are, and the versions they were read at. */
export function configurationDocument(
  site: AuditConfig,
  projects: Record<string, ProjectSettings>,
  versions: ConfigVersions,
  exportedAt: Date,
): ConfigurationDocument {
  const { version: _format, projects: _inline, ...siteSettings } = site;
  return {
    formatVersion: CONFIG_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    versions,
    site: siteSettings,
    projects,
  };
}

function parseSite(site: JsonObject, rules: RuleOptionsSchema[]): AuditConfig {
  const { projects: _projects, version: _version, ...settings } = site;
  const issues: ConfigIssue[] = [];
  if ('projects' in site)
    issues.push({ path: 'projects', message: 'belongs at the top of the document, beside "site", not inside it' });
  if ('version' in site)
    issues.push({ path: 'version', message: 'is not a site setting; the document\'s format is its "formatVersion"' });
  const parsed = collect(issues, undefined, () => parseConfig({ ...settings, version: 1 }, rules));
  if (issues.length > 0 || !parsed) throw new ConfigError(issues);
  return parsed;
}

/** Runs a check, adding its issues (under `prefix`) to the list instead of throwing. */
function collect<T>(issues: ConfigIssue[], prefix: string | undefined, check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) issues.push({ ...issue, path: prefixed(prefix, issue.path) });
    return undefined;
  }
}

function prefixed(prefix: string | undefined, path: string): string {
  if (prefix === undefined) return path;
  return path === '' || path === 'the configuration' ? prefix : `${prefix}.${path}`;
}

function versionsOf(value: unknown, issues: ConfigIssue[]): ConfigVersions | undefined {
  const count = (path: string, candidate: unknown): candidate is number => {
    if (typeof candidate === 'number' && Number.isInteger(candidate) && candidate >= 0) return true;
    issues.push({ path, message: 'must be a whole number of 0 or more (the version the export was read at)' });
    return false;
  };
  if (!isObject(value) || !isObject(value.projects)) {
    issues.push({
      path: 'versions',
      message: 'must be {"site": <version>, "projects": {"KEY": <version>}} as an export writes it',
    });
    return undefined;
  }
  const projects: Record<string, number> = {};
  let valid = count('versions.site', value.site);
  for (const [projectKey, version] of Object.entries(value.projects)) {
    if (count(`versions.projects.${projectKey}`, version)) projects[projectKey] = version;
    else valid = false;
  }
  return valid ? { site: value.site as number, projects } : undefined;
}

function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

/** A part of the configuration whose stored version is not the one the imported document was exported at. */
export interface VersionChange {
  /** `site` or `projects.KEY`. */
  path: string;
  exported: number;
  current: number;
}

export interface ImportOutcome {
  /** The format the document was written in, and the migrations applied to it. */
  from: number;
  migrations: string[];
  /** The parts that changed (`site`, `projects.KEY`); parts equal to what was stored are left as they were. */
  written: string[];
  /** Every part's version after the import, as an export now would carry them. */
  versions: ConfigVersions;
}
