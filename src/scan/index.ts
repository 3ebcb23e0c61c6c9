/** The background scan: what jobs, resolvers and the benchmark use. */
export { BackgroundScanner } from './scanner';
export {
  readCachedSite,
  readCachedProject,
  readCachedDirectory,
  forgetProject,
  type CachedSite,
  type CachedProject,
} from './cache';
export { DEFAULT_POLICY, dueReason, type DueReason, type ScanPolicy } from './policy';
export { markIssue, markBoard, markedWork, type IssueMark, type BoardMark } from './marks';
export { cachedProjectKeys, scanningProjectKeys, readScanState } from './state';
export {
  askToScanFirst,
  keepScanFirst,
  knownProjectIds,
  readListedProjects,
  saveListedProjects,
  scanFirstKeys,
  scanProgress,
} from './progress';
export type { ScanProgress } from './summary';
export type { ScanFreshness, ScanStepOptions, ScanStepResult, SiteScanner } from './types';
export {
  auditCachedSite,
  auditDue,
  auditState,
  readStoredReport,
  readAuditedProjects,
  registerView,
  registeredViews,
  viewOf,
  type AuditView,
  type StoredReport,
} from './reports';
