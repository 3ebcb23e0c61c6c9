import { issueNumber } from '../domain/issue-key';
import type { RestIssue } from '../jira/snapshot';
import type { KeyValueStore } from '../store/key-value';
import { jsonBytes, MAX_VALUE_BYTES, readBlob, writeBlob, type BlobRef } from './blob';

/** Issues are packed into chunks of at most this much JSON; a single larger issue gets a chunk (of several parts) to itself. */
export const CHUNK_TARGET_BYTES = MAX_VALUE_BYTES;

/**
 * One chunk of a project's cached issues: issues whose key numbers lie in [first, last], ordered by key number.
 * Key numbers are what `ORDER BY key` pages by within a project, and Jira never reuses them, so a chunk's range
 * only loses issues over time (deleted, moved away); new issues get higher numbers. `hash` (XOR of the issues' id
 * hashes) lets an ids-only listing tell which chunks lost or lack an issue without reading them.
 */
export interface ChunkRow {
  blob: BlobRef;
  first: number;
  last: number;
  count: number;
  hash: number;
}

export function byKeyNumber(a: RestIssue, b: RestIssue): number {
  return issueNumber(a.key) - issueNumber(b.key) || a.id.localeCompare(b.id);
}

/** FNV-1a of an issue id, combined by XOR into an order-free fingerprint of a set of ids. */
export function idHash(ids: Iterable<string>): number {
  let combined = 0;
  for (const id of ids) {
    let hash = 0x811c9dc5;
    for (let index = 0; index < id.length; index++) {
      hash ^= id.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193);
    }
    combined ^= hash >>> 0;
  }
  return combined >>> 0;
}

/**
 * What the cache keeps of an issue: everything Jira returned except links and icons the audit never reads
 * (`self` of non-user objects, `avatarUrls`, `iconUrl`, `expand`). A user object without an account id keeps its
 * `self`, which is how Server-style users are told apart.
 */
export function compactIssue(issue: RestIssue): RestIssue {
  return compact(issue) as RestIssue;
}

const DROPPED_KEYS = new Set(['avatarUrls', 'iconUrl', 'expand']);

function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keepSelf = typeof record.self === 'string' && record.accountId === undefined && /\/user\?/.test(record.self);
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(record)) {
    if (DROPPED_KEYS.has(key) || (key === 'self' && !keepSelf)) continue;
    result[key] = compact(entry);
  }
  return result;
}

/** Consecutive runs of issues (already ordered by key number) whose JSON stays within maxBytes. */
export function packIssues(issues: readonly RestIssue[], maxBytes = CHUNK_TARGET_BYTES): RestIssue[][] {
  const chunks: RestIssue[][] = [];
  let current: RestIssue[] = [];
  let size = 2;
  for (const issue of issues) {
    const bytes = jsonBytes(issue) + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(issue);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export async function writeChunk(store: KeyValueStore, prefix: string, issues: RestIssue[]): Promise<ChunkRow> {
  const blob = await writeBlob(store, prefix, issues);
  return {
    blob,
    first: issueNumber(issues[0]!.key),
    last: issueNumber(issues[issues.length - 1]!.key),
    count: issues.length,
    hash: idHash(issues.map((issue) => issue.id)),
  };
}

export async function writeChunks(store: KeyValueStore, prefix: string, issues: RestIssue[]): Promise<ChunkRow[]> {
  return Promise.all(packIssues(issues).map((chunk) => writeChunk(store, prefix, chunk)));
}

export async function readChunk(store: KeyValueStore, prefix: string, row: ChunkRow): Promise<RestIssue[] | undefined> {
  return readBlob<RestIssue[]>(store, prefix, row.blob);
}

/** The chunk an issue with this key number belongs in: the last one starting at or before it, else the first. */
export function chunkIndexFor(rows: readonly ChunkRow[], number: number): number {
  let low = 0;
  let high = rows.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (rows[middle]!.first <= number) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
