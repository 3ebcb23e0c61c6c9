/** The background scan: what jobs, resolvers and the benchmark use. */
export { BackgroundScanner, freshnessOf } from './scanner';
export { readCachedSite, readCachedProject, readCachedDirectory, forgetProject, type CachedSite, type CachedProject } from './cache';
export { DEFAULT_POLICY, dueReason, type DueReason, type ScanPolicy } from './policy';
export { markIssue, markBoard, markedWork, dropIssueMarks, type IssueMark, type BoardMark } from './marks';
export { cachedProjectKeys, scanningProjectKeys, readScanState, type ProjectHead } from './state';
export type { ScanFreshness, ScanStepOptions, ScanStepResult, SiteScanner } from './types';
export { auditCachedSite, readStoredReport, readHistory, projectSlice, configFingerprint, type StoredReport, type WeeklySummary } from './reports';
