/**
 * The account index: which Atlassian accounts the stored values name, where, and since when. Each writer of
 * values that name accounts (a project's scan, the site data read, a stored report, the configuration) keeps one
 * index scope when it writes them, so that the hourly personal-data job reads these small values and never the
 * values themselves, and a closed account's erasure reads only the scopes that name it.
 *
 * `privacy:accounts:<scope>` holds a blob reference; the scope's index is the blob under
 * `privacy:accounts-data:<scope>:` (one value, in parts past the value budget, as blob.ts cuts them).
 */
import type { KeyValueStore } from '../store/key-value';
import { deleteBlob, readBlob, writeBlob, type BlobRef } from './blob';
import { dataPrefix, headKey, jobKey, SITE_DATA_PREFIX, SITE_KEY } from './state';

const POINTER_PREFIX = 'privacy:accounts:';
const dataPrefixOf = (scope: string) => `privacy:accounts-data:${scope}:`;

/** Where a scope's values are kept: what an erasure reads and rewrites. */
export interface AccountScopeValues {
  /** Key prefixes of the plain values (blobs and the values pointing at them). */
  prefixes: string[];
  /** Also the versioned entries under these prefixes (the configuration). */
  entryPrefixes?: string[];
}

export interface AccountIndex extends AccountScopeValues {
  /** Account ids by the time (ISO 8601) of the oldest read from Jira of what the scope holds of them. */
  seen: Record<string, string[]>;
}

interface IndexPointer {
  blob: BlobRef;
}

export const scanScope = (projectKey: string) => `scan:${projectKey}`;
/** A full scan's chunks as it writes them, until its commit makes them the project's. */
export const stagedScanScope = (projectKey: string) => `scan-staged:${projectKey}`;
export const SITE_SCOPE = 'site';
/** A stored report's or digest's scope is named by its pointer's key, its values under its blobs' prefix. */
export const derivedValues = (pointerKey: string, blobPrefix: string): AccountScopeValues => ({
  prefixes: [blobPrefix, pointerKey],
});
export const CONFIG_SCOPE = 'config';

/** Where a project's scan keeps what names accounts: its blobs, and the head and checkpoint pointing at them. */
export function scanValues(projectKey: string): AccountScopeValues {
  return { prefixes: [dataPrefix(projectKey), headKey(projectKey), jobKey(projectKey)] };
}

export const SITE_VALUES: AccountScopeValues = { prefixes: [SITE_DATA_PREFIX, SITE_KEY] };
/** The configuration: versioned entries on Forge, plain values in the local store. */
export const CONFIG_VALUES: AccountScopeValues = { prefixes: ['config:'], entryPrefixes: ['config:'] };

function walk(value: unknown, visit: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const entry of value) walk(entry, visit);
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>);
    for (const entry of Object.values(value)) walk(entry, visit);
  }
}

/** What a closed account's id becomes (personal-data.ts): never indexed, never reported. */
export const PLACEHOLDER_PREFIX = 'former-user-';

export function isPlaceholder(accountId: string): boolean {
  return accountId.startsWith(PLACEHOLDER_PREFIX);
}

/** Every account a value names with an `accountId`, and the names (`displayName`) it gives them. */
export function accountsIn(value: unknown, found: (accountId: string, displayName: string | undefined) => void): void {
  walk(value, (object) => {
    const { accountId, displayName } = object;
    if (typeof accountId === 'string' && accountId !== '' && !isPlaceholder(accountId))
      found(accountId, typeof displayName === 'string' ? displayName : undefined);
  });
}

/**
 * The shapes of Atlassian account ids (24 hex digits, or a 6-digit prefix, a colon and a UUID): values name
 * accounts by id alone too (group members, role mappings, changelog values, a report's role holders).
 */
const ACCOUNT_ID_SHAPE = /^(?:[0-9a-f]{24}|\d{6}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function collectIdShaped(value: unknown, ids: Set<string>): void {
  if (typeof value === 'string') {
    if (ACCOUNT_ID_SHAPE.test(value)) ids.add(value);
  } else if (Array.isArray(value)) for (const entry of value) collectIdShaped(entry, ids);
  else if (value && typeof value === 'object')
    for (const [key, entry] of Object.entries(value)) {
      if (ACCOUNT_ID_SHAPE.test(key)) ids.add(key);
      collectIdShaped(entry, ids);
    }
}

/** Every account the values name: in an `accountId`, or as a string (or key) shaped like an account id. */
export function accountIdsIn(values: Iterable<unknown>): Set<string> {
  const ids = new Set<string>();
  for (const value of values) {
    accountsIn(value, (accountId) => ids.add(accountId));
    collectIdShaped(value, ids);
  }
  return ids;
}

/** Each account's time, from the index's grouping by time. */
export function seenByAccount(index: Pick<AccountIndex, 'seen'>): Map<string, string> {
  const byAccount = new Map<string, string>();
  for (const [at, accountIds] of Object.entries(index.seen))
    for (const accountId of accountIds) byAccount.set(accountId, at);
  return byAccount;
}

function seenByTime(byAccount: ReadonlyMap<string, string>): Record<string, string[]> {
  const seen: Record<string, string[]> = {};
  for (const [accountId, at] of [...byAccount].sort(([a], [b]) => a.localeCompare(b)))
    (seen[at] ??= []).push(accountId);
  return seen;
}

export async function readAccountIndex(store: KeyValueStore, scope: string): Promise<AccountIndex | undefined> {
  const pointer = await store.get<IndexPointer>(`${POINTER_PREFIX}${scope}`);
  return pointer ? readBlob<AccountIndex>(store, dataPrefixOf(scope), pointer.blob) : undefined;
}

/** Every scope's index: what the personal-data job reads, and all it reads of the store's accounts. */
export async function readAccountIndexes(store: KeyValueStore): Promise<Map<string, AccountIndex>> {
  const scopes = (await store.keysWithPrefix(POINTER_PREFIX)).map((key) => key.slice(POINTER_PREFIX.length));
  const indexes = new Map<string, AccountIndex>();
  for (const scope of scopes) {
    const index = await readAccountIndex(store, scope);
    if (index) indexes.set(scope, index);
  }
  return indexes;
}

async function writeAccountIndex(store: KeyValueStore, scope: string, index: AccountIndex): Promise<void> {
  const key = `${POINTER_PREFIX}${scope}`;
  const previous = await store.get<IndexPointer>(key);
  const blob = await writeBlob(store, dataPrefixOf(scope), index);
  await store.set<IndexPointer>(key, { blob });
  if (previous) await deleteBlob(store, dataPrefixOf(scope), previous.blob);
}

/**
 * A scope's accounts replaced by these, read at `at`. A full read (a scan's commit, the site data) gives each its
 * new time; values derived from stored data (`derived`: reports, digests) keep the time an account already had, so
 * that rewriting them writes the index only when the people they name change.
 */
export async function replaceAccounts(
  store: KeyValueStore,
  scope: string,
  where: AccountScopeValues,
  accountIds: Iterable<string>,
  at: string,
  derived = false,
): Promise<void> {
  const current = await readAccountIndex(store, scope);
  const known = derived && current ? seenByAccount(current) : new Map<string, string>();
  const byAccount = new Map([...accountIds].map((accountId) => [accountId, known.get(accountId) ?? at]));
  const next: AccountIndex = { ...where, seen: seenByTime(byAccount) };
  if (JSON.stringify(current) !== JSON.stringify(next)) await writeAccountIndex(store, scope, next);
}

/**
 * Accounts added to a scope that keeps its other values (a refresh wrote some of them): each new account with
 * `at`, an account already indexed keeping its older time. Written only when an account is new to the scope.
 */
export async function addAccounts(
  store: KeyValueStore,
  scope: string,
  where: AccountScopeValues,
  accountIds: Iterable<string>,
  at: string,
): Promise<void> {
  const current = await readAccountIndex(store, scope);
  const byAccount = current ? seenByAccount(current) : new Map<string, string>();
  const before = byAccount.size;
  for (const accountId of accountIds) if (!byAccount.has(accountId)) byAccount.set(accountId, at);
  if (current && byAccount.size === before) return;
  await writeAccountIndex(store, scope, { ...where, seen: seenByTime(byAccount) });
}

/** Accounts a scope no longer names (erased), or whose stored profile was read again at `at` (refreshed). */
export async function reviseAccounts(
  store: KeyValueStore,
  scope: string,
  change: { erased?: ReadonlySet<string>; refreshed?: ReadonlySet<string>; at?: string },
): Promise<void> {
  const current = await readAccountIndex(store, scope);
  if (!current) return;
  const byAccount = seenByAccount(current);
  for (const accountId of change.erased ?? []) byAccount.delete(accountId);
  if (change.at)
    for (const accountId of change.refreshed ?? []) if (byAccount.has(accountId)) byAccount.set(accountId, change.at);
  const { seen: _seen, ...where } = current;
  await writeAccountIndex(store, scope, { ...where, seen: seenByTime(byAccount) });
}

/** The index scopes whose names start with this prefix (the reports of a view dropped with them). */
export async function forgetAccountScopesWithPrefix(store: KeyValueStore, prefix: string): Promise<void> {
  for (const key of await store.keysWithPrefix(`${POINTER_PREFIX}${prefix}`))
    await forgetAccountScope(store, key.slice(POINTER_PREFIX.length));
}

export async function forgetAccountScope(store: KeyValueStore, scope: string): Promise<void> {
  const key = `${POINTER_PREFIX}${scope}`;
  const pointer = await store.get<IndexPointer>(key);
  await store.delete(key);
  if (pointer) await deleteBlob(store, dataPrefixOf(scope), pointer.blob);
}

/**
 * A full scan's commit: the project's accounts become those its chunks (indexed as the scan wrote them) and its
 * directory name, all read at the scan's start; accounts only the previous generation named are dropped.
 */
export async function commitScanAccounts(
  store: KeyValueStore,
  projectKey: string,
  directory: BlobRef,
  at: string,
): Promise<void> {
  const staged = await readAccountIndex(store, stagedScanScope(projectKey));
  const ids = accountIdsIn([await readBlob(store, dataPrefix(projectKey), directory)]);
  for (const accountId of staged ? seenByAccount(staged).keys() : []) ids.add(accountId);
  await replaceAccounts(store, scanScope(projectKey), scanValues(projectKey), ids, at);
  await forgetAccountScope(store, stagedScanScope(projectKey));
}
