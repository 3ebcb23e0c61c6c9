import type { SiteSnapshot } from '../snapshot';

/**
 * What a source holds, counted straight from its raw files (before any conversion), so a test can compare the
 * snapshot — and the site normalised from it — with what is really there. Each figure counts distinct things:
 * issues by key, histories and comments by (issue, id), sprints and boards by id, projects by key, users by
 * account id (or Server key/name), fields by id. Only what a snapshot of the site can hold is counted — not
 * records of other hosts, not histories whose issue is missing, not sprints that name no board; whatever a loader
 * leaves out is said, with its number, in its notes.
 */
export interface ExpectedCounts {
  issues: number;
  histories: number;
  historyItems: number;
  comments: number;
  sprints: number;
  boards: number;
  projects: number;
  users: number;
  fields: number;
}

export interface ImportResult {
  snapshot: SiteSnapshot;
  expected: ExpectedCounts;
  /** What the source lacks, what was derived and what was left out, in plain words. */
  notes: string[];
}
