import { MAX_ACCOUNTS_PER_REPORT, REPORT_ACCOUNTS_PATH } from '../../../jira/personal-data';
import { badRequest } from '../errors';
import type { Answer, RequestContext, Route } from '../route';

/**
 * What the personal data reporting API knows of accounts: which are closed, and when others last changed their
 * profile. Tests change it while the emulator runs.
 */
export class AccountStatuses {
  private readonly closed = new Set<string>();
  private readonly changedAt = new Map<string, number>();

  close(accountId: string): void {
    this.closed.add(accountId);
  }

  /** The account's profile changed at `at`: data refreshed before then is reported as `updated`. */
  update(accountId: string, at: Date): void {
    this.changedAt.set(accountId, at.getTime());
  }

  statusOf(accountId: string, updatedAt: number): 'closed' | 'updated' | undefined {
    if (this.closed.has(accountId)) return 'closed';
    const changed = this.changedAt.get(accountId);
    return changed !== undefined && changed > updatedAt ? 'updated' : undefined;
  }
}

/** The API's limits on what it takes: 1–90 accounts, ids of 1–128 characters, ISO 8601 times. */
function reportedAccounts(body: unknown): Array<{ accountId: string; updatedAt: number }> {
  const accounts = (body as { accounts?: unknown } | undefined)?.accounts;
  if (!Array.isArray(accounts) || accounts.length === 0 || accounts.length > MAX_ACCOUNTS_PER_REPORT)
    throw badRequest(`accounts must list 1 to ${MAX_ACCOUNTS_PER_REPORT} accounts`);
  return accounts.map((entry: unknown) => {
    const { accountId, updatedAt } = (entry ?? {}) as Record<string, unknown>;
    if (typeof accountId !== 'string' || !/^[A-Za-z0-9:-]{1,128}$/.test(accountId))
      throw badRequest(`Invalid accountId: ${JSON.stringify(accountId)}`);
    const at = typeof updatedAt === 'string' ? Date.parse(updatedAt) : NaN;
    if (Number.isNaN(at)) throw badRequest(`Invalid updatedAt for ${accountId}: ${JSON.stringify(updatedAt)}`);
    return { accountId, updatedAt: at };
  });
}

/** `POST /app/report-accounts`: 200 with the accounts to act on, or 204 when there are none. */
export function personalDataRoute(statuses: AccountStatuses): Route {
  return {
    method: 'POST',
    url: REPORT_ACCOUNTS_PATH,
    handle(context: RequestContext): Answer {
      const accounts = reportedAccounts(context.body).flatMap(({ accountId, updatedAt }) => {
        const status = statuses.statusOf(accountId, updatedAt);
        return status ? [{ accountId, status }] : [];
      });
      return accounts.length > 0
        ? { body: { accounts }, objects: accounts.length }
        : { status: 204, body: undefined, objects: 0 };
    },
  };
}
