/** What the scan tells views (pure types: the Custom UI imports them through the resolver API). */

/** Where the first scan stands, site-wide and for the project a viewer is waiting for. */
export interface ScanProgress {
  /** Projects with a complete scan, of the projects known to scan (listed by Jira, scanned or being scanned). */
  projectsScanned: number;
  projectsToScan: number;
  /** Issues read so far: those of complete scans and those written by scans in progress. */
  issuesRead: number;
  /** The project the view is about, if any, and how far it is: queued, being scanned, or scanned and waiting for its audit. */
  project?: { key: string; stage: 'queued' | 'scanning' | 'auditing'; issuesRead: number };
}
