/**
 * The audit job audits what changed, not the site. Beside each project's stored report it keeps a digest of the
 * project (`audit:digest:KEY`, a blob under `audit:digest-data:KEY:`; a view's under its own prefix): the project's
 * outline (its items as links, each with a fingerprint of its content), what people decided there, its items other
 * projects' audits read whole, its part of the report, and fingerprints of what each of those rests on; and apart,
 * its items outlined (`audit:outline:KEY`), which another project's audit reads only for the items related to its
 * own, so that no audit holds the whole site's items. An audit reads every digest (no chunk) and loads a project's
 * cache only when what its results rest on changed:
 * - its outline, when its cache changed (`source`);
 * - its decisions and carried items, when its `context` changed: its cache, the configuration, the site's frame
 *   (people, groups, projects, boards, sprints) or the other projects' items linked to its own (parent chains both
 *   ways, shared sprints);
 * - its part of the report, when its `inputs` changed: its context, the whole site's decision facts (inferred roles,
 *   strategic decisions) or the other projects' items it reads whole.
 */
import type { AuditConfig } from '../config/types';
import type { Item, Site } from '../domain/model';
import {
  auditProject,
  CrossProjectLinks,
  foreignNeeds,
  mergeOutlines,
  outlinedItems,
  outlineProject,
  pooledItems,
  projectDecisions,
  sharedDecisionFacts,
  ValuePool,
  type ForeignItems,
  type ItemLink,
  type ProjectAudit,
  type ProjectDecisions,
  type ProjectOutline,
  type SiteOutline,
} from '../audit/sharded';
import type { KeyValueStore } from '../store/key-value';
import { accountIdsIn, derivedValues, replaceAccounts } from './account-index';
import { deleteBlob, readBlob, writeBlob, type BlobRef } from './blob';
import { idHash } from './chunks';
import { readHead, readSiteHead, type ProjectHead } from './state';

/** An item's link with a fingerprint of its outlined content: another project's context rests on it. */
export type PrintedLink = ItemLink & { print: string };

export interface DigestOutline extends ProjectOutline {
  items: PrintedLink[];
}

/** Raised when what a digest holds changes, so that digests stored before are worked out again, not misread. */
const DIGEST_FORMAT = 2;

export interface ProjectDigest {
  format: number;
  projectKey: string;
  source: string;
  context: string;
  inputs: string;
  outline: DigestOutline;
  decisions: ProjectDecisions;
  /** The project's items some other project's audit reads whole, with their actions. */
  carried: ForeignItems;
  part: ProjectAudit;
}

/** One project's cache normalised, or undefined when it holds nothing; `issueKeys` limits it to those issues. */
export type ProjectLoader = (projectKey: string, issueKeys?: ReadonlySet<string>) => Promise<Site | undefined>;

export interface IncrementalAudit {
  outline: SiteOutline;
  heads: ProjectHead[];
  parts: ProjectAudit[];
  /** The projects whose part was worked out again (the rest kept their stored part). */
  audited: string[];
}

const digestKey = (scope: string, projectKey: string) => `${scope}digest:${projectKey}`;
const digestDataPrefix = (scope: string, projectKey: string) => `${scope}digest-data:${projectKey}:`;
const outlinedKey = (scope: string, projectKey: string) => `${scope}outline:${projectKey}`;
const outlinedDataPrefix = (scope: string, projectKey: string) => `${scope}outline-data:${projectKey}:`;

/** Where a project's outlined items are stored, and the cache state they were made from. */
interface OutlinedPointer {
  source: string;
  blob: BlobRef;
}

const fingerprint = (...parts: unknown[]) =>
  idHash(parts.map((part, index) => `${index}:${typeof part === 'string' ? part : JSON.stringify(part)}`)).toString(36);

/**
 * Audits the projects (`scope` is the stored reports' key prefix) from their digests, loading a project's cache
 * only where what its results rest on changed, and stores the digests that changed. `clock` is the stretch of time
 * the audit stands for: when it moves on, every project is audited again at the new time.
 */
export async function auditFromDigests(
  store: KeyValueStore,
  config: AuditConfig,
  configPrint: string,
  now: Date,
  clock: string,
  scope: string,
  projectKeys: readonly string[],
  load: ProjectLoader,
): Promise<IncrementalAudit | undefined> {
  const siteData = (await readSiteHead(store))?.data.id ?? '';
  const heads = new Map<string, ProjectHead>();
  for (const head of await Promise.all(projectKeys.map((key) => readHead(store, key))))
    if (head) heads.set(head.projectKey, head);
  const sourceOf = (head: ProjectHead) => `${head.table.id}|${head.directory.id}|${siteData}`;
  // The one project loaded last stays at hand: after a change in one project, its three uses load it once.
  let held: { key: string; site: Site } | undefined;
  const loadWhole = async (key: string) => {
    if (held?.key === key) return held.site;
    held = undefined;
    const site = await load(key);
    if (site) held = { key, site };
    return site;
  };
  // A project's whole site is used only inside functions of its own, never in a loop of this one: V8 keeps a
  // suspended async function's registers, so a site held by a loop variable here would stay alive beside the next
  // project's (at 100k issues, two extra projects of 90 MB each, past the job's memory).
  const outlineLoaded = async (key: string, source: string) => {
    const site = await loadWhole(key);
    return site && writeOutlined(store, scope, site, key, source, now);
  };

  const outlines: DigestOutline[] = [];
  const sources = new Map<string, string>();
  // Digests are kept without their outlines: the copy in `outlines` is the one held.
  const stored = new Map<string, Omit<ProjectDigest, 'outline'>>();
  for (const [key, head] of heads) {
    const source = sourceOf(head);
    const read = await readDigest(store, scope, key);
    if (read) {
      const { outline: storedOutline, ...digest } = read;
      stored.set(key, digest);
      if (digest.source === source && (await readOutlinedPointer(store, scope, key))?.source === source) {
        outlines.push(storedOutline);
        sources.set(key, source);
        continue;
      }
    }
    const outlined = await outlineLoaded(key, source);
    if (!outlined) continue;
    outlines.push(outlined);
    sources.set(key, source);
  }
  if (outlines.length === 0) return undefined;
  const outline = mergeOutlines(outlines);
  const keys = outlines.map((each) => each.projectKey);
  const links = new CrossProjectLinks(outline);
  // When the data was read is no input of any rule: a project's refresh moving it must not re-audit the site.
  const { actionCount: _count, items: _items, capturedAt: _capturedAt, ...frame } = outline;
  const frameHash = fingerprint(frame);
  const relatedHash = (key: string) => idHash(links.relatedItems(key).map((link) => `${link.key}|${link.print}`));
  const pool = new ValuePool();
  const relatedOf = (key: string) => readRelated(store, scope, links.relatedItems(key), pool);
  const contexts = new Map(
    keys.map((key) => [key, fingerprint(configPrint, clock, sources.get(key)!, frameHash, relatedHash(key))]),
  );

  const carriedKeys = links.carriedKeys();
  const decideLoaded = async (key: string) => {
    const site = (await loadWhole(key))!;
    return {
      decisions: projectDecisions(site, outline, key, await relatedOf(key), config, { now }),
      carried: carriedOf(site, carriedKeys),
    };
  };
  const decided: ProjectDecisions[] = [];
  const carried = new Map<string, ForeignItems>();
  for (const key of keys) {
    const digest = stored.get(key);
    if (digest && digest.context === contexts.get(key)) {
      decided.push(digest.decisions);
      carried.set(key, digest.carried);
      continue;
    }
    // Its decisions and part are worked out again: the stored ones need not be held meanwhile.
    stored.delete(key);
    const fresh = await decideLoaded(key);
    decided.push(fresh.decisions);
    carried.set(key, fresh.carried);
  }

  const factsHash = fingerprint(sharedDecisionFacts(outline, decided, config));
  const carriedItems = new Map<string, { item: Item; actions: ForeignItems['actions'] }>();
  for (const part of carried.values()) {
    for (const item of part.items) carriedItems.set(item.key, { item, actions: [] });
    for (const action of part.actions) carriedItems.get(action.itemKey)?.actions.push(action);
  }
  const auditLoaded = async (key: string, foreign: ForeignItems) => {
    const site = (await loadWhole(key))!;
    return auditProject(site, outline, key, decided, foreign, await relatedOf(key), config, { now });
  };
  const parts: ProjectAudit[] = [];
  const audited: string[] = [];
  for (const key of keys) {
    const foreign = await foreignItemsOf(outline, key, keys, carriedItems, load);
    const inputs = fingerprint(contexts.get(key)!, factsHash, foreign);
    const digest = stored.get(key);
    if (digest && digest.inputs === inputs) {
      parts.push(digest.part);
      continue;
    }
    const part = await auditLoaded(key, foreign);
    parts.push(part);
    audited.push(key);
    await writeDigest(
      store,
      scope,
      {
        format: DIGEST_FORMAT,
        projectKey: key,
        source: sources.get(key)!,
        context: contexts.get(key)!,
        inputs,
        outline: outlines.find((each) => each.projectKey === key)!,
        decisions: decided.find((each) => each.projectKey === key)!,
        carried: carried.get(key)!,
        part,
      },
      now,
    );
  }
  return { outline, heads: keys.map((key) => heads.get(key)!), parts, audited };
}

/** The items of a project other projects' audits read whole, with their actions. */
function carriedOf(site: Site, carriedKeys: ReadonlySet<string>): ForeignItems {
  const items = site.items.filter((item) => carriedKeys.has(item.key));
  const keys = new Set(items.map((item) => item.key));
  return { items, actions: site.actions.filter((action) => keys.has(action.itemKey)) };
}

/**
 * The other projects' items a project's audit reads whole: from their digests, or, for one a digest does not carry
 * yet, from its project's cache.
 */
async function foreignItemsOf(
  outline: SiteOutline,
  projectKey: string,
  cachedKeys: readonly string[],
  carriedItems: ReadonlyMap<string, { item: Item; actions: ForeignItems['actions'] }>,
  load: ProjectLoader,
): Promise<ForeignItems> {
  const foreign: ForeignItems = { items: [], actions: [] };
  const missing = new Set<string>();
  for (const key of foreignNeeds(outline, projectKey)) {
    const known = carriedItems.get(key);
    if (!known) missing.add(key);
    else {
      foreign.items.push(known.item);
      foreign.actions.push(...known.actions);
    }
  }
  const projectOf = new Map(outline.items.map((item) => [item.key, item.projectKey]));
  const owners = [...new Set([...missing].map((key) => projectOf.get(key)!))].filter((key) => cachedKeys.includes(key));
  for (const owner of owners) {
    const site = await load(owner, missing);
    if (!site) continue;
    foreign.items.push(...site.items);
    foreign.actions.push(...site.actions);
  }
  return foreign;
}

async function readDigest(store: KeyValueStore, scope: string, projectKey: string): Promise<ProjectDigest | undefined> {
  const ref = await store.get<BlobRef>(digestKey(scope, projectKey));
  const digest = ref ? await readBlob<ProjectDigest>(store, digestDataPrefix(scope, projectKey), ref) : undefined;
  return digest?.format === DIGEST_FORMAT ? digest : undefined;
}

const readOutlinedPointer = (store: KeyValueStore, scope: string, projectKey: string) =>
  store.get<OutlinedPointer>(outlinedKey(scope, projectKey));

/** Stores the project's items outlined, and gives its outline: its frame and its items' links with their prints. */
async function writeOutlined(
  store: KeyValueStore,
  scope: string,
  site: Site,
  projectKey: string,
  source: string,
  at: Date,
): Promise<DigestOutline> {
  const items = outlinedItems(site, projectKey);
  const prints = new Map(items.map((item) => [item.key, idHash([JSON.stringify(item)]).toString(36)]));
  const outline = outlineProject(site, projectKey);
  const key = outlinedKey(scope, projectKey);
  const prefix = outlinedDataPrefix(scope, projectKey);
  const previous = await store.get<OutlinedPointer>(key);
  const blob = await writeBlob(store, prefix, items);
  await store.set<OutlinedPointer>(key, { source, blob });
  if (previous) await deleteBlob(store, prefix, previous.blob);
  await replaceAccounts(store, key, derivedValues(key, prefix), accountIdsIn([items]), at.toISOString(), true);
  return { ...outline, items: outline.items.map((link) => ({ ...link, print: prints.get(link.key)! })) };
}

/** The outlined items the links name, read from their projects' stored outlines, in the links' order. */
async function readRelated(
  store: KeyValueStore,
  scope: string,
  related: readonly ItemLink[],
  pool: ValuePool,
): Promise<Item[]> {
  const found = new Map<string, Item>();
  for (const projectKey of new Set(related.map((link) => link.projectKey))) {
    const pointer = await readOutlinedPointer(store, scope, projectKey);
    const items = pointer && (await readBlob<Item[]>(store, outlinedDataPrefix(scope, projectKey), pointer.blob));
    if (!items) throw new Error(`The outlined items of ${projectKey} are not stored: its audit cannot go on.`);
    const wanted = new Set(related.filter((link) => link.projectKey === projectKey).map((link) => link.key));
    for (const item of pooledItems(
      items.filter((each) => wanted.has(each.key)),
      pool,
    ))
      found.set(item.key, item);
  }
  return related.flatMap((link) => found.get(link.key) ?? []);
}

async function writeDigest(store: KeyValueStore, scope: string, digest: ProjectDigest, at: Date): Promise<void> {
  const prefix = digestDataPrefix(scope, digest.projectKey);
  const key = digestKey(scope, digest.projectKey);
  const previous = await store.get<BlobRef>(key);
  const ref = await writeBlob(store, prefix, digest);
  await store.set(key, ref);
  if (previous) await deleteBlob(store, prefix, previous);
  await replaceAccounts(store, key, derivedValues(key, prefix), accountIdsIn([digest]), at.toISOString(), true);
}
