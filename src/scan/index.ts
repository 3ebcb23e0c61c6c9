/** The background scan: what jobs, resolvers and the benchmark use. */
export { BackgroundScanner, freshnessOf } from './scanner';
export { readCachedSite, readCachedProject, type CachedSite, type CachedProject } from './cache';
export { DEFAULT_POLICY, periodicWorkDue, type ScanPolicy } from './policy';
export { markIssue, markBoard, hasMarks, dropIssueMarks, type IssueMark, type BoardMark } from './marks';
export { cachedProjectKeys, scanningProjectKeys } from './state';
export type { ScanFreshness, ScanStepOptions, ScanStepResult, SiteScanner } from './types';
