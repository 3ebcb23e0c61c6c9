import type { RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { HttpTransport } from '../../src/jira/transport-http';
import { MemoryJobQueue, runScheduledLocally } from '../../src/jobs';
import type { FirstScanView } from '../../src/resolvers/api';
import type { ResolverResponse } from '../../src/resolvers/response';
import { BackgroundScanner } from '../../src/scan';
import { MemoryStore } from '../../src/store/key-value';

/**
 * What views read: the background pipeline's cache and stored reports, made as the app (`admin`) by the scheduler
 * and its jobs, with the configuration already in `store`.
 */
export async function scanAndAudit(
  emulator: RunningEmulator,
  admin: string,
  store: MemoryStore,
  now: Date,
): Promise<void> {
  await runScheduledLocally({
    jira: () => new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: admin, apiToken: 'app' })),
    store,
    queue: new MemoryJobQueue(),
    scanner: new BackgroundScanner(),
    now: () => now,
    stepBudgetMs: 600_000,
  });
}

/** A copy of a store, so each test starts from one scan of the site and changes only its own copy. */
export async function copyStore(from: MemoryStore): Promise<MemoryStore> {
  const copy = new MemoryStore();
  for (const key of await from.keysWithPrefix('')) await copy.set(key, await from.get(key));
  return copy;
}

/** A view's data, failing the test on an error or on the first scan's progress. */
export function shown<T extends object>(result: ResolverResponse<T | FirstScanView>): T {
  if (!result.ok) throw new Error(result.error.message);
  if ('firstScan' in result.data) throw new Error(`the view showed the first scan: ${JSON.stringify(result.data)}`);
  return result.data;
}
