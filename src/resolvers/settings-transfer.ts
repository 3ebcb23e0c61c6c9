import { ConfigError } from '../config/schema';
import { readJson } from '../config/transfer';
import { getMyPermissions } from '../jira/api/platform';
import { RULE_METAS } from '../rules';
import { ConfigRepository, ImportConflictError } from '../store/config-store';
import type { FieldIssue, ImportConflict, ResolverApi } from './api';
import { fail, ok, type ResolverResponse } from './response';
import type { AppServices, CallerContext } from './services';

type TransferHandler<K extends 'exportSettings' | 'importSettings'> = (
  services: AppServices,
  payload: ResolverApi[K]['payload'],
  context: CallerContext,
) => Promise<ResolverResponse<ResolverApi[K]['result']>>;

/** The whole configuration holds every project's settings: only Jira admins ("Administer Jira") move it. */
async function isSiteAdmin(services: AppServices): Promise<boolean> {
  return (await getMyPermissions(services.jiraAsUser(), ['ADMINISTER'])).ADMINISTER === true;
}

export const exportSettings: TransferHandler<'exportSettings'> = async (services) => {
  if (!(await isSiteAdmin(services))) return fail('FORBIDDEN', 'Only Jira admins may export the configuration.');
  return ok(await new ConfigRepository(services.store, RULE_METAS).exportAll(services.now()));
};

export const importSettings: TransferHandler<'importSettings'> = async (services, payload, context) => {
  if (!(await isSiteAdmin(services))) return fail('FORBIDDEN', 'Only Jira admins may import a configuration.');
  if (typeof payload?.json !== 'string')
    return fail('INVALID_INPUT', 'An import needs the JSON text of a configuration document.');
  const repository = new ConfigRepository(services.store, RULE_METAS);
  const by = { at: services.now(), ...(context.accountId ? { accountId: context.accountId } : {}) };
  try {
    return ok(await repository.importAll(readJson(payload.json), { overwrite: payload.overwrite === true }, by));
  } catch (error) {
    if (error instanceof ConfigError) {
      return fail(
        'INVALID_INPUT',
        `${error.issues.length === 1 ? 'One problem' : `${error.issues.length} problems`} found; nothing was imported.`,
        error.issues satisfies FieldIssue[],
      );
    }
    if (error instanceof ImportConflictError) {
      return fail('CONFLICT', error.message, {
        changes: error.changes,
        unversioned: error.changes.length === 0,
      } satisfies ImportConflict);
    }
    throw error;
  }
};
