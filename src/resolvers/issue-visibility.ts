import { withoutIssues } from '../audit/visibility';
import { ISSUE_BULKFETCH_MAX, visibleIssueKeys } from '../jira/api/issues';
import type { AppServices } from './services';
import type { ViewerAudit } from './viewer-audit';

/**
 * At most this many requests a view spends asking which secured issues the viewer may see (`ISSUE_BULKFETCH_MAX`
 * issues each): a panel open stays within its few Jira requests however many issues sit behind security levels.
 * Secured issues beyond them are left out, as if the viewer might not see them: never shown unasked.
 */
export const SECURED_ISSUE_REQUESTS = 2;
export const SECURED_ISSUES_CHECKED = SECURED_ISSUE_REQUESTS * ISSUE_BULKFETCH_MAX;

/**
 * The audit without the issues behind issue security levels that the viewer may not see. The background cache is
 * read as the app, which sees every issue; Jira, asked as the viewer about just the secured issues the report
 * holds, says which of them they may see.
 */
export async function withViewersIssues(services: AppServices, audit: ViewerAudit): Promise<ViewerAudit> {
  const secured = audit.report.securedIssues.map((issue) => issue.key);
  if (secured.length === 0) return audit;
  const asked = secured.slice(0, SECURED_ISSUES_CHECKED);
  const client = services.jiraAsUser();
  const batches = Array.from({ length: Math.ceil(asked.length / ISSUE_BULKFETCH_MAX) }, (_, index) =>
    asked.slice(index * ISSUE_BULKFETCH_MAX, (index + 1) * ISSUE_BULKFETCH_MAX),
  );
  const visible = new Set(
    (await Promise.all(batches.map((keys) => visibleIssueKeys(client, keys)))).flatMap((set) => [...set]),
  );
  const hidden = new Set(secured.filter((key) => !visible.has(key)));
  if (hidden.size === 0) return audit;
  return { ...audit, report: withoutIssues(audit.report, hidden) };
}
