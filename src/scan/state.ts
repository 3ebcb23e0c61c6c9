/**
 * What the scan keeps in the key-value store, and under which keys. Per project:
 *
 * - `scan:head:KEY` — the small entry readers start from: the current chunk table, directory (project, roles,
 *   boards, sprints, groups) and the scan's timestamps. Replacing it is the one write that makes new data visible.
 * - `scan:data:KEY:<id>:<part>` — blobs a head points at (chunk table, chunks of issues, directory) and blobs a
 *   running scan has staged; a blob nothing points at is garbage, collected after each full scan.
 * - `scan:job:KEY` — the checkpoint of a scan in progress; `scan:lease:KEY` — who is stepping it right now.
 * - `scan:failure:KEY` — the last step that failed, and whether the scan was given up, until one completes.
 * - `scan:mark:KEY:…` — what product events said changed since the last refresh (see marks.ts).
 *
 * Site-wide: `scan:site` (base URL, the field catalogue in a blob under `scan:data::`) and `scan:board-mark:<id>`.
 * Each kind has its own prefix so that listing heads or jobs never pages through chunk keys.
 */
import type { ReadProblem } from '../domain/model';
import type {
  RestBoard,
  RestField,
  RestProject,
  RestProjectRole,
  RestSprint,
  RestUser,
  SnapshotGroup,
} from '../jira/snapshot';
import type { KeyValueStore } from '../store/key-value';
import type { BlobRef } from './blob';

export const SITE_KEY = 'scan:site';
export const HEAD_PREFIX = 'scan:head:';
export const JOB_PREFIX = 'scan:job:';

export const headKey = (projectKey: string) => `${HEAD_PREFIX}${projectKey}`;
export const jobKey = (projectKey: string) => `${JOB_PREFIX}${projectKey}`;
export const leaseKey = (projectKey: string) => `scan:lease:${projectKey}`;
/** The last failed step of a project's scan (a ScanFailure), until a scan of it completes. */
export const failureKey = (projectKey: string) => `scan:failure:${projectKey}`;
/** Blobs of one project; the site's own blobs live under the empty project key. */
export const dataPrefix = (projectKey: string) => `scan:data:${projectKey}:`;
export const SITE_DATA_PREFIX = dataPrefix('');

/** Site-level data every project's cache shares, read at most once per directory period. */
export interface SiteHead {
  baseUrl: string;
  /** Local clock (ISO) of the read. */
  readAt: string;
  /** SiteData: the field catalogue and the groups the role mapping names (with their members). */
  data: BlobRef;
  groupNames: string[];
}

export interface SiteData {
  fields: RestField[];
  groups: SnapshotGroup[];
  /** Members of those groups, as the site reader collects them. */
  users: RestUser[];
}

/** A project's directory: what the audit needs besides issues. */
export interface ProjectDirectory {
  project: RestProject;
  roles: RestProjectRole[];
  groups: SnapshotGroup[];
  boards: RestBoard[];
  sprints: Record<string, RestSprint[]>;
  /** Users met in the directory (lead, role actors, group members), as the site reader collects them. */
  users: RestUser[];
  /** What could not be read of it (roles without permission, a board's sprints): kept until it is read again. */
  problems: ReadProblem[];
}

export interface ProjectHead {
  projectKey: string;
  /** Chunk table (ChunkRow[]) and directory (ProjectDirectory) of the current complete state. */
  table: BlobRef;
  directory: BlobRef;
  issues: number;
  /** Local clock (ISO) when the last complete full scan or issue search started: what `updated >=` starts from. */
  scannedAt: string;
  fullScanAt: string;
  directoryAt: string;
  /** When the last ids-only listing of the whole project confirmed which issues exist (deleted and moved issues dropped). */
  idsCheckedAt?: string;
  /** When the last slice of the cached key range was listed, and which slice is next (see ScanPolicy.idsSlices). */
  idsSliceAt?: string;
  nextIdsSlice?: number;
  /**
   * What the cache holds: every issue updated since `window.since` with its history and comments, open issues
   * updated before with their fields only (no `changelog`), closed ones of before only as read earlier or as the
   * parent or child of an issue held. Absent: every issue with its whole history.
   */
  window?: ReadWindow;
  /** The fields the issues were read with: when the site's field catalogue changes them, a full scan is due. */
  fieldSet: string;
  /** What the last scan or refresh could not read of the issues (the directory keeps its own). */
  problems: ReadProblem[];
  /**
   * Set while the cache holds only the first stage of the project's first scan (see ScanJob.stage): its active
   * sprints' issues and the parents above them. The scan goes on; its commit replaces this head with a whole one.
   */
  partial?: PartialRead;
}

/** What a staged first scan has read so far, in a head that stands in until the whole project is read. */
export interface PartialRead {
  /** The active sprints whose issues were read (with their parents). */
  sprintIds: number[];
  /** Issues the stage read: its sprints' issues and the parents above them. */
  issues: number;
  /**
   * About how many issues the whole scan reads: Jira's estimate of the rest's search (approximate-count) when the stage
   * was done, plus the stage's issues that search does not match. Absent when Jira gave none.
   */
  toRead?: number;
}

/** The audit window a cache is read for: `days` long, starting at `since` (the update margin included). */
export interface ReadWindow {
  days: number;
  since: string;
}

export type ScanPhase = 'directory' | 'issues' | 'ids' | 'commit';

/** The checkpoint of a scan in progress, small enough for one value whatever the project's size. */
export interface ScanJob {
  kind: 'full' | 'incremental';
  /** Local clock (ISO) when the job started; becomes the head's scannedAt when it completes. */
  startedAt: string;
  phase: ScanPhase;
  steps: number;
  /** When a step last saved this checkpoint: a job nobody has stepped for long lost its queue event. */
  savedAt: string;
  /** Consecutive steps that failed; the job is abandoned (and the previous result kept) after a few. */
  failures: number;
  /** `all`: project, roles, groups, boards and sprints; `sprints`: only the sprints of these boards. */
  directory: { read: 'all' | 'sprints' | 'none'; boards: number[] };
  /** The directory this job will commit, once read (a blob under the project's data prefix). */
  stagedDirectory?: BlobRef;
  /** The fields issues are read with, fixed when the issue search starts. */
  fields?: string[];
  /**
   * The search in progress; `after` is the highest key number taken, so a page that repeats issues adds nothing
   * twice; `restarted`: Jira refused a page token once already and the search began again.
   */
  search?: { jql: string; nextPageToken?: string; done: boolean; after: number; restarted?: boolean };
  /** Issues read whose changelogs are still to fetch (at most one bulkfetch's worth), kept between steps. */
  pending?: BlobRef;
  /** Full scans: the chunk table written so far (a blob, so the checkpoint stays small). */
  staged?: BlobRef;
  /** Incremental: issues product events said were deleted have been dropped. */
  deletionsApplied: boolean;
  /**
   * An ids listing (to drop deleted and moved issues) still to do in this job: of the whole project or of one slice
   * of the cached key range; `idsChecked`: a listing of the whole project completed.
   */
  checkIds: 'all' | 'slice' | 'none';
  idsChecked: boolean;
  /** The window this job reads (see ProjectHead.window), and when widening, the start of the window held before. */
  window?: ReadWindow;
  widenFrom?: string;
  /**
   * What this job still has to look up of the closed issues updated before the window: parents of issues held,
   * children of open roadmap items, items of sprints that reach into the window.
   */
  links?: { parents: string[]; childless: string[]; sprints: number[] };
  /** Parent keys already looked up (a loop of parents ends), and a full scan's linked issues until its commit. */
  linksAsked?: string[];
  linked?: BlobRef;
  /** A slice of the cached key range was listed in this job. */
  idsSliceDone?: boolean;
  /** Issues the ids listing found missing from the cache, still to read. */
  missing: string[];
  /**
   * A first scan a viewer is waiting for reads the active sprints' issues and the parents above them first, with
   * their histories and comments, and commits them as a partial head (ProjectHead.partial) so that the audit can
   * report on them while the rest is read. The rest of the scan skips what the stage read (`keys`) and adds it to
   * the whole generation at its commit.
   */
  stage?: FirstStage;
  issuesWritten: number;
  problems: ReadProblem[];
}

export interface FirstStage {
  /** The active sprints whose issues are read first (known once the directory is read). */
  sprintIds: number[];
  /** Keys of the issues the stage read, sorted. */
  keys: string[];
  /** Parents (in this project) of what the stage read, still to read. */
  parents: string[];
  /** Whether the sprints' issues were searched. */
  searched: boolean;
  /** The issues the stage read, whole (a blob under the project's data prefix). */
  issues?: BlobRef;
  /** The partial head was written: the stage is over and the rest of the scan goes on. */
  committed: boolean;
}

export interface ScanLease {
  owner: string;
  until: number;
}

export const MAX_PROBLEMS = 50;

export function addProblems(list: ReadProblem[], more: readonly ReadProblem[]): ReadProblem[] {
  return [...list, ...more].slice(0, MAX_PROBLEMS);
}

export async function readHead(store: KeyValueStore, projectKey: string): Promise<ProjectHead | undefined> {
  return store.get<ProjectHead>(headKey(projectKey));
}

export async function readSiteHead(store: KeyValueStore): Promise<SiteHead | undefined> {
  return store.get<SiteHead>(SITE_KEY);
}

/** Every project with a complete cached state. */
export async function cachedProjectKeys(store: KeyValueStore): Promise<string[]> {
  return (await store.keysWithPrefix(HEAD_PREFIX)).map((key) => key.slice(HEAD_PREFIX.length)).sort();
}

/** Every project with a scan in progress. */
export async function scanningProjectKeys(store: KeyValueStore): Promise<string[]> {
  return (await store.keysWithPrefix(JOB_PREFIX)).map((key) => key.slice(JOB_PREFIX.length)).sort();
}

/** A project's cached head and the checkpoint of its scan in progress, either possibly absent. */
export async function readScanState(
  store: KeyValueStore,
  projectKey: string,
): Promise<{ head?: ProjectHead; job?: ScanJob }> {
  const [head, job] = await Promise.all([readHead(store, projectKey), store.get<ScanJob>(jobKey(projectKey))]);
  return { ...(head ? { head } : {}), ...(job ? { job } : {}) };
}
