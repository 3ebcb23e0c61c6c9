import { isCalendarDay } from '../config/schema';
import type { Suppression } from '../config/types';
import { getMyPermissions } from '../jira/api/platform';
import type { JiraClient } from '../jira/client';
import { RULE_METAS } from '../rules';
import { ConfigRepository, StaleVersionError } from '../store/config-store';
import type { AcceptedFindings } from './api';
import type { Handler } from './handler';
import { fail, ok, type ResolverResponse } from './response';
import type { AppServices, CallerContext } from './services';
import { PROJECT_KEY, projectsOfFinding } from './settings';
import { auditForViewer } from './viewer-audit';

/**
 * Whether the caller may accept, snooze or restore where these projects are concerned: a Jira admin anywhere, a
 * project's admin for findings that name only projects they administer. One request per project named (most
 * findings name one); Jira answers the global permission with the first.
 */
async function mayActOn(client: JiraClient, projectKeys: readonly string[]): Promise<boolean> {
  const [first, ...rest] = projectKeys;
  const granted = await getMyPermissions(client, ['ADMINISTER', 'ADMINISTER_PROJECTS'], first);
  if (granted.ADMINISTER) return true;
  if (first === undefined || !granted.ADMINISTER_PROJECTS) return false;
  for (const key of rest)
    if (!(await getMyPermissions(client, ['ADMINISTER_PROJECTS'], key)).ADMINISTER_PROJECTS) return false;
  return true;
}

const forbidden = (findingId: string) =>
  fail<never>(
    'FORBIDDEN',
    `Only Jira admins and admins of ${projectsOfFinding(findingId).join(', ') || 'every project'} may accept, snooze or restore this flag.`,
  );

/** Rewrites the site's accepted findings, reading again and retrying once if another save came in between. */
async function changeSuppressions(
  services: AppServices,
  context: CallerContext,
  change: (suppressions: Suppression[]) => Suppression[],
): Promise<void> {
  const repository = new ConfigRepository(services.store, RULE_METAS);
  const by = { at: services.now(), ...(context.accountId ? { accountId: context.accountId } : {}) };
  for (let attempt = 0; ; attempt++) {
    const { config, version } = await repository.site();
    try {
      await repository.saveSite({ ...config, suppressions: change(config.suppressions) }, version, by);
      return;
    } catch (error) {
      if (!(error instanceof StaleVersionError) || attempt > 0) throw error;
    }
  }
}

function findingIdOf(payload: { findingId?: unknown } | undefined): string | undefined {
  const id = payload?.findingId;
  return typeof id === 'string' && id.split('|').length >= 2 && id.length <= 500 ? id : undefined;
}

export const acceptFinding: Handler<'acceptFinding'> = async (services, payload, context) => {
  const findingId = findingIdOf(payload);
  if (!findingId) return fail('INVALID_INPUT', 'findingId must be the id of a flag.');
  const reason = typeof payload.reason === 'string' ? payload.reason.trim() : '';
  if (reason.length < 3 || reason.length > 2000)
    return fail('INVALID_INPUT', 'Say why (3 to 2,000 characters), so others know.', [
      { path: 'reason', message: 'Say why (3 to 2,000 characters), so others know.' },
    ]);
  const { until } = payload;
  const today = services.now().toISOString().slice(0, 10);
  if (until !== undefined && (typeof until !== 'string' || !isCalendarDay(until) || until <= today))
    return fail('INVALID_INPUT', `A snooze lasts until a day after today (${today}), written YYYY-MM-DD.`, [
      { path: 'until', message: `Choose a day after ${today}.` },
    ]);
  if (!(await mayActOn(services.jiraAsUser(), projectsOfFinding(findingId)))) return forbidden(findingId);
  const entry: Suppression = {
    findingId,
    reason,
    ...(context.accountId ? { acceptedBy: context.accountId } : {}),
    acceptedAt: services.now().toISOString(),
    ...(until !== undefined ? { until } : {}),
  };
  await changeSuppressions(services, context, (suppressions) => [
    ...suppressions.filter((existing) => existing.findingId !== findingId),
    entry,
  ]);
  return ok({ findingId });
};

export const restoreFinding: Handler<'restoreFinding'> = async (services, payload, context) => {
  const findingId = findingIdOf(payload);
  if (!findingId) return fail('INVALID_INPUT', 'findingId must be the id of a flag.');
  if (!(await mayActOn(services.jiraAsUser(), projectsOfFinding(findingId)))) return forbidden(findingId);
  await changeSuppressions(services, context, (suppressions) =>
    suppressions.filter((existing) => existing.findingId !== findingId),
  );
  return ok({ findingId });
};

/** The view's hidden findings, as the viewer may see them (the same audit the view shows), and whether they may act. */
export const getAcceptedFindings: Handler<'getAcceptedFindings'> = async (services, payload) => {
  const projectKey = payload?.projectKey;
  if (projectKey !== undefined && (typeof projectKey !== 'string' || !PROJECT_KEY.test(projectKey)))
    return fail('INVALID_INPUT', 'projectKey must be a Jira project key.');
  const config = await new ConfigRepository(services.store, RULE_METAS).effective();
  const [outcome, canAct] = await Promise.all([
    auditForViewer(services, config, projectKey),
    mayActOn(services.jiraAsUser(), projectKey !== undefined ? [projectKey] : []),
  ]);
  return acceptedIn(outcome, canAct);
};

function acceptedIn(
  outcome: Awaited<ReturnType<typeof auditForViewer>>,
  canAct: boolean,
): ResolverResponse<AcceptedFindings> {
  if (!outcome.ok) return outcome;
  if (!('audit' in outcome.data)) return ok({ canAct, accepted: [] });
  const { report, names } = outcome.data.audit;
  return ok({
    canAct,
    accepted: report.suppressed.map(({ finding, suppression }) => ({
      finding,
      reason: suppression.reason,
      ...(suppression.acceptedBy !== undefined ? { acceptedBy: suppression.acceptedBy } : {}),
      // Named when the audit knows the person (an admin who never acted on the work is not in it).
      ...(suppression.acceptedBy !== undefined && names.has(suppression.acceptedBy)
        ? { acceptedByName: names.get(suppression.acceptedBy)! }
        : {}),
      ...(suppression.acceptedAt !== undefined ? { acceptedAt: suppression.acceptedAt } : {}),
      ...(suppression.until !== undefined ? { until: suppression.until } : {}),
    })),
  });
}
