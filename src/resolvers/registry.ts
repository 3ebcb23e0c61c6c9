import { ConfigError } from '../config/schema';
import { PagingError } from '../jira/api/paging';
import { JiraError } from '../jira/client';
import type { ResolverApi } from './api';
import { getBoardPanel } from './board-panel';
import { readModuleContext } from './context';
import type { Handler } from './handler';
import { refreshProject } from './refresh';
import { fail, type ResolverResponse } from './response';
import { getFindings, getRoadmap } from './roadmap';
import type { AppServices, CallerContext } from './services';
import { getSettings, saveSettings } from './settings';
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
  refreshProject,
  exportSettings,
  importSettings,
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
    return failureFrom(error);
  }
}

function failureFrom<T>(error: unknown): ResolverResponse<T> {
  if (error instanceof JiraError) {
    if (error.status === 401 || error.status === 403) return fail('FORBIDDEN', `Jira refused: ${error.message}`);
    if (error.status === 429)
      return fail('RATE_LIMITED', 'Jira is rate limiting the app right now; try again in a few minutes.');
    if (error.transient)
      return fail('JIRA_UNAVAILABLE', `Jira did not answer properly: ${error.message}. Try again shortly.`);
    if (error.status === 404) return fail('NOT_FOUND', error.message);
    return fail('INTERNAL', error.message);
  }
  if (error instanceof PagingError) return fail('JIRA_UNAVAILABLE', error.message);
  if (error instanceof ConfigError)
    return fail('INTERNAL', `The stored configuration is not valid: ${error.problems.join('; ')}`);
  return fail('INTERNAL', error instanceof Error ? error.message : String(error));
}
