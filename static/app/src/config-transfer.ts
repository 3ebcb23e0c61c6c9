import type { ImportConflict, ImportOutcome, VersionChange } from '../../../src/resolvers/api';

/** The details of a CONFLICT answer to importSettings, or undefined when they are not what the server sends. */
export function importConflictOf(details: unknown): ImportConflict | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const record = details as Record<string, unknown>;
  if (!Array.isArray(record.changes) || typeof record.unversioned !== 'boolean') return undefined;
  const changes = record.changes.filter(
    (change): change is VersionChange =>
      typeof change === 'object' &&
      change !== null &&
      typeof (change as VersionChange).path === 'string' &&
      typeof (change as VersionChange).exported === 'number' &&
      typeof (change as VersionChange).current === 'number',
  );
  return { changes, unversioned: record.unversioned };
}

/** "Project PAY: exported at version 1, saved since (now version 2)." */
export function describeChange(change: VersionChange): string {
  const part = change.path === 'site' ? 'Site settings' : `Project ${change.path.replace(/^projects\./, '')}`;
  if (change.exported === 0) return `${part}: created after the export (now version ${change.current}).`;
  if (change.current === 0) return `${part}: exported at version ${change.exported}, removed since.`;
  return `${part}: exported at version ${change.exported}, saved since (now version ${change.current}).`;
}

/** What an import did, in a sentence. */
export function describeImport(outcome: ImportOutcome): string {
  const migrated =
    outcome.migrations.length > 0
      ? ` The file was in the older format ${outcome.from} and was brought up to date first.`
      : '';
  if (outcome.written.length === 0)
    return `Nothing differed from the stored configuration, so nothing changed.${migrated}`;
  const parts = outcome.written.map((path) =>
    path === 'site' ? 'the site settings' : `project ${path.replace(/^projects\./, '')}`,
  );
  return `Changed ${parts.join(', ')}. The next audit uses them.${migrated}`;
}
