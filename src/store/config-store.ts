import { defaultConfig } from '../config/defaults';
import { ConfigError, parseConfig, type RuleOptionsSchema } from '../config/schema';
import type { AuditConfig, ProjectSettings } from '../config/types';
import type { KeyValueStore } from './key-value';

const SITE_KEY = 'config:site';
const PROJECT_PREFIX = 'config:project:';

interface Versioned<T> {
  version: number;
  value: T;
  savedBy?: string;
  savedAt?: string;
}

/** Someone saved since the caller read: nothing was written. */
export class StaleVersionError extends Error {
  constructor(readonly current: number) {
    super(`The settings were changed by someone else (now version ${current}); reload them and make your change again.`);
    this.name = 'StaleVersionError';
  }
}

export interface SaveInfo {
  accountId?: string;
  at: Date;
}

/**
 * Configuration in the key-value store: the site's in one entry, each project's overrides in their own, so a
 * project admin's save never rewrites the site configuration. Every entry carries a version for optimistic
 * concurrency; everything read is validated again, so a bad entry cannot break an audit.
 */
export class ConfigRepository {
  constructor(
    private readonly store: KeyValueStore,
    private readonly rules: RuleOptionsSchema[],
  ) {}

  async site(): Promise<{ config: AuditConfig; version: number }> {
    const entry = await this.store.get<Versioned<unknown>>(SITE_KEY);
    if (!entry) return { config: defaultConfig(), version: 0 };
    return { config: parseConfig(entry.value, this.rules), version: entry.version };
  }

  async project(projectKey: string): Promise<{ settings: ProjectSettings; version: number }> {
    const entry = await this.store.get<Versioned<unknown>>(PROJECT_PREFIX + projectKey);
    if (!entry) return { settings: {}, version: 0 };
    return { settings: this.parseProject(projectKey, entry.value), version: entry.version };
  }

  /** The site configuration with every project's stored overrides in `projects`: what an audit runs with. */
  async effective(): Promise<AuditConfig> {
    const { config } = await this.site();
    const projects = { ...config.projects };
    for (const key of await this.store.keysWithPrefix(PROJECT_PREFIX)) {
      const projectKey = key.slice(PROJECT_PREFIX.length);
      projects[projectKey] = (await this.project(projectKey)).settings;
    }
    return { ...config, projects };
  }

  async saveSite(value: unknown, expectedVersion: number, by: SaveInfo): Promise<{ config: AuditConfig; version: number }> {
    const config = parseConfig(value, this.rules);
    const current = await this.store.get<Versioned<unknown>>(SITE_KEY);
    const version = current?.version ?? 0;
    if (version !== expectedVersion) throw new StaleVersionError(version);
    await this.store.set<Versioned<AuditConfig>>(SITE_KEY, { version: version + 1, value: config, ...saved(by) });
    return { config, version: version + 1 };
  }

  async saveProject(projectKey: string, value: unknown, expectedVersion: number, by: SaveInfo): Promise<{ settings: ProjectSettings; version: number }> {
    const settings = this.parseProject(projectKey, value);
    const current = await this.store.get<Versioned<unknown>>(PROJECT_PREFIX + projectKey);
    const version = current?.version ?? 0;
    if (version !== expectedVersion) throw new StaleVersionError(version);
    await this.store.set<Versioned<ProjectSettings>>(PROJECT_PREFIX + projectKey, { version: version + 1, value: settings, ...saved(by) });
    return { settings, version: version + 1 };
  }

  /** Project settings are checked by the same schema, as the `projects.<KEY>` part of a configuration. */
  private parseProject(projectKey: string, value: unknown): ProjectSettings {
    try {
      return parseConfig({ version: 1, projects: { [projectKey]: value } }, this.rules).projects[projectKey] ?? {};
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const prefix = `projects.${projectKey}`;
      throw new ConfigError(error.issues.map((issue) => ({ ...issue, path: issue.path === prefix ? '' : issue.path.replace(`${prefix}.`, '') })));
    }
  }
}

function saved(by: SaveInfo): { savedAt: string; savedBy?: string } {
  return { savedAt: by.at.toISOString(), ...(by.accountId ? { savedBy: by.accountId } : {}) };
}
