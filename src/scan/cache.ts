/**
 * Reading and changing a project's cached issues. Every change is copy-on-write: new chunks and a new chunk table
 * are written under new ids, then the head is replaced (the one write that makes them visible), then what they
 * replaced is deleted. A reader that raced a deletion sees a missing part and starts again from the new head.
 */
import type { ReadProblem } from '../domain/model';
import type { RestIssue, SiteSnapshot } from '../jira/snapshot';
import { SNAPSHOT_FORMAT } from '../jira/snapshot';
import { UserCollector } from '../jira/read-site';
import type { KeyValueStore } from '../store/key-value';
import { accountIdsIn, addAccounts, forgetAccountScope, scanScope, scanValues, stagedScanScope } from './account-index';
import { deleteBlob, readBlob, writeBlob } from './blob';
import { issueNumber } from '../domain/issue-key';
import { byKeyNumber, chunkIndexFor, readChunk, writeChunks, type ChunkRow } from './chunks';
import { dropIssueMarks } from './marks';
import {
  cachedProjectKeys,
  dataPrefix,
  failureKey,
  headKey,
  jobKey,
  leaseKey,
  readHead,
  readSiteHead,
  SITE_DATA_PREFIX,
  type ProjectDirectory,
  type ProjectHead,
  type SiteData,
} from './state';

const READ_ATTEMPTS = 3;
/** Chunks read at once; Forge KVS is called over the network, one value a call. */
const PARALLEL_READS = 16;

export interface CachedProject {
  head: ProjectHead;
  directory: ProjectDirectory;
  issues: RestIssue[];
}

interface ProjectTable {
  head: ProjectHead;
  rows: ChunkRow[];
  directory: ProjectDirectory;
}

/** Marks a read that met a part a newer head had already replaced: it is started again. */
const CHANGED = Symbol('the cache changed under the read');

/**
 * Reads a project's head, chunk table and directory, then `read`s on from them; starts again (a few times) when a
 * newer head replaced what was being read. Undefined when the project is not cached.
 */
async function readConsistently<T>(
  store: KeyValueStore,
  projectKey: string,
  read: (table: ProjectTable) => Promise<T | typeof CHANGED>,
): Promise<T | undefined> {
  const prefix = dataPrefix(projectKey);
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const head = await readHead(store, projectKey);
    if (!head) return undefined;
    const [rows, directory] = await Promise.all([
      readBlob<ChunkRow[]>(store, prefix, head.table),
      readBlob<ProjectDirectory>(store, prefix, head.directory),
    ]);
    if (!rows || !directory) continue;
    const result = await read({ head, rows, directory });
    if (result !== CHANGED) return result;
  }
  throw new Error(`The cache of project ${projectKey} kept changing while it was read; try again.`);
}

/** The issues of these chunk rows, or CHANGED when one of them was already replaced. */
async function readRows(
  store: KeyValueStore,
  projectKey: string,
  rows: readonly ChunkRow[],
): Promise<RestIssue[] | typeof CHANGED> {
  const chunks = await mapLimited(rows, PARALLEL_READS, (row) => readChunk(store, dataPrefix(projectKey), row));
  return chunks.some((chunk) => chunk === undefined) ? CHANGED : chunks.flatMap((chunk) => chunk ?? []);
}

/**
 * A project's complete cached state, or undefined when there is none. With `issueKeys`, only those issues are
 * read (the chunks that hold them), for an audit that needs a few of another project's issues.
 */
export async function readCachedProject(
  store: KeyValueStore,
  projectKey: string,
  issueKeys?: ReadonlySet<string>,
): Promise<CachedProject | undefined> {
  return readConsistently(store, projectKey, async ({ head, rows, directory }) => {
    const wanted =
      issueKeys && rows.length > 0
        ? [...new Set([...issueKeys].map((key) => chunkIndexFor(rows, issueNumber(key))))]
            .sort((a, b) => a - b)
            .map((index) => rows[index]!)
        : rows;
    const issues = await readRows(store, projectKey, wanted);
    if (issues === CHANGED) return CHANGED;
    return { head, directory, issues: issueKeys ? issues.filter((issue) => issueKeys.has(issue.key)) : issues };
  });
}

export interface CachedSite {
  snapshot: SiteSnapshot;
  /** What the scans could not read, per project. */
  problems: ReadProblem[];
  projects: ProjectHead[];
}

/**
 * The cached projects (all complete ones when no keys are given) as one site snapshot, the format readSite
 * produces: normalise and audit it as if it had just been read. With `issueKeys`, only those issues.
 */
export async function readCachedSite(
  store: KeyValueStore,
  projectKeys?: readonly string[],
  issueKeys?: ReadonlySet<string>,
): Promise<CachedSite | undefined> {
  const keys = [...new Set(projectKeys ?? (await cachedProjectKeys(store)))].sort();
  const projects = (await Promise.all(keys.map((key) => readCachedProject(store, key, issueKeys)))).filter(
    (project): project is CachedProject => project !== undefined,
  );
  const site = await readSiteData(store);
  return projects.length > 0 && site ? cachedSite(site, projects) : undefined;
}

/**
 * One cached project a batch of about `batchIssues` issues at a time, each batch with the project's directory as
 * a site snapshot of its own: for taking in a big project without holding all of its raw issues at once. Starts
 * again when the project's cache changed under the read; undefined when it is not cached.
 */
export async function readCachedProjectInBatches<T>(
  store: KeyValueStore,
  projectKey: string,
  batchIssues: number,
  take: (batch: CachedSite) => T,
): Promise<T[] | undefined> {
  const site = await readSiteData(store);
  if (!site) return undefined;
  return readConsistently(store, projectKey, async ({ head, rows, directory }) => {
    const results: T[] = [];
    for (const batch of batchesOf(rows, batchIssues)) {
      const issues = await readRows(store, projectKey, batch);
      if (issues === CHANGED) return CHANGED;
      results.push(take(cachedSite(site, [{ head, directory, issues }])));
    }
    return results;
  });
}

/** Consecutive chunk rows holding about `issues` issues together (at least one row each). */
function batchesOf(rows: readonly ChunkRow[], issues: number): ChunkRow[][] {
  const batches: ChunkRow[][] = [];
  let current: ChunkRow[] = [];
  let count = 0;
  for (const row of rows) {
    if (current.length > 0 && count + row.count > issues) {
      batches.push(current);
      current = [];
      count = 0;
    }
    current.push(row);
    count += row.count;
  }
  if (current.length > 0 || batches.length === 0) batches.push(current);
  return batches;
}

/** What the scans keep about the site as a whole: its address, field catalogue, users and groups. */
async function readSiteData(store: KeyValueStore): Promise<{ baseUrl: string; data: SiteData } | undefined> {
  const siteHead = await readSiteHead(store);
  const data = siteHead ? await readBlob<SiteData>(store, SITE_DATA_PREFIX, siteHead.data) : undefined;
  return siteHead && data ? { baseUrl: siteHead.baseUrl, data } : undefined;
}

/** Cached projects (their issues as read) as one site snapshot with the site's own data. */
function cachedSite(site: { baseUrl: string; data: SiteData }, projects: CachedProject[]): CachedSite {
  const { baseUrl, data: siteData } = site;

  const users = new UserCollector();
  for (const project of projects) users.add(project.directory.project.lead);
  for (const project of projects) project.directory.users.forEach((user) => users.add(user));
  siteData.users.forEach((user) => users.add(user));
  const groups = new Map(siteData.groups.map((group) => [group.name, group]));
  const boards = new Map<number, SiteSnapshot['boards'][number]>();
  const sprints: SiteSnapshot['sprints'] = {};
  for (const { directory } of projects) {
    for (const group of directory.groups) if (!groups.has(group.name)) groups.set(group.name, group);
    for (const board of directory.boards) boards.set(Number(board.id), board);
    Object.assign(sprints, directory.sprints);
  }
  const issues = projects.flatMap((project) => project.issues);
  for (const issue of issues) users.addIssue(issue);
  const snapshot: SiteSnapshot = {
    format: SNAPSHOT_FORMAT,
    capturedAt: projects.map((project) => project.head.scannedAt).sort()[0],
    baseUrl,
    fields: siteData.fields,
    users: users.list(),
    groups: [...groups.values()].sort((a, b) => a.name.localeCompare(b.name)),
    projects: projects.map((project) => project.directory.project),
    projectRoles: Object.fromEntries(projects.map((project) => [project.head.projectKey, project.directory.roles])),
    boards: [...boards.values()].sort((a, b) => Number(a.id) - Number(b.id)),
    sprints,
    issues,
  };
  const problems = projects.flatMap((project) => [...project.directory.problems, ...project.head.problems]);
  return { snapshot, problems, projects: projects.map((project) => project.head) };
}

/** A project's head and chunk table, loaded to change its issues. */
export class ProjectCache {
  private readonly loaded = new Map<number, RestIssue[]>();

  private constructor(
    private readonly store: KeyValueStore,
    readonly head: ProjectHead,
    private rows: ChunkRow[],
  ) {}

  static async load(store: KeyValueStore, projectKey: string): Promise<ProjectCache | undefined> {
    const head = await readHead(store, projectKey);
    if (!head) return undefined;
    const rows = await readBlob<ChunkRow[]>(store, dataPrefix(projectKey), head.table);
    if (!rows) throw new Error(`The chunk table of project ${projectKey} is missing.`);
    return new ProjectCache(store, head, rows);
  }

  get table(): readonly ChunkRow[] {
    return this.rows;
  }

  private get prefix(): string {
    return dataPrefix(this.head.projectKey);
  }

  async chunk(index: number): Promise<RestIssue[]> {
    const known = this.loaded.get(index);
    if (known) return known;
    const row = this.rows[index];
    const issues = row ? await readChunk(this.store, this.prefix, row) : [];
    if (!issues) throw new Error(`A chunk of project ${this.head.projectKey} is missing.`);
    this.loaded.set(index, issues);
    return issues;
  }

  /** The cached copy of an issue, if any, found by its key number. */
  async cached(issue: Pick<RestIssue, 'id' | 'key'>): Promise<RestIssue | undefined> {
    if (this.rows.length === 0) return undefined;
    return (await this.chunk(chunkIndexFor(this.rows, issueNumber(issue.key)))).find(
      (candidate) => candidate.id === issue.id,
    );
  }

  /** The cached copy of an issue, if any, found by its key. */
  async cachedByKey(key: string): Promise<RestIssue | undefined> {
    if (this.rows.length === 0) return undefined;
    return (await this.chunk(chunkIndexFor(this.rows, issueNumber(key)))).find((candidate) => candidate.key === key);
  }

  /**
   * Writes issues in (replacing cached copies by id) and drops others (by id, located by key), then makes the
   * result visible with the head changes given. Returns how many issues were written.
   */
  async apply(
    upserts: readonly RestIssue[],
    removals: ReadonlyArray<{ id: string; key: string }>,
    headChanges: Partial<ProjectHead> = {},
  ): Promise<number> {
    const changed = new Map<number, RestIssue[]>();
    const indexFor = (key: string) => (this.rows.length === 0 ? 0 : chunkIndexFor(this.rows, issueNumber(key)));
    const editable = async (index: number) => {
      let list = changed.get(index);
      if (!list) changed.set(index, (list = [...(await this.chunk(index))]));
      return list;
    };
    for (const issue of upserts) {
      const list = await editable(indexFor(issue.key));
      const at = list.findIndex((candidate) => candidate.id === issue.id);
      if (at >= 0) list[at] = issue;
      else list.push(issue);
    }
    for (const removal of removals) {
      const index = indexFor(removal.key);
      if ((changed.get(index) ?? (await this.chunk(index))).some((candidate) => candidate.id === removal.id)) {
        const list = await editable(index);
        list.splice(
          list.findIndex((candidate) => candidate.id === removal.id),
          1,
        );
      }
    }
    if (changed.size === 0 && Object.keys(headChanges).length === 0) return 0;

    const replacements = new Map<number, ChunkRow[]>();
    for (const [index, list] of changed)
      replacements.set(index, await writeChunks(this.store, this.prefix, list.sort(byKeyNumber)));
    const rows =
      this.rows.length === 0
        ? (replacements.get(0) ?? [])
        : this.rows.flatMap((row, index) => replacements.get(index) ?? [row]);
    const replaced = this.rows.filter((_, index) => replacements.has(index));
    const oldTable = this.head.table;
    const table = changed.size > 0 ? await writeBlob(this.store, this.prefix, rows) : oldTable;
    Object.assign(this.head, headChanges, { table, issues: rows.reduce((sum, row) => sum + row.count, 0) });
    await this.store.set(headKey(this.head.projectKey), this.head);
    if (upserts.length > 0) {
      const { projectKey, scannedAt } = this.head;
      await addAccounts(this.store, scanScope(projectKey), scanValues(projectKey), accountIdsIn(upserts), scannedAt);
    }
    if (table !== oldTable) await deleteBlob(this.store, this.prefix, oldTable);
    await Promise.all(replaced.map((row) => deleteBlob(this.store, this.prefix, row.blob)));
    this.rows = rows;
    this.loaded.clear();
    return upserts.length;
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The directory (project, roles, boards, sprints) of a cached project. */
export async function readCachedDirectory(
  store: KeyValueStore,
  projectKey: string,
): Promise<ProjectDirectory | undefined> {
  const head = await readHead(store, projectKey);
  return head ? readBlob<ProjectDirectory>(store, dataPrefix(projectKey), head.directory) : undefined;
}

/** Everything kept about a project Jira no longer lists (deleted, archived, or hidden from the app). */
export async function forgetProject(store: KeyValueStore, projectKey: string): Promise<void> {
  await Promise.all([
    store.delete(headKey(projectKey)),
    store.delete(jobKey(projectKey)),
    store.delete(leaseKey(projectKey)),
    store.delete(failureKey(projectKey)),
    dropIssueMarks(store, projectKey),
    forgetAccountScope(store, scanScope(projectKey)),
    forgetAccountScope(store, stagedScanScope(projectKey)),
  ]);
  await Promise.all((await store.keysWithPrefix(dataPrefix(projectKey))).map((key) => store.delete(key)));
}
