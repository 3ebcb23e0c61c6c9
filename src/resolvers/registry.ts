import { ConfigError } from '../config/schema';
import { PagingError } from '../jira/api/paging';
import { classifyJiraFailure } from '../jira/errors';
import { needsUserConsent } from '../jira/transport';
import type { ResolverApi } from './api';
import { acceptFinding, getAcceptedFindings, restoreFinding } from './accepted-findings';
import { getBoardPanel } from './board-panel';
import { readModuleContext } from './context';
import { getIssueDecisions } from './decision-log';
import type { Handler } from './handler';
import { refreshProject } from './refresh';
import { fail, type ResolverResponse } from './response';
import { getFindings, getRoadmap } from './roadmap';
import type { AppServices, CallerContext } from './services';
import { getRoleProposal, getSettings, saveSettings } from './settings';
import { exportSettings, importSettings } from './settings-transfer';

const getContext: Handler<'getContext'> = (_services, _payload, context) => Promise.resolve(readModuleContext(context));

/** Every resolver of the API, by name: what src/resolvers/index.ts defines on Forge and the preview serves. */
export const HANDLERS: { [K in keyof ResolverApi]: Handler<K> } = {
  getContext,
  getBoardPanel,
  getRoadmap,
  getFindings,
  getSettings,
  saveSettings,
  getRoleProposal,
  getIssueDecisions,
  refreshProject,
  exportSettings,
  importSettings,
  getAcceptedFindings,
  acceptFinding,
  restoreFinding,
};

/** Runs a handler and turns what Jira or the code threw into the typed error the UI understands. */
export async function runHandler<K extends keyof ResolverApi>(
  name: K,
  services: AppServices,
  payload: ResolverApi[K]['payload'],
  context: CallerContext,
): Promise<ResolverResponse<ResolverApi[K]['result']>> {
  try {
    return await (HANDLERS[name] as Handler<K>)(services, payload, context);
  } catch (error) {
    // Forge shows its consent prompt only when the error leaves the function.
    if (needsUserConsent(error)) throw error;
    return failureFrom(error);
  }
}

function failureFrom<T>(error: unknown): ResolverResponse<T> {
  const message = error instanceof Error ? error.message : String(error);
  switch (classifyJiraFailure(error)) {
    case 'denied':
      return fail('FORBIDDEN', `Jira refused: ${message}`);
    case 'rate-limited':
      return fail('RATE_LIMITED', 'Jira is rate limiting the app right now; try again in a few minutes.');
    case 'unavailable':
      return error instanceof PagingError
        ? fail('JIRA_UNAVAILABLE', message)
        : fail('JIRA_UNAVAILABLE', `Jira did not answer properly: ${message}. Try again shortly.`);
    case 'not-found':
      return fail('NOT_FOUND', message);
    case 'refused':
    case 'unexpected':
      return fail('INTERNAL', message);
    case undefined:
      if (error instanceof ConfigError)
        return fail('INTERNAL', `The stored configuration is not valid: ${error.problems.join('; ')}`);
      return fail('INTERNAL', message);
  }
}
