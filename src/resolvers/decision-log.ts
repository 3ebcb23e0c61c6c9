import { classifyAction, siteContexts } from '../classify';
import { effectiveSettings } from '../config/defaults';
import { countBySeverity, type Finding } from '../domain/finding';
import type { Action, ReadProblem, Site } from '../domain/model';
import { bulkFetchChangelogs, getIssue, getIssueCommentPage } from '../jira/api/issues';
import { getFields } from '../jira/api/platform';
import { normaliseSite } from '../jira/normalise';
import { issuesOnlySnapshot, type RestIssue } from '../jira/snapshot';
import { RULE_METAS } from '../rules';
import { cachedProjectKeys, readCachedSite } from '../scan';
import { ConfigRepository } from '../store/config-store';
import type { IssueDecision, IssueDecisionLog } from './api';
import type { Handler } from './handler';
import { fail, ok } from './response';
import type { AppServices } from './services';
import { issueInContext } from './view-scope';
import { auditForViewer } from './viewer-audit';

/** A live read of one issue reads at most one page of its comments: the log stays a handful of requests. */
export const LIVE_COMMENT_LIMIT = 100;
/** A comment is quoted in the log up to this many characters. */
const QUOTE_CHARS = 200;

const OVERLAP_RULES = new Set(RULE_METAS.filter((meta) => meta.category === 'overlap').map((meta) => meta.id));

/**
 * The decisions made on one issue, for its issue-view panel: read as the viewer (Jira answers 404 for an issue they
 * may not see), from the scan's cache when it holds the issue, else from Jira in three more requests. Roles and flags
 * come from the audit of the issue's project, which exists once the background scan has read it.
 */
export const getIssueDecisions: Handler<'getIssueDecisions'> = async (services, payload, context) => {
  const issueKey = payload?.issueKey ?? issueInContext(context);
  if (!issueKey) return fail('INVALID_INPUT', 'Open the panel from an issue: no issue was given.');
  const client = services.jiraAsUser();
  const seen = await getIssue(client, issueKey, ['project', 'parent']);
  const projectKey = projectKeyOf(seen);
  if (!projectKey) return fail('INTERNAL', `Jira answered issue ${issueKey} without its project.`);
  const config = await new ConfigRepository(services.store, RULE_METAS).effective();
  const cached = (await cachedProjectKeys(services.store)).includes(projectKey);

  const site =
    (cached ? await siteFromCache(services, seen, projectKey) : undefined) ?? (await siteFromJira(services, seen));
  const item = site.items.find((candidate) => candidate.key === seen.key);
  if (!item) return fail('INTERNAL', `Issue ${seen.key} could not be read.`);
  const outcome = cached ? await auditForViewer(services, config, projectKey) : undefined;
  if (outcome && !outcome.ok) return outcome;
  const audit = outcome && 'audit' in outcome.data ? outcome.data.audit : undefined;
  const findings = (audit?.report.findings ?? []).filter((finding) => namesIssue(finding, item.key));
  const people = new Map(site.people.map((person) => [person.accountId, person]));
  const profiles = new Map((audit?.report.people ?? []).map((profile) => [profile.accountId, profile]));

  const contexts = siteContexts(site, (key) => effectiveSettings(config, key).thresholds);
  const decisions: IssueDecision[] = [];
  let undecided = 0;
  for (const action of site.actions) {
    if (action.itemKey !== item.key) continue;
    const actionContext = contexts.contextFor(action);
    if (!actionContext) continue;
    const classification = classifyAction(action, actionContext);
    if (classification.role === 'neutral') {
      undecided++;
      continue;
    }
    const naming = findings.filter((finding) => finding.evidence.some((entry) => entry.actionId === action.id));
    const author = action.authorId === undefined ? undefined : people.get(action.authorId);
    const profile = action.authorId === undefined ? undefined : profiles.get(action.authorId);
    decisions.push({
      actionId: action.id,
      at: action.at,
      kind: action.kind,
      person: author
        ? {
            accountId: author.accountId,
            displayName: author.displayName,
            roles: profile?.roles ?? [],
            inferred: profile?.roleScope === 'inferred',
          }
        : null,
      what: describeAction(action),
      side: classification.role,
      confidence: classification.confidence,
      criteria: classification.criteria,
      reason: classification.reason,
      findingIds: naming.map((finding) => finding.id),
      contested: naming.some((finding) => OVERLAP_RULES.has(finding.rule)),
    });
  }
  decisions.sort((a, b) => b.at.localeCompare(a.at) || b.actionId.localeCompare(a.actionId));

  return ok({
    siteUrl: audit?.baseUrl ?? site.baseUrl,
    issue: { key: item.key, summary: item.summary, type: item.type.name, projectKey: item.projectKey },
    decisions,
    undecided,
    findings,
    severityCounts: countBySeverity(findings),
    audited: audit !== undefined,
    ...(audit ? { freshness: audit.freshness } : {}),
    unread: site.problems.map((problem) => problem.message),
  } satisfies IssueDecisionLog);
};

function projectKeyOf(issue: RestIssue): string | undefined {
  const project = issue.fields?.project as { key?: unknown } | undefined;
  return typeof project?.key === 'string' ? project.key : undefined;
}

function parentKeyOf(issue: RestIssue): string | undefined {
  const parent = issue.fields?.parent as { key?: unknown } | undefined;
  return typeof parent?.key === 'string' ? parent.key : undefined;
}

function namesIssue(finding: Finding, key: string): boolean {
  return finding.issueKeys.includes(key) || finding.evidence.some((entry) => entry.issueKey === key);
}

/** The issue and its parent (whose tier the classifier weighs) from the cache; undefined when the cache lacks the issue. */
async function siteFromCache(services: AppServices, seen: RestIssue, projectKey: string): Promise<Site | undefined> {
  const parentKey = parentKeyOf(seen);
  const parentProject = parentKey?.slice(0, parentKey.lastIndexOf('-'));
  const projects = parentProject && parentProject !== projectKey ? [projectKey, parentProject] : [projectKey];
  const keys = new Set(parentKey ? [seen.key, parentKey] : [seen.key]);
  const cached = await readCachedSite(services.store, projects, keys);
  if (!cached?.snapshot.issues.some((issue) => issue.key === seen.key)) return undefined;
  return normaliseSite(cached.snapshot, cached.problems);
}

/** The issue read from Jira as the viewer: its fields, its whole changelog (bulkfetch) and a page of comments. */
async function siteFromJira(services: AppServices, seen: RestIssue): Promise<Site> {
  const client = services.jiraAsUser();
  const [issue, fields, histories, comments] = await Promise.all([
    getIssue(client, seen.key, ['*all', '-comment']),
    getFields(client),
    bulkFetchChangelogs(client, [seen.id]),
    getIssueCommentPage(client, seen.key, 0, LIVE_COMMENT_LIMIT),
  ]);
  const problems: ReadProblem[] =
    comments.total > comments.comments.length
      ? [
          {
            scope: 'comment',
            ref: seen.key,
            message: `Only the first ${comments.comments.length} of ${comments.total} comments were read.`,
            unread: 'comments',
          },
        ]
      : [];
  const snapshot = issuesOnlySnapshot(fields, [
    {
      ...issue,
      fields: { ...issue.fields, comment: { comments: comments.comments } },
      changelog: { histories: histories.get(issue.id) ?? [] },
    },
  ]);
  return normaliseSite(snapshot, problems);
}

/** What an action did, in a line: the fields it changed with their new values, or the start of what was said. */
function describeAction(action: Action): string {
  switch (action.kind) {
    case 'create':
      return 'Created the issue';
    case 'comment':
      return action.text.length > QUOTE_CHARS ? `${action.text.slice(0, QUOTE_CHARS).trimEnd()}…` : action.text;
    case 'change':
      return action.changes
        .map(
          (change) =>
            `${change.fieldName}: ${change.fromText || change.fromValue || '—'} → ${change.toText || change.toValue || '—'}`,
        )
        .join('; ');
  }
}
