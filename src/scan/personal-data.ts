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
  readAccountIndexes,
  reviseAccounts,
  seenByAccount,
} from './account-index';

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
  withConfiguration: boolean,
): Promise<{ scopes: string[]; prefixes: string[]; entryPrefixes: string[] }> {
  const scopes: string[] = [];
  const prefixes = new Set<string>();
  const entryPrefixes = new Set<string>();
  for (const [scope, index] of await readAccountIndexes(store)) {
    // The configuration names accounts by id alone in places (role mappings): it is small, and always scrubbed.
    const naming =
      (withConfiguration && scope === CONFIG_SCOPE) ||
      [...seenByAccount(index).keys()].some((id) => accountIds.has(id));
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
function namePattern(names: readonly string[], replacement: string): RegExp | undefined {
  const escaped = [...new Set(names)]
    .filter((name) => name.trim() !== '' && name !== FORMER_USER && name !== replacement)
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return escaped.length > 0
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu')
    : undefined;
}

interface Scrubber {
  /** Each account's id and what it becomes (itself when only its name changes). */
  ids: Map<string, string>;
  /** What the accounts' names become, and whether their e-mail addresses and avatars go (erasure). */
  name: string;
  dropContact: boolean;
  names?: RegExp;
  /** Blobs already rewritten: references to the old id are pointed at the new one. */
  moved: Map<string, BlobRef>;
}

function scrubText(text: string, scrubber: Scrubber): string {
  let result = text;
  for (const [accountId, placeholder] of scrubber.ids) result = result.split(accountId).join(placeholder);
  return scrubber.names ? result.replace(scrubber.names, scrubber.name) : result;
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
  const named = typeof object.accountId === 'string' && scrubber.ids.has(object.accountId);
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(object)) {
    if (named && scrubber.dropContact && (key === 'emailAddress' || key === 'avatarUrls')) continue;
    result[scrubText(key, scrubber)] = named && key === 'displayName' ? scrubber.name : scrubValue(entry, scrubber);
  }
  return result;
}

export interface ScrubResult {
  /** Stored values (a blob in parts counting once) that named a closed account and were rewritten. */
  valuesRewritten: number;
}

/**
 * Rewrites the values under these prefixes (and these versioned entries) that name the accounts: each id as
 * `ids` maps it, each name the values give them (as a whole word, in any text too) `name`. A blob stored in parts
 * is written again under a new id and the values that point at it are re-pointed before the old parts are deleted,
 * as the scan itself replaces blobs. Returns how many values were rewritten.
 */
async function rewriteAccounts(
  store: KeyValueStore,
  where: { prefixes: string[]; entryPrefixes: string[] },
  change: Omit<Scrubber, 'moved' | 'names'>,
): Promise<number> {
  const { prefixes, entryPrefixes } = where;
  const names: string[] = [];
  for await (const stored of storedValues(store, prefixes))
    accountsIn(stored.value, (accountId, displayName) => {
      if (change.ids.has(accountId) && displayName !== undefined) names.push(displayName);
    });
  const pattern = namePattern(names, change.name);
  const scrubber: Scrubber = { ...change, moved: new Map(), ...(pattern ? { names: pattern } : {}) };
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
  return valuesRewritten;
}

/**
 * Erases closed accounts from every stored value that names them (the values of the index scopes naming them, and
 * the configuration): each id becomes its placeholder (accountPlaceholders), each name "Former user", e-mail
 * addresses and avatars go. Run it while no scan is writing (the caller checks): a scan step would write back what
 * it read before.
 */
export async function scrubClosedAccounts(store: KeyValueStore, accountIds: readonly string[]): Promise<ScrubResult> {
  if (accountIds.length === 0) return { valuesRewritten: 0 };
  const placeholderOf = await accountPlaceholders(store);
  const ids = new Map(accountIds.map((accountId) => [accountId, placeholderOf(accountId)]));
  const erased = new Set(accountIds);
  const { scopes, ...where } = await scopesNaming(store, erased, true);
  const valuesRewritten = await rewriteAccounts(store, where, { ids, name: FORMER_USER, dropContact: true });
  for (const scope of scopes) await reviseAccounts(store, scope, { erased });
  const closed = new Set([...((await store.get<string[]>(CLOSED_KEY)) ?? []), ...ids.values()]);
  await store.set(CLOSED_KEY, [...closed].sort());
  return { valuesRewritten };
}

/**
 * An account whose profile changed, with its current name: the values of the index scopes naming it get that
 * name wherever they gave it another, and the index records the account as read at `at`. Nothing else is read
 * again. Run it while no scan is writing, as an erasure.
 */
export async function renameAccount(
  store: KeyValueStore,
  accountId: string,
  displayName: string,
  at: string,
): Promise<ScrubResult> {
  const refreshed = new Set([accountId]);
  const { scopes, ...where } = await scopesNaming(store, refreshed, false);
  const ids = new Map([[accountId, accountId]]);
  const valuesRewritten = await rewriteAccounts(store, where, { ids, name: displayName, dropContact: false });
  for (const scope of scopes) await reviseAccounts(store, scope, { refreshed, at });
  return { valuesRewritten };
}
