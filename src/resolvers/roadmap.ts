import { ConfigRepository } from '../store/config-store';
import type { Finding, FirstScanView, RoadmapItemSummary, RoadmapView } from './api';
import { readModuleContext } from './context';
import { countFlags, FINDINGS_PAGE_SIZE, queryFindings } from './findings-query';
import type { Handler } from './handler';
import { fail, ok, type ResolverResponse } from './response';
import { RULE_METAS } from '../rules';
import { RULE_INFO } from './rule-info';
import type { AppServices } from './services';
import { auditForViewer, type ViewerAudit } from './viewer-audit';
import { inScope, peopleInScope, trendOf } from './view-scope';

export const getRoadmap: Handler<'getRoadmap'> = async (services, payload, context) => {
  const fromModule = readModuleContext({ moduleKey: context.moduleKey ?? 'unknown', extension: context.extension });
  return roadmapView(
    services,
    payload?.projectKey ?? (fromModule.ok ? (fromModule.data.projectKey ?? undefined) : undefined),
  );
};

/** The findings a project page sends at once; the cross-project page sends FINDINGS_PAGE_SIZE and pages the rest. */
const PROJECT_FINDINGS_PAGE_SIZE = 2_000;

/** The roadmap view's data before its findings are paged. */
async function roadmapScope(
  services: AppServices,
  projectKey: string | undefined,
): Promise<ResolverResponse<{ audit: ViewerAudit; items: RoadmapItemSummary[]; findings: Finding[] } | FirstScanView>> {
  const config = await new ConfigRepository(services.store, RULE_METAS).effective();
  // A project's roadmap needs all its roadmap items: a first scan's first stage (its active sprints) is not enough.
  const outcome = await auditForViewer(services, config, projectKey, { waitForWholeProject: true });
  if (!outcome.ok) return outcome;
  if (!('audit' in outcome.data)) return ok(outcome.data);
  const { audit } = outcome.data;
  const { report } = audit;
  return ok({
    audit,
    items: report.roadmapItems.filter((item) => inScope(projectKey, [item.projectKey])),
    findings: report.findings.filter((finding) => inScope(projectKey, finding.projectKeys)),
  });
}

export async function roadmapView(
  services: AppServices,
  projectKey: string | undefined,
): Promise<ResolverResponse<RoadmapView | FirstScanView>> {
  const scoped = await roadmapScope(services, projectKey);
  if (!scoped.ok) return scoped;
  if ('firstScan' in scoped.data) return ok(scoped.data);
  const { audit, items, findings } = scoped.data;
  const { report, names } = audit;
  const projects = report.projects.filter((project) => inScope(projectKey, [project.key]));
  const mentioned = new Set([
    ...projects.flatMap((project) => [...project.productManagers, ...project.productOwners]),
    ...items.flatMap((item) => (item.ownerId ? [item.ownerId] : [])),
  ]);
  const pageSize = projectKey ? PROJECT_FINDINGS_PAGE_SIZE : FINDINGS_PAGE_SIZE;
  const view: RoadmapView = {
    generatedAt: report.generatedAt,
    siteUrl: audit.baseUrl,
    coverage: report.coverage,
    window: report.window,
    freshness: audit.freshness,
    scope: projectKey ? { projectKey } : {},
    projects,
    items,
    sprints: report.sprints.filter((sprint) => inScope(projectKey, sprint.projectKey ? [sprint.projectKey] : [])),
    people: peopleInScope(report.people, projectKey),
    findings: findings.slice(0, pageSize),
    findingPage: { total: findings.length, pageSize },
    flagCounts: countFlags(findings, items),
    rules: RULE_INFO,
    directory: [...mentioned]
      .sort()
      .map((accountId) => ({ accountId, displayName: names.get(accountId) ?? 'Unknown user' })),
    trend: trendOf(report, projectKey),
  };
  return ok(view);
}

export const getFindings: Handler<'getFindings'> = async (services, payload) => {
  if (!payload || typeof payload.offset !== 'number' || typeof payload.limit !== 'number')
    return fail('INVALID_INPUT', 'Say which findings to list: an offset and a limit are needed.');
  const scoped = await roadmapScope(services, payload.scope?.projectKey);
  if (!scoped.ok) return scoped;
  // Pages are read after getRoadmap showed a report: none stored means the page is out of date.
  if ('firstScan' in scoped.data)
    return fail('NOT_FOUND', 'No audit of this view is stored any more: reload the page to see where the scan is.');
  return ok(queryFindings(scoped.data.findings, scoped.data.items, payload.query ?? {}, payload.offset, payload.limit));
};
