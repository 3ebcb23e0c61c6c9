import { ConfigError } from '../config/schema';
import { readJson } from '../config/transfer';
import { getMyPermissions } from '../jira/api/platform';
import { ConfigRepository, ImportConflictError } from '../store/config-store';
import type { FieldIssue, ImportConflict } from './api';
import type { Handler } from './handler';
import { fail, ok } from './response';
import { RULE_METAS } from '../rules';
import type { AppServices } from './services';

/** The whole configuration holds every project's settings: only Jira admins ("Administer Jira") move it. */
async function isSiteAdmin(services: AppServices): Promise<boolean> {
  return (await getMyPermissions(services.jiraAsUser(), ['ADMINISTER'])).ADMINISTER === true;
}

export const exportSettings: Handler<'exportSettings'> = async (services) => {
  if (!(await isSiteAdmin(services))) return fail('FORBIDDEN', 'Only Jira admins may export the configuration.');
  return ok(await new ConfigRepository(services.store, RULE_METAS).exportAll(services.now()));
};

export const importSettings: Handler<'importSettings'> = async (services, payload, context) => {
  if (!(await isSiteAdmin(services))) return fail('FORBIDDEN', 'Only Jira admins may import a configuration.');
  if (typeof payload?.json !== 'string')
    return fail('INVALID_INPUT', 'An import needs the JSON text of a configuration document.');
  const repository = new ConfigRepository(services.store, RULE_METAS);
  const by = { at: services.now(), ...(context.accountId ? { accountId: context.accountId } : {}) };
  try {
    const outcome = await repository.importAll(readJson(payload.json), { overwrite: payload.overwrite === true }, by);
    if (outcome.written.length > 0) await services.requestAudit?.();
    return ok(outcome);
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
