import { readFile, writeFile, rename } from 'node:fs/promises';
import { SNAPSHOT_FORMAT, type SiteSnapshot } from './snapshot';

export class SnapshotFormatError extends Error {
  constructor(source: string, problems: string[]) {
    super(`${source} is not a usable site snapshot:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SnapshotFormatError';
  }
}

const LIST_KEYS = ['fields', 'users', 'groups', 'projects', 'boards', 'issues'] as const;
const MAP_KEYS = ['projectRoles', 'sprints'] as const;

/**
 * Checks the outer shape of a snapshot (format tag, the lists and maps it must have) and names every field that
 * is wrong; what is inside the lists is Jira's business and is parsed loosely by the normaliser.
 */
export function checkSnapshot(value: unknown, source = 'The snapshot'): SiteSnapshot {
  const problems: string[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new SnapshotFormatError(source, ['the file must hold one JSON object']);
  const record = value as Record<string, unknown>;
  if (record.format !== SNAPSHOT_FORMAT)
    problems.push(`"format" must be "${SNAPSHOT_FORMAT}" (found ${JSON.stringify(record.format)})`);
  if (typeof record.baseUrl !== 'string') problems.push('"baseUrl" must be a string (the site URL)');
  if (
    record.capturedAt !== undefined &&
    (typeof record.capturedAt !== 'string' || Number.isNaN(Date.parse(record.capturedAt)))
  ) {
    problems.push('"capturedAt" must be an ISO date-time when present');
  }
  for (const key of LIST_KEYS) if (!Array.isArray(record[key])) problems.push(`"${key}" must be an array`);
  for (const key of MAP_KEYS) {
    const map = record[key];
    if (!map || typeof map !== 'object' || Array.isArray(map))
      problems.push(`"${key}" must be an object keyed by ${key === 'sprints' ? 'board id' : 'project key'}`);
  }
  if (
    record.permissions !== undefined &&
    (typeof record.permissions !== 'object' || Array.isArray(record.permissions))
  ) {
    problems.push('"permissions" must be an object keyed by account id when present');
  }
  problems.push(...securityProblems(record.issueSecurity));
  if (record.unread !== undefined) {
    const bad = Array.isArray(record.unread)
      ? (record.unread as unknown[]).findIndex(
          (entry) =>
            !entry ||
            typeof entry !== 'object' ||
            typeof (entry as { ref?: unknown }).ref !== 'string' ||
            typeof (entry as { message?: unknown }).message !== 'string',
        )
      : 0;
    if (bad >= 0)
      problems.push(
        Array.isArray(record.unread)
          ? `"unread[${bad}]" must be an object with "scope", "ref" and "message"`
          : '"unread" must be an array when present',
      );
  }
  if (Array.isArray(record.issues)) {
    const bad = (record.issues as unknown[]).findIndex(
      (issue) => !issue || typeof issue !== 'object' || typeof (issue as { key?: unknown }).key !== 'string',
    );
    if (bad >= 0) problems.push(`"issues[${bad}]" has no "key"`);
  }
  if (problems.length > 0) throw new SnapshotFormatError(source, problems);
  return value as SiteSnapshot;
}

/** `issueSecurity`, when present: levels by id, each with a name and its members' account ids. */
function securityProblems(levels: unknown): string[] {
  if (levels === undefined) return [];
  if (!levels || typeof levels !== 'object' || Array.isArray(levels))
    return ['"issueSecurity" must be an object keyed by security level id when present'];
  return Object.entries(levels as Record<string, unknown>).flatMap(([id, level]) => {
    const { name, members } = (level ?? {}) as { name?: unknown; members?: unknown };
    return typeof name === 'string' && Array.isArray(members) && members.every((member) => typeof member === 'string')
      ? []
      : [`"issueSecurity.${id}" must be an object with a "name" and "members" (a list of account ids)`];
  });
}

export async function loadSnapshotFile(path: string): Promise<SiteSnapshot> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read snapshot ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      { cause: error },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`Snapshot ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return checkSnapshot(parsed, `Snapshot ${path}`);
}

/** Written to a temporary file first, so an interrupted write never leaves half a snapshot behind. */
export async function saveSnapshotFile(path: string, snapshot: SiteSnapshot): Promise<void> {
  const temporary = `${path}.partial-${process.pid}`;
  await writeFile(temporary, `${JSON.stringify(snapshot, null, 1)}\n`, 'utf8');
  await rename(temporary, path);
}
