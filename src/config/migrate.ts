import { ConfigError } from './schema';

/**
 * Configuration documents carry the format they were written in, and every older format is brought forward one
 * step at a time by a pure function, so a file exported years ago, a hand-written `--config` file and an entry the
 * app stored before an upgrade are all read the same way.
 *
 * Format 1 (the only shape before formatVersion existed, from the first configuration commit on): one object with
 * `"version": 1`, the site's settings at the top and each project's overrides under `projects`. The `--config` file,
 * the admin page's "Export settings (JSON)" and the key-value entries of the site are in this format.
 *
 * Format 2: `{"formatVersion": 2, "site": {...}, "projects": {"KEY": {...}}}`: the site's settings and each
 * project's, side by side, as the app stores them; an export adds `exportedAt` and the `versions` it was read at.
 */
export const CONFIG_FORMAT_VERSION = 2;

export type JsonObject = Record<string, unknown>;

export interface Migration {
  from: number;
  to: number;
  /** What the step changes, for the CLI and the import summary. */
  summary: string;
  migrate(document: JsonObject): JsonObject;
}

/** Format 1 → 2: the site's settings move under `site`, the project overrides to a `projects` of their own. */
function splitSiteAndProjects(document: JsonObject): JsonObject {
  const { version: _formatOne, projects, ...site } = document;
  return { formatVersion: 2, site, projects: projects ?? {} };
}

export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    to: 2,
    summary: 'format 1 → 2: site settings under "site", project overrides under "projects"',
    migrate: splitSiteAndProjects,
  },
];

/** A document (or stored entry) written by a newer version of the app: nothing is read from it or written over it. */
export class FutureFormatError extends ConfigError {
  constructor(
    readonly found: number,
    where = 'formatVersion',
  ) {
    super([
      {
        path: where,
        message: `is ${found}: it was written by a newer version of the app, which reads formats 1 to ${CONFIG_FORMAT_VERSION} only; nothing was changed`,
      },
    ]);
    this.name = 'FutureFormatError';
  }
}

/** Which format a document is in: `formatVersion` from format 2 on, `"version": 1` in format 1. */
export function formatOf(document: unknown): number {
  if (!isObject(document)) throw new ConfigError([{ path: 'the document', message: 'must be a JSON object' }]);
  if ('formatVersion' in document) {
    const found = document.formatVersion;
    if (typeof found !== 'number' || !Number.isInteger(found) || found < 2) {
      throw new ConfigError([
        {
          path: 'formatVersion',
          message: `must be a whole number from 2 to ${CONFIG_FORMAT_VERSION} (format 1 documents have "version": 1 instead)`,
        },
      ]);
    }
    if (found > CONFIG_FORMAT_VERSION) throw new FutureFormatError(found);
    return found;
  }
  if (document.version === 1) return 1;
  if ('version' in document)
    throw new ConfigError([
      { path: 'version', message: 'must be 1 (a configuration file); an export has "formatVersion" instead' },
    ]);
  throw new ConfigError([
    {
      path: 'formatVersion',
      message: `is required: an export has "formatVersion": ${CONFIG_FORMAT_VERSION}, a configuration file "version": 1`,
    },
  ]);
}

export interface Migrated {
  /** The document in the current format (its settings not yet validated). */
  document: JsonObject;
  /** The format it was written in. */
  from: number;
  /** The steps applied, oldest first. */
  applied: Migration[];
}

/** Brings a document of any known format to the current one; throws ConfigError for an unknown or future format. */
export function migrateDocument(value: unknown): Migrated {
  const from = formatOf(value);
  let document = value as JsonObject;
  const applied: Migration[] = [];
  for (let format = from; format < CONFIG_FORMAT_VERSION; format += 1) {
    const step = MIGRATIONS.find((migration) => migration.from === format);
    if (!step) throw new Error(`No migration from configuration format ${format}`);
    document = step.migrate(document);
    applied.push(step);
  }
  return { document, from, applied };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
