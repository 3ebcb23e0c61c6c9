import { defaultConfig } from '../config/defaults';
import { CONFIG_FORMAT_VERSION, FutureFormatError, isObject } from '../config/migrate';
import { ConfigError, parseConfig, type RuleOptionsSchema } from '../config/schema';
import {
  configurationDocument,
  parseConfiguration,
  type ConfigurationDocument,
  type ConfigVersions,
} from '../config/transfer';
import type { AuditConfig, ProjectSettings } from '../config/types';
import {
  StaleVersionError,
  versionedEntries,
  type KeyValueStore,
  type VersionedEntry,
  type VersionedEntryStore,
} from './key-value';
import { accountIdsIn, addAccounts, CONFIG_SCOPE, CONFIG_VALUES, isPlaceholder } from '../scan/account-index';

export { StaleVersionError };

const SITE_KEY = 'config:site';
const PROJECT_PREFIX = 'config:project:';

/** A part of the configuration whose stored version is not the one the imported document was exported at. */
export interface VersionChange {
  /** `site` or `projects.KEY`. */
  path: string;
  exported: number;
  current: number;
}

/** An import based on an export that is out of date, or on a document with no versions: nothing was written. */
export class ImportConflictError extends Error {
  constructor(readonly changes: VersionChange[]) {
    super(
      changes.length === 0
        ? 'The document carries no versions (a configuration file or a hand-written document), so importing it replaces the current configuration; nothing was imported. Import it again as a replacement if that is what you want.'
        : `The configuration was changed after this export (${changes.map((change) => `${change.path}: exported at version ${change.exported}, now ${change.current}`).join('; ')}); nothing was imported. Export again and redo your edits, or import it as a replacement.`,
    );
    this.name = 'ImportConflictError';
  }
}

export interface SaveInfo {
  accountId?: string;
  at: Date;
}

export interface ImportOptions {
  /**
   * false (the default): the document must carry the versions it was exported at and none may have moved since, as
   * with a save. true: the admin decided to replace whatever is stored now.
   */
  overwrite?: boolean;
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

/** One part an import writes: its entry's `value` is the site's whole configuration or a project's overrides. */
interface Write {
  key: string;
  path: string;
  previous: VersionedEntry | undefined;
  next: VersionedEntry;
}

/**
 * Configuration in the key-value store: the site's in one entry, each project's overrides in their own, so a
 * project admin's save never rewrites the site configuration. Every entry carries a version for optimistic
 * concurrency (it counts saves and only ever goes up) and the format of its value (absent in entries written
 * before formats were numbered: format 1); everything read is migrated to the current format and validated again, so a bad entry cannot break
 * an audit. An entry written by a newer version of the app is neither read nor overwritten (FutureFormatError).
 *
 * Every write is a compare-and-set on the entry's version (VersionedEntryStore), so of two saves from the same
 * version, in one process or in two Forge invocations, exactly one is written and the other gets StaleVersionError.
 */
export class ConfigRepository {
  private readonly entries: VersionedEntryStore;

  constructor(
    private readonly store: KeyValueStore,
    private readonly rules: RuleOptionsSchema[],
  ) {
    this.entries = versionedEntries(store);
  }

  async site(): Promise<{ config: AuditConfig; version: number }> {
    const entry = await this.entry(SITE_KEY);
    if (!entry) return { config: defaultConfig(), version: 0 };
    return { config: this.siteFrom(entry), version: entry.version };
  }

  async project(projectKey: string): Promise<{ settings: ProjectSettings; version: number }> {
    const entry = await this.entry(PROJECT_PREFIX + projectKey);
    if (!entry) return { settings: {}, version: 0 };
    return { settings: this.projectFrom(projectKey, entry), version: entry.version };
  }

  /** The site configuration with every project's stored overrides in `projects`: what an audit runs with. */
  async effective(): Promise<AuditConfig> {
    const { config } = await this.site();
    const projects = { ...config.projects };
    for (const key of await this.entries.entryKeysWithPrefix(PROJECT_PREFIX)) {
      const projectKey = key.slice(PROJECT_PREFIX.length);
      projects[projectKey] = (await this.project(projectKey)).settings;
    }
    return { ...config, projects };
  }

  async saveSite(
    value: unknown,
    expectedVersion: number,
    by: SaveInfo,
  ): Promise<{ config: AuditConfig; version: number }> {
    const config = parseConfig(value, this.rules);
    const version = await this.saveEntry(SITE_KEY, config, expectedVersion, by);
    return { config, version };
  }

  async saveProject(
    projectKey: string,
    value: unknown,
    expectedVersion: number,
    by: SaveInfo,
  ): Promise<{ settings: ProjectSettings; version: number }> {
    const settings = this.parseProject(projectKey, value, (await this.site()).config);
    const version = await this.saveEntry(PROJECT_PREFIX + projectKey, settings, expectedVersion, by);
    return { settings, version };
  }

  /**
   * The whole configuration as one document: the site's settings, every project's overrides (those kept inside a
   * format-1 site configuration too, unless the project has an entry of its own, as audits read them) and the
   * versions they were read at.
   */
  async exportAll(at: Date): Promise<ConfigurationDocument> {
    const { site, projects } = await this.stored();
    const config = site ? this.siteFrom(site) : defaultConfig();
    const settings: Record<string, ProjectSettings> = { ...config.projects };
    const versions: ConfigVersions = { site: site?.version ?? 0, projects: {} };
    for (const [projectKey, entry] of projects) {
      settings[projectKey] = this.projectFrom(projectKey, entry);
      versions.projects[projectKey] = entry.version;
    }
    return configurationDocument(config, sortedByKey(settings), versions, at);
  }

  /**
   * Replaces the whole configuration with a document of any known format. Everything is validated first (a
   * ConfigError lists every problem), then the versions are compared (ImportConflictError unless `overwrite`),
   * then the parts that differ are written, each with its version one up and each a compare-and-set on the
   * version just read. Projects the document leaves out lose their overrides (an empty entry, so their versions keep
   * counting up). The parts are separate entries, written one after another: should a write fail, or a part be
   * saved by someone else meanwhile (ImportConflictError naming it), the parts already written are put back.
   */
  async importAll(value: unknown, options: ImportOptions, by: SaveInfo): Promise<ImportOutcome> {
    const parsed = parseConfiguration(value, this.rules);
    const current = await this.stored();
    if (!options.overwrite) {
      if (!parsed.versions) throw new ImportConflictError([]);
      const changes = versionChanges(parsed.versions, current.site?.version ?? 0, current.projects);
      if (changes.length > 0) throw new ImportConflictError(changes);
    }
    const writes: Write[] = [];
    const plan = (key: string, path: string, previous: VersionedEntry | undefined, stored: unknown, next: unknown) => {
      if (sameJson(stored, next)) return;
      writes.push({ key, path, previous, next: entryOf(next, (previous?.version ?? 0) + 1, by) });
    };
    plan(SITE_KEY, 'site', current.site, current.site ? this.siteFrom(current.site) : defaultConfig(), parsed.site);
    const projectKeys = new Set([...current.projects.keys(), ...Object.keys(parsed.projects)]);
    for (const projectKey of [...projectKeys].sort()) {
      const previous = current.projects.get(projectKey);
      plan(
        PROJECT_PREFIX + projectKey,
        `projects.${projectKey}`,
        previous,
        previous ? this.projectFrom(projectKey, previous) : {},
        parsed.projects[projectKey] ?? {},
      );
    }
    await this.writeAllOrNothing(writes, by);
    const versionOf = (key: string, previous: VersionedEntry | undefined) =>
      writes.find((write) => write.key === key)?.next.version ?? previous?.version;
    const versions: ConfigVersions = { site: versionOf(SITE_KEY, current.site) ?? 0, projects: {} };
    for (const projectKey of [...projectKeys].sort()) {
      const version = versionOf(PROJECT_PREFIX + projectKey, current.projects.get(projectKey));
      if (version !== undefined) versions.projects[projectKey] = version;
    }
    return { from: parsed.from, migrations: parsed.migrations, written: writes.map((write) => write.path), versions };
  }

  private async writeAllOrNothing(writes: Write[], by: SaveInfo): Promise<void> {
    const done: Write[] = [];
    try {
      for (const write of writes) {
        await this.entries.writeEntry(write.key, write.previous?.version ?? 0, write.next);
        done.push(write);
        await this.indexAccounts(write.next, by);
      }
    } catch (error) {
      // Put back what was there, one version further on, so nobody holding the imported version can save over it.
      // A part someone saved over since keeps their save.
      for (const write of done.reverse()) {
        const version = write.next.version + 1;
        const restored = write.previous
          ? { ...write.previous, version }
          : entryOf(write.key === SITE_KEY ? defaultConfig() : {}, version, by);
        await this.entries.writeEntry(write.key, write.next.version, restored).catch((failure: unknown) => {
          if (!(failure instanceof StaleVersionError)) throw failure;
        });
      }
      const refused = writes[done.length];
      if (error instanceof StaleVersionError && refused) {
        throw new ImportConflictError([
          { path: refused.path, exported: refused.previous?.version ?? 0, current: error.current },
        ]);
      }
      throw error;
    }
  }

  private async saveEntry(key: string, value: unknown, expectedVersion: number, by: SaveInfo): Promise<number> {
    const version = (await this.entry(key))?.version ?? 0;
    if (version !== expectedVersion) throw new StaleVersionError(version);
    const entry = entryOf(value, version + 1, by);
    await this.entries.writeEntry(key, version, entry);
    await this.indexAccounts(entry, by);
    return version + 1;
  }

  /** The accounts an entry names (who saved it, and any the configuration names) join the account index. */
  private async indexAccounts(entry: VersionedEntry, by: SaveInfo): Promise<void> {
    const accountIds = accountIdsIn([entry]);
    if (entry.savedBy && !isPlaceholder(entry.savedBy)) accountIds.add(entry.savedBy);
    await addAccounts(this.store, CONFIG_SCOPE, CONFIG_VALUES, accountIds, by.at.toISOString());
  }

  /** A stored entry, refused when a newer version of the app wrote it. */
  private async entry(key: string): Promise<VersionedEntry | undefined> {
    const entry = await this.entries.readEntry(key);
    if (entry?.formatVersion !== undefined && entry.formatVersion > CONFIG_FORMAT_VERSION)
      throw new FutureFormatError(entry.formatVersion, `the stored configuration's formatVersion (${key})`);
    return entry;
  }

  private async stored(): Promise<{ site: VersionedEntry | undefined; projects: Map<string, VersionedEntry> }> {
    const site = await this.entry(SITE_KEY);
    const projects = new Map<string, VersionedEntry>();
    for (const key of await this.entries.entryKeysWithPrefix(PROJECT_PREFIX)) {
      const entry = await this.entry(key);
      if (entry) projects.set(key.slice(PROJECT_PREFIX.length), entry);
    }
    return { site, projects };
  }

  /** A stored site entry of any format, migrated through the same steps as an imported document. */
  private siteFrom(entry: VersionedEntry): AuditConfig {
    const stored = entry.value;
    const document =
      (entry.formatVersion ?? 1) === 1 || !isObject(stored)
        ? stored
        : {
            formatVersion: entry.formatVersion,
            site: withoutKeys(stored, ['version', 'projects']),
            projects: stored.projects ?? {},
          };
    const parsed = parseConfiguration(document, this.rules);
    return { ...parsed.site, projects: parsed.projects };
  }

  private projectFrom(projectKey: string, entry: VersionedEntry): ProjectSettings {
    const format = entry.formatVersion ?? 1;
    const document =
      format === 1
        ? { version: 1, projects: { [projectKey]: entry.value } }
        : { formatVersion: format, site: {}, projects: { [projectKey]: entry.value } };
    return parseConfiguration(document, this.rules).projects[projectKey] ?? {};
  }

  /**
   * Project settings are checked by the same schema, as the `projects.<KEY>` part of the site's configuration (a
   * range the project sets one end of must still hold with the site's other end).
   */
  private parseProject(projectKey: string, value: unknown, site: AuditConfig): ProjectSettings {
    try {
      return parseConfig({ ...site, projects: { [projectKey]: value } }, this.rules).projects[projectKey] ?? {};
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const prefix = `projects.${projectKey}`;
      throw new ConfigError(
        error.issues.map((issue) => ({
          ...issue,
          path: issue.path === prefix ? '' : issue.path.replace(`${prefix}.`, ''),
        })),
      );
    }
  }
}

function entryOf(value: unknown, version: number, by: SaveInfo): VersionedEntry {
  return {
    formatVersion: CONFIG_FORMAT_VERSION,
    version,
    value,
    savedAt: by.at.toISOString(),
    ...(by.accountId ? { savedBy: by.accountId } : {}),
  };
}

function versionChanges(
  exported: ConfigVersions,
  siteVersion: number,
  projects: Map<string, VersionedEntry>,
): VersionChange[] {
  const changes: VersionChange[] = [];
  if (exported.site !== siteVersion) changes.push({ path: 'site', exported: exported.site, current: siteVersion });
  // A project created after the export has version 1 or more where the export, not knowing it, implies 0.
  for (const projectKey of [...new Set([...projects.keys(), ...Object.keys(exported.projects)])].sort()) {
    const before = exported.projects[projectKey] ?? 0;
    const now = projects.get(projectKey)?.version ?? 0;
    if (before !== now) changes.push({ path: `projects.${projectKey}`, exported: before, current: now });
  }
  return changes;
}

function withoutKeys(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Equal as JSON, whatever the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, item]) => [key, canonical(item)]),
    );
  }
  return value;
}
