/**
 * The personal data the app stores: the Atlassian accounts named anywhere in the store (the scan's cache, the
 * site data, the stored reports, the configuration), when each was last read from Jira, and the erasure of closed
 * accounts from every stored value, as Atlassian's user privacy guide asks of apps that store personal data.
 */
import { createHmac, randomBytes } from 'node:crypto';
import {
  StaleVersionError,
  type KeyValueStore,
  type VersionedEntry,
  type VersionedEntryStore,
} from '../store/key-value';
import { writeBlob, type BlobRef } from './blob';
import {
  accountsIn,
  CONFIG_SCOPE,
  PLACEHOLDER_PREFIX,
  projectOfScope,
  readAccountIndexes,
  reviseAccounts,
  seenByAccount,
} from './account-index';
import { headKey, readHead, SITE_KEY, type ProjectHead, type SiteHead } from './state';

/** What a closed account's name becomes, as Jira itself shows it. */
export const FORMER_USER = 'Former user';
export const PRIVACY_PREFIX = 'privacy:';
const SALT_KEY = `${PRIVACY_PREFIX}salt`;
/** Placeholders of the accounts erased so far: a later read that brings one back is erased again. */
const CLOSED_KEY = `${PRIVACY_PREFIX}closed`;
/** A part of a blob cut into several (blob.ts): `<prefix><12 hex id>:<part>`. */
const BLOB_PART = /^(.*:)([0-9a-f]{12}):(\d+)$/;

async function installSalt(store: KeyValueStore): Promise<string> {
  const existing = await store.get<string>(SALT_KEY);
  if (existing) return existing;
  const salt = randomBytes(32).toString('hex');
  await store.set(SALT_KEY, salt);
  return salt;
}

/**
 * What replaces a closed account's id: the same in every value that held it (so what the audit joins on it stays
 * joined), and not the id: without this installation's random salt nothing leads back from it to the account.
 */
export async function accountPlaceholders(store: KeyValueStore): Promise<(accountId: string) => string> {
  const salt = await installSalt(store);
  return (accountId) =>
    `${PLACEHOLDER_PREFIX}${createHmac('sha256', salt).update(accountId).digest('hex').slice(0, 24)}`;
}

/** One stored value: a key's, or a blob's cut into parts, joined again. */
interface StoredValue {
  keys: string[];
  value: unknown;
  /** For a blob in parts: its prefix and id, to write its scrubbed version beside it. */
  blob?: { prefix: string; id: string };
}

/** Keys of blobs stored in several parts, by blob, parts in order; every other key alone. */
function groupKeys(keys: readonly string[]): string[][] {
  const blobs = new Map<string, string[]>();
  const single: string[][] = [];
  for (const key of keys) {
    const match = BLOB_PART.exec(key);
    if (!match) {
      single.push([key]);
      continue;
    }
    const stem = `${match[1]}${match[2]}`;
    const parts = blobs.get(stem) ?? [];
    parts[Number(match[3])] = key;
    blobs.set(stem, parts);
  }
  for (const parts of blobs.values()) {
    const whole = parts.length > 1 && parts.every((key) => key !== undefined);
    if (whole) single.push(parts);
    else single.push(...parts.filter((key) => key !== undefined).map((key) => [key]));
  }
  return single;
}

/** The values under these key prefixes, one at a time (a project's cache does not fit in memory at once). */
async function* storedValues(store: KeyValueStore, prefixes: readonly string[]): AsyncGenerator<StoredValue> {
  const listed = await Promise.all(prefixes.map((prefix) => store.keysWithPrefix(prefix)));
  for (const keys of groupKeys([...new Set(listed.flat())].sort())) {
    if (keys.length === 1) {
      yield { keys, value: await store.get(keys[0]!) };
      continue;
    }
    const pieces = await Promise.all(keys.map((key) => store.get(key)));
    const match = BLOB_PART.exec(keys[0]!)!;
    let value: unknown;
    try {
      value = pieces.every((piece) => typeof piece === 'string') ? JSON.parse(pieces.join('')) : undefined;
    } catch {
      value = undefined;
    }
    if (value === undefined) for (const [index, key] of keys.entries()) yield { keys: [key], value: pieces[index] };
    else yield { keys, value, blob: { prefix: match[1]!, id: match[2]! } };
  }
}

export interface StoredAccounts {
  /** Each account the store names, with the oldest read from Jira of what names it (ISO 8601). */
  accounts: Map<string, string>;
  /** Accounts erased before that a later read brought back: to be erased again. */
  returned: string[];
}

/**
 * The accounts the store holds, from the account index alone (account-index.ts): an account's `updatedAt` is the
 * oldest read of it any scope holds (a project's scan, the site data, a report, the configuration).
 */
export async function storedAccounts(store: KeyValueStore): Promise<StoredAccounts> {
  const accounts = new Map<string, string>();
  for (const index of (await readAccountIndexes(store)).values())
    for (const [accountId, at] of seenByAccount(index)) {
      const known = accounts.get(accountId);
      if (known === undefined || at < known) accounts.set(accountId, at);
    }
  const closed = await store.get<string[]>(CLOSED_KEY);
  if (!closed || closed.length === 0) return { accounts, returned: [] };
  const placeholderOf = await accountPlaceholders(store);
  const erased = new Set(closed);
  return { accounts, returned: [...accounts.keys()].filter((accountId) => erased.has(placeholderOf(accountId))) };
}

/** The index scopes naming any of these accounts, and the key prefixes of the values they keep. */
async function scopesNaming(
  store: KeyValueStore,
  accountIds: ReadonlySet<string>,
): Promise<{ scopes: string[]; prefixes: string[]; entryPrefixes: string[] }> {
  const scopes: string[] = [];
  const prefixes = new Set<string>();
  const entryPrefixes = new Set<string>();
  for (const [scope, index] of await readAccountIndexes(store)) {
    // The configuration names accounts by id alone in places (role mappings): it is small, and always scrubbed.
    const naming = scope === CONFIG_SCOPE || [...seenByAccount(index).keys()].some((id) => accountIds.has(id));
    if (!naming) continue;
    scopes.push(scope);
    index.prefixes.forEach((prefix) => prefixes.add(prefix));
    index.entryPrefixes?.forEach((prefix) => entryPrefixes.add(prefix));
  }
  return { scopes, prefixes: [...prefixes], entryPrefixes: [...entryPrefixes] };
}

/**
 * Versioned entries (the configuration) kept apart from the plain values, as Forge keeps them in a custom entity;
 * undefined when they are among the plain values (the in-memory store).
 */
function separateEntries(store: KeyValueStore): VersionedEntryStore | undefined {
  return store.entries && (store.entries as unknown) !== store ? store.entries : undefined;
}

/** Scrubs one versioned entry as a new version of it, reading it again when another writer got there first. */
async function scrubEntry(entries: VersionedEntryStore, key: string, scrubber: Scrubber): Promise<boolean> {
  for (;;) {
    const entry = await entries.readEntry(key);
    if (!entry) return false;
    const scrubbed = scrubValue(entry, scrubber) as VersionedEntry;
    if (JSON.stringify(scrubbed) === JSON.stringify(entry)) return false;
    try {
      await entries.writeEntry(key, entry.version, { ...scrubbed, version: entry.version + 1 });
      return true;
    } catch (error) {
      if (!(error instanceof StaleVersionError)) throw error;
    }
  }
}

/** Replaces whole words only: a name inside another word (Ann in "Annual") is left alone. */
function namePattern(names: readonly string[]): RegExp | undefined {
  const escaped = [...new Set(names)]
    .filter((name) => name.trim() !== '' && name !== FORMER_USER)
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return escaped.length > 0
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu')
    : undefined;
}

interface Scrubber {
  ids: Map<string, string>;
  names?: RegExp;
  /** Blobs already rewritten: references to the old id are pointed at the new one. */
  moved: Map<string, BlobRef>;
}

function scrubText(text: string, scrubber: Scrubber): string {
  let result = text;
  for (const [accountId, placeholder] of scrubber.ids) result = result.split(accountId).join(placeholder);
  return scrubber.names ? result.replace(scrubber.names, FORMER_USER) : result;
}

function isBlobRef(object: Record<string, unknown>): boolean {
  return typeof object.id === 'string' && typeof object.parts === 'number' && typeof object.bytes === 'number';
}

/** The value with every closed account's id, name, e-mail address and avatar gone, and moved blobs re-pointed. */
function scrubValue(value: unknown, scrubber: Scrubber): unknown {
  if (typeof value === 'string') return scrubText(value, scrubber);
  if (Array.isArray(value)) return value.map((entry) => scrubValue(entry, scrubber));
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (isBlobRef(object)) {
    const moved = scrubber.moved.get(object.id as string);
    if (moved) return { ...object, ...moved };
  }
  const closed = typeof object.accountId === 'string' && scrubber.ids.has(object.accountId);
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(object)) {
    if (closed && (key === 'emailAddress' || key === 'avatarUrls')) continue;
    result[scrubText(key, scrubber)] = closed && key === 'displayName' ? FORMER_USER : scrubValue(entry, scrubber);
  }
  return result;
}

export interface ScrubResult {
  /** Stored values (a blob in parts counting once) that named a closed account and were rewritten. */
  valuesRewritten: number;
}

/**
 * Erases closed accounts from every stored value that names them (the values of the index scopes naming them): each id becomes its placeholder (accountPlaceholders), each name
 * "Former user", e-mail addresses and avatars go. A blob stored in parts is written again under a new id and the
 * values that point at it are re-pointed before the old parts are deleted, as the scan itself replaces blobs.
 * Run it while no scan is writing (the caller checks): a scan step would write back what it read before.
 */
export async function scrubClosedAccounts(store: KeyValueStore, accountIds: readonly string[]): Promise<ScrubResult> {
  if (accountIds.length === 0) return { valuesRewritten: 0 };
  const placeholderOf = await accountPlaceholders(store);
  const ids = new Map(accountIds.map((accountId) => [accountId, placeholderOf(accountId)]));
  const { scopes, prefixes, entryPrefixes } = await scopesNaming(store, new Set(accountIds));
  const names: string[] = [];
  for await (const stored of storedValues(store, prefixes))
    accountsIn(stored.value, (accountId, displayName) => {
      if (ids.has(accountId) && displayName !== undefined) names.push(displayName);
    });
  const scrubber: Scrubber = { ids, moved: new Map(), ...(namePattern(names) ? { names: namePattern(names) } : {}) };
  let valuesRewritten = 0;
  const replacedParts = new Set<string>();
  // Blobs in parts first, so that the values pointing at them are re-pointed when they are rewritten below.
  for await (const stored of storedValues(store, prefixes)) {
    if (!stored.blob) continue;
    const scrubbed = scrubValue(stored.value, scrubber);
    if (JSON.stringify(scrubbed) === JSON.stringify(stored.value)) continue;
    scrubber.moved.set(stored.blob.id, await writeBlob(store, stored.blob.prefix, scrubbed));
    for (const key of stored.keys) replacedParts.add(key);
    valuesRewritten++;
  }
  const rewrittenBlobs = new Set([...scrubber.moved.values()].map((ref) => ref.id));
  for await (const stored of storedValues(store, prefixes)) {
    if (stored.blob) continue;
    const key = stored.keys[0]!;
    if (rewrittenBlobs.has(BLOB_PART.exec(key)?.[2] ?? '') || replacedParts.has(key)) continue;
    const scrubbed = scrubValue(stored.value, scrubber);
    const scrubbedKey = scrubText(key, scrubber);
    if (scrubbedKey === key && JSON.stringify(scrubbed) === JSON.stringify(stored.value)) continue;
    await store.set(scrubbedKey, scrubbed);
    if (scrubbedKey !== key) await store.delete(key);
    valuesRewritten++;
  }
  await Promise.all([...replacedParts].map((key) => store.delete(key)));
  const entries = separateEntries(store);
  for (const prefix of entries ? entryPrefixes : [])
    for (const key of await entries!.entryKeysWithPrefix(prefix))
      if (await scrubEntry(entries!, key, scrubber)) valuesRewritten++;
  const erased = new Set(accountIds);
  for (const scope of scopes) await reviseAccounts(store, scope, { erased });
  const closed = new Set([...((await store.get<string[]>(CLOSED_KEY)) ?? []), ...ids.values()]);
  await store.set(CLOSED_KEY, [...closed].sort());
  return { valuesRewritten };
}

/** A time before any read, so that the scheduler finds a full scan (or a site data read) due at once. */
const NEVER = new Date(0).toISOString();

/**
 * Accounts whose profile changed since the app read it: every project whose cache names one is given a full scan
 * at the next scheduled run (issues, directory and their users read again), and the site data a new read when it
 * names one. Returns the project keys marked ('' for the site data).
 */
export async function refreshAccounts(store: KeyValueStore, accountIds: readonly string[]): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const holders = new Set<string>();
  for (const scope of (await scopesNaming(store, new Set(accountIds))).scopes) {
    const projectKey = projectOfScope(scope);
    if (projectKey !== undefined) holders.add(projectKey);
  }
  for (const projectKey of holders) {
    if (projectKey === '') {
      const site = await store.get<SiteHead>(SITE_KEY);
      if (site) await store.set<SiteHead>(SITE_KEY, { ...site, readAt: NEVER });
    } else {
      const head = await readHead(store, projectKey);
      if (head) await store.set<ProjectHead>(headKey(projectKey), { ...head, fullScanAt: NEVER });
    }
  }
  return [...holders].sort();
}
