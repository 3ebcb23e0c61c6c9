/**
 * Atlassian's personal data reporting API (`POST /app/report-accounts`): an app that stores personal data reports the
 * account ids it holds, each with when it last refreshed that account's data, and learns which accounts were closed
 * (their data must be erased) or changed since (their data must be refreshed). On Forge it is `privacy.reportPersonalData`
 * of `@forge/api`; the emulator serves the same path for tests and the preview.
 */
import { privacy } from '@forge/api';
import { firstIssue } from './api/issues';
import type { JiraClient } from './client';
import { jqlString } from './jql';
import type { JiraTransport } from './transport';

export const REPORT_ACCOUNTS_PATH = '/app/report-accounts';
/** The API takes at most 90 accounts a request. */
export const MAX_ACCOUNTS_PER_REPORT = 90;

export interface ReportedAccount {
  accountId: string;
  /** When the app last refreshed what it stores of the account (ISO 8601). */
  updatedAt: string;
}

export interface AccountUpdate {
  accountId: string;
  status: 'closed' | 'updated';
}

/** 429: the API asks the app to come back after `retryAfterSeconds`. */
export class ReportThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`The personal data reporting API is throttling the app: retry after ${retryAfterSeconds} s`);
    this.name = 'ReportThrottledError';
  }
}

export class ReportFailedError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`The personal data reporting API answered ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'ReportFailedError';
  }
}

/** Reports one batch (at most MAX_ACCOUNTS_PER_REPORT) and returns the accounts the app must act on. */
export type AccountReporter = (accounts: readonly ReportedAccount[]) => Promise<AccountUpdate[]>;

/** When Retry-After says nothing usable, wait a minute. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

function retryAfterSeconds(header: string | null | undefined): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : DEFAULT_RETRY_AFTER_SECONDS;
}

function checkBatch(accounts: readonly ReportedAccount[]): void {
  if (accounts.length > MAX_ACCOUNTS_PER_REPORT)
    throw new RangeError(`At most ${MAX_ACCOUNTS_PER_REPORT} accounts a report, got ${accounts.length}`);
}

/** The `accounts` of a 200 answer, refused unless every entry has an account id and a known status. */
export function accountUpdatesOf(body: unknown): AccountUpdate[] {
  const accounts = (body as { accounts?: unknown } | undefined)?.accounts;
  if (!Array.isArray(accounts)) throw new ReportFailedError(200, 'the answer has no accounts list');
  return accounts.map((entry: unknown) => {
    const { accountId, status } = (entry ?? {}) as Record<string, unknown>;
    if (typeof accountId !== 'string' || (status !== 'closed' && status !== 'updated'))
      throw new ReportFailedError(200, `unexpected entry ${JSON.stringify(entry)}`);
    return { accountId, status };
  });
}

/** What an answer means: the updates (200), none (204), or a ReportThrottledError / ReportFailedError. */
function answerOf(status: number, retryAfter: string | null | undefined, body: unknown): AccountUpdate[] {
  if (status === 200) return accountUpdatesOf(body);
  if (status === 204) return [];
  if (status === 429) throw new ReportThrottledError(retryAfterSeconds(retryAfter));
  throw new ReportFailedError(status, typeof body === 'string' ? body : JSON.stringify(body ?? ''));
}

/** On Forge: `privacy.reportPersonalData`, which rejects with the Response itself on any status but 200 and 204. */
export const forgeAccountReporter: AccountReporter = async (accounts) => {
  checkBatch(accounts);
  try {
    return await privacy.reportPersonalData([...accounts]);
  } catch (error) {
    if (error instanceof Error || typeof (error as { status?: unknown })?.status !== 'number') throw error;
    const response = error as {
      status: number;
      headers: { get(name: string): string | null };
      text(): Promise<string>;
    };
    return answerOf(response.status, response.headers.get('retry-after'), await response.text().catch(() => ''));
  }
};

/** Over plain HTTP, as the emulator serves it (tests and the local preview). */
export function httpAccountReporter(transport: JiraTransport): AccountReporter {
  return async (accounts) => {
    checkBatch(accounts);
    if (accounts.length === 0) return [];
    const response = await transport.send({ method: 'POST', path: REPORT_ACCOUNTS_PATH, body: { accounts } });
    return answerOf(response.status, response.headers['retry-after'], response.body);
  };
}

/** An account's current display name, or undefined when it cannot be found cheaply. */
export type ProfileFinder = (accountId: string) => Promise<string | undefined>;

const PROFILE_FIELDS = ['assignee', 'reporter', 'creator'] as const;

/**
 * Finds an account's current name in one issue that names it as assignee, reporter or creator: one search of at
 * most one issue (one point), under the read:jira-work scope the app has. No scope the app holds allows a user
 * lookup by account id (`/user/bulk` needs read:application-role:jira or read:jira-user).
 */
export function jiraProfileFinder(client: JiraClient): ProfileFinder {
  return async (accountId) => {
    const id = jqlString(accountId);
    const jql = PROFILE_FIELDS.map((field) => `${field} = ${id}`).join(' OR ');
    const issue = await firstIssue(client, `${jql} ORDER BY updated DESC`, [...PROFILE_FIELDS]);
    for (const field of PROFILE_FIELDS) {
      const user = issue?.fields[field] as { accountId?: unknown; displayName?: unknown } | null | undefined;
      if (user?.accountId === accountId && typeof user.displayName === 'string') return user.displayName;
    }
    return undefined;
  };
}
