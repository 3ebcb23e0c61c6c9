/**
 * Loaders that turn real Jira data sets (`shared/real-jira/`) into site snapshots, each with the counts read
 * straight from its files and notes on what the source lacks, so the normaliser and the audit can be proved on
 * data nobody here wrote.
 */
export { loadAppcelerator, type AppceleratorOptions } from './appcelerator';
export { loadDevlake } from './devlake';
export { loadGoJira } from './go-jira';
export { loadIssueshark } from './issueshark';
export { loadJirametrics } from './jirametrics';
export type { ExpectedCounts, ImportResult } from './types';
