import { differenceInMilliseconds, parseISO } from 'date-fns';
import {
  MAX_ACCOUNTS_PER_REPORT,
  ReportFailedError,
  ReportThrottledError,
  type AccountReporter,
  type ProfileFinder,
} from '../jira/personal-data';
import { scanningProjectKeys } from '../scan';
import { PRIVACY_PREFIX, renameAccount, scrubClosedAccounts, storedAccounts } from '../scan/personal-data';
import type { KeyValueStore } from '../store/key-value';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
/** Atlassian asks for every stored account to be reported at least every 7 days. */
export const REPORT_CYCLE_MS = 7 * DAY;
/** Accounts are reported again after 6 days, which leaves a day for throttling and failed runs. */
const REPORT_AGAIN_AFTER_MS = 6 * DAY;
/** The trigger runs hourly (manifest.yml): each run reports its share of the accounts, spread over 6 days. */
export const RUNS_PER_CYCLE = REPORT_AGAIN_AFTER_MS / HOUR;
/** An account this close to its 7 days is reported now, whatever the run's share. */
const OVERDUE_MS = REPORT_CYCLE_MS - 2 * HOUR;
const STATE_KEY = `${PRIVACY_PREFIX}reporting`;

interface ReportingState {
  /** When each stored account was last reported. */
  reportedAt: Record<string, string>;
  /** The API said 429: nothing is reported before then. */
  retryAt?: string;
  /** Closed accounts not yet erased (erasure waits for running scans to finish). */
  closed: string[];
  /** Changed accounts whose name is not yet refreshed (the refresh, too, waits for running scans). */
  updated?: string[];
}

export interface PersonalDataServices {
  store: KeyValueStore;
  now: () => Date;
  report: AccountReporter;
  /** A changed account's current name, read as the app. */
  findProfile: ProfileFinder;
}

export interface PersonalDataRun {
  /** Accounts the store holds. */
  stored: number;
  reported: number;
  closed: number;
  updated: number;
  /** Changed accounts whose stored name was refreshed in this run. */
  refreshed: number;
  /** Closed accounts erased in this run (0 while a scan runs: they are erased by a later run). */
  erased: number;
  /** Set when the API throttled the app: the next report is not before then. */
  waitingUntil?: string;
  /** An answer the API gave that was neither 200, 204 nor 429. */
  failed?: string;
}

function olderThan(iso: string | undefined, now: Date, ms: number): boolean {
  return iso === undefined || differenceInMilliseconds(now, parseISO(iso)) >= ms;
}

/**
 * What the hourly personal-data trigger runs: reports this run's share of the stored accounts (each account again
 * after 6 days, so within Atlassian's 7), erases the accounts the API says are closed from every stored value, and
 * gives the stored values naming an account the API says changed its current name (one search of one issue). After a 429 nothing is reported until
 * Retry-After has passed.
 */
export async function reportPersonalData(services: PersonalDataServices): Promise<PersonalDataRun> {
  const { store } = services;
  const now = services.now();
  const state = (await store.get<ReportingState>(STATE_KEY)) ?? { reportedAt: {}, closed: [] };
  const { accounts, returned } = await storedAccounts(store);
  const closed = new Set([...state.closed, ...returned]);
  const run: PersonalDataRun = { stored: accounts.size, reported: 0, closed: 0, updated: 0, refreshed: 0, erased: 0 };
  const updated = new Set((state.updated ?? []).filter((accountId) => accounts.has(accountId)));
  if (state.retryAt === undefined || now >= parseISO(state.retryAt)) {
    delete state.retryAt;
    const due = [...accounts.keys()]
      .filter(
        (accountId) => !closed.has(accountId) && olderThan(state.reportedAt[accountId], now, REPORT_AGAIN_AFTER_MS),
      )
      .sort((a, b) => (state.reportedAt[a] ?? '').localeCompare(state.reportedAt[b] ?? '') || a.localeCompare(b));
    const overdue = due.filter(
      (accountId) => state.reportedAt[accountId] && olderThan(state.reportedAt[accountId], now, OVERDUE_MS),
    );
    const share = Math.max(overdue.length, Math.ceil(accounts.size / RUNS_PER_CYCLE));
    const chosen = due.slice(0, share);
    for (let start = 0; start < chosen.length; start += MAX_ACCOUNTS_PER_REPORT) {
      const batch = chosen.slice(start, start + MAX_ACCOUNTS_PER_REPORT);
      try {
        const answers = await services.report(
          batch.map((accountId) => ({ accountId, updatedAt: accounts.get(accountId)! })),
        );
        for (const accountId of batch) state.reportedAt[accountId] = now.toISOString();
        run.reported += batch.length;
        for (const answer of answers) {
          if (answer.status === 'closed') closed.add(answer.accountId);
          else updated.add(answer.accountId);
        }
      } catch (error) {
        if (error instanceof ReportThrottledError) {
          state.retryAt = new Date(now.getTime() + error.retryAfterSeconds * 1000).toISOString();
          run.waitingUntil = state.retryAt;
        } else if (error instanceof ReportFailedError) run.failed = error.message;
        else throw error;
        break;
      }
    }
  }
  run.closed = closed.size;
  run.updated = updated.size;
  let erased: string[] = [];
  if ((closed.size > 0 || updated.size > 0) && (await scanningProjectKeys(store)).length === 0) {
    erased = [...closed];
    await scrubClosedAccounts(store, erased);
    closed.clear();
    for (const accountId of [...updated].filter((id) => !erased.includes(id))) {
      // An account no issue names as assignee, reporter or creator keeps its name until Jira reports it again.
      const displayName = await services.findProfile(accountId);
      if (displayName !== undefined) await renameAccount(store, accountId, displayName, now.toISOString());
      run.refreshed += displayName !== undefined ? 1 : 0;
    }
    updated.clear();
  }
  run.erased = erased.length;
  // Report dates are kept for accounts still stored and not closed: nothing else of a closed account stays.
  const gone = new Set([...erased, ...closed]);
  const reportedAt = Object.fromEntries(
    Object.entries(state.reportedAt).filter(([accountId]) => accounts.has(accountId) && !gone.has(accountId)),
  );
  await store.set<ReportingState>(STATE_KEY, {
    reportedAt,
    closed: [...closed].sort(),
    ...(updated.size > 0 ? { updated: [...updated].sort() } : {}),
    ...(state.retryAt ? { retryAt: state.retryAt } : {}),
  });
  return run;
}
