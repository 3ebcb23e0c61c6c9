import { JiraClient } from '../../src/jira/client';
import {
  httpAccountReporter,
  jiraProfileFinder,
  MAX_ACCOUNTS_PER_REPORT,
  type ReportedAccount,
} from '../../src/jira/personal-data';
import { HttpTransport } from '../../src/jira/transport-http';
import { scheduleScans } from '../../src/jobs';
import { reportPersonalData, RUNS_PER_CYCLE, type PersonalDataRun } from '../../src/jobs/personal-data';
import type { ResolverApi, ResolverName } from '../../src/resolvers/api';
import { runHandler } from '../../src/resolvers/registry';
import { readHead } from '../../src/scan/state';
import { FORMER_USER } from '../../src/scan/personal-data';
import type { KeyValueStore } from '../../src/store/key-value';
import { ADMIN, demo, startPipeline, type Pipeline } from './support';

/**
 * Personal data reporting end to end: the demo site scanned into the store through the emulator, the hourly
 * reporting job against the emulator's `POST /app/report-accounts`, and the panels over what is left.
 */
const HOUR = 60 * 60_000;
const PAY_PO_ID = demo.projectRoles
  .PAY!.find((role) => role.name === 'Product Owner')!
  .actors!.find((actor) => actor.actorUser)!.actorUser!.accountId;
const PAY_PO = demo.users.find((user) => user.accountId === PAY_PO_ID)!;
const PAY_BOARD = demo.boards.find((board) => board.location?.projectKey === 'PAY')!;

let pipeline: Pipeline;
let sent: ReportedAccount[][];
let profileLookups: string[];

beforeEach(async () => {
  pipeline = await startPipeline();
  await scheduleScans(pipeline.services);
  await pipeline.drain();
  sent = [];
  profileLookups = [];
});
afterEach(async () => {
  await pipeline.close();
});

/** The pipeline's store, with every value the job reads counted (what Forge bills as KVS reads). */
function countingStore(): { store: KeyValueStore; reads: Array<{ key: string; bytes: number }> } {
  const inner = pipeline.store;
  const reads: Array<{ key: string; bytes: number }> = [];
  const store: KeyValueStore = {
    get: async <T>(key: string) => {
      const value = await inner.get<T>(key);
      if (value !== undefined) reads.push({ key, bytes: Buffer.byteLength(JSON.stringify(value)) });
      return value;
    },
    set: (key, value) => inner.set(key, value),
    delete: (key) => inner.delete(key),
    keysWithPrefix: (prefix) => inner.keysWithPrefix(prefix),
  };
  return { store, reads };
}

function reportOnce(store: KeyValueStore = pipeline.store): Promise<PersonalDataRun> {
  const report = httpAccountReporter(
    new HttpTransport({ baseUrl: pipeline.emulator.url, email: ADMIN, apiToken: 'app' }),
  );
  return reportPersonalData({
    store,
    now: pipeline.services.now,
    findProfile: (accountId) => {
      profileLookups.push(accountId);
      return jiraProfileFinder(pipeline.services.jira())(accountId);
    },
    report: (accounts) => {
      sent.push([...accounts]);
      return report(accounts);
    },
  });
}

/** Hourly runs, as the trigger makes them, until every stored account has been reported once. */
async function reportingCycle(): Promise<PersonalDataRun[]> {
  const runs: PersonalDataRun[] = [];
  const reported = new Set<string>();
  for (let hour = 0; hour < RUNS_PER_CYCLE; hour++) {
    const run = await reportOnce();
    runs.push(run);
    for (const batch of sent) for (const account of batch) reported.add(account.accountId);
    if (reported.size >= run.stored && run.stored > 0) break;
    pipeline.clock.advance(HOUR);
  }
  return runs;
}

/** Bytes of every value in the store: what a run that read the whole store would read. */
async function storedBytes(): Promise<number> {
  let bytes = 0;
  for (const key of await pipeline.store.keysWithPrefix(''))
    bytes += Buffer.byteLength(JSON.stringify(await pipeline.store.get(key)));
  return bytes;
}

/** Every key and value in the store, as stored. */
async function everythingStored(): Promise<string> {
  const keys = await pipeline.store.keysWithPrefix('');
  const values = await Promise.all(keys.map(async (key) => `${key}\n${JSON.stringify(await pipeline.store.get(key))}`));
  return values.join('\n');
}

function call<K extends ResolverName>(name: K, as: string, payload: ResolverApi[K]['payload']) {
  return runHandler(
    name,
    {
      jiraAsUser: () => new JiraClient(new HttpTransport({ baseUrl: pipeline.emulator.url, email: as, apiToken: 'u' })),
      jiraAsApp: () =>
        new JiraClient(new HttpTransport({ baseUrl: pipeline.emulator.url, email: ADMIN, apiToken: 'a' })),
      store: pipeline.store,
      now: pipeline.services.now,
    },
    payload,
    { accountId: as, moduleKey: 'test', extension: {} },
  );
}

describe('personal data reporting', () => {
  it('reports every stored account in batches of at most 90 within a cycle, each with when it was read', async () => {
    const runs = await reportingCycle();
    const accounts = sent.flat();
    expect(runs[0]!.stored).toBeGreaterThan(0);
    expect(new Set(accounts.map((account) => account.accountId)).size).toBe(runs[0]!.stored);
    expect(accounts).toHaveLength(runs[0]!.stored);
    expect(sent.every((batch) => batch.length > 0 && batch.length <= MAX_ACCOUNTS_PER_REPORT)).toBe(true);
    const fullScanAt = (await readHead(pipeline.store, 'PAY'))!.fullScanAt;
    expect(accounts.find((account) => account.accountId === PAY_PO.accountId)?.updatedAt).toBe(fullScanAt);
    // Nothing is due again until 6 days after its report.
    sent = [];
    pipeline.clock.advance(HOUR);
    expect((await reportOnce()).reported).toBe(0);
  });

  it('reads only the account index in an hourly run, never the cached issues or the reports', async () => {
    await reportingCycle();
    pipeline.clock.advance(HOUR);
    const counted = countingStore();
    const run = await reportOnce(counted.store);
    expect(run.stored).toBeGreaterThan(0);
    const readBytes = counted.reads.reduce((sum, read) => sum + read.bytes, 0);
    expect(counted.reads.filter((read) => !read.key.startsWith('privacy:'))).toEqual([]);
    // The demo site's store holds about 4.9 MB; the index of its accounts about 15 kB.
    expect(readBytes).toBeLessThan((await storedBytes()) / 100);
  });

  it('leaves no trace of a closed account in any stored value, and the panels show "Former user"', async () => {
    const before = await everythingStored();
    expect(before).toContain(PAY_PO.accountId);
    expect(before).toContain(PAY_PO.displayName);
    const panelBefore = JSON.stringify(await call('getBoardPanel', ADMIN, { boardId: PAY_BOARD.id }));
    expect(panelBefore).toContain(PAY_PO.displayName);

    pipeline.emulator.accounts.close(PAY_PO.accountId);
    const runs = await reportingCycle();
    expect(runs.reduce((sum, run) => sum + run.erased, 0)).toBe(1);

    const after = await everythingStored();
    expect(after).not.toContain(PAY_PO.accountId);
    expect(after).not.toContain(PAY_PO.displayName);
    const panel = await call('getBoardPanel', ADMIN, { boardId: PAY_BOARD.id });
    expect(panel.ok).toBe(true);
    const shown = JSON.stringify(panel);
    expect(shown).toContain(FORMER_USER);
    expect(shown).not.toContain(PAY_PO.displayName);
    expect(shown).not.toContain(PAY_PO.accountId);
  });

  it('waits as long as a 429 says, then reports', async () => {
    pipeline.emulator.faults.add({
      path: '/app/report-accounts',
      times: 1,
      fault: { kind: 'throttle', retryAfterSeconds: 7200 },
    });
    const throttled = await reportOnce();
    expect(throttled).toMatchObject({ reported: 0, waitingUntil: expect.any(String) as string });
    pipeline.clock.advance(HOUR);
    expect((await reportOnce()).reported).toBe(0);
    expect(sent).toHaveLength(1);
    pipeline.clock.advance(HOUR);
    expect((await reportOnce()).reported).toBeGreaterThan(0);
  });

  it('gives the values naming an account whose profile changed its new name, from one search, with no re-scan', async () => {
    const name = String(PAY_PO.displayName);
    const renamed = `${name} Renamed`;
    const before = await readHead(pipeline.store, 'PAY');
    // The profile changes on the site: every issue and list names the account by its new name from now on.
    pipeline.emulator.replaceSnapshot(JSON.parse(JSON.stringify(demo).split(name).join(renamed)));
    pipeline.emulator.accounts.update(PAY_PO.accountId, new Date(pipeline.services.now().getTime() + HOUR));
    pipeline.clock.advance(2 * HOUR);
    const runs = await reportingCycle();
    expect(runs.reduce((sum, run) => sum + run.updated, 0)).toBe(1);
    expect(runs.reduce((sum, run) => sum + run.refreshed, 0)).toBe(1);
    expect(profileLookups).toEqual([PAY_PO.accountId]);

    const stored = await everythingStored();
    expect(stored).toContain(renamed);
    expect(stored.split(renamed).join('')).not.toContain(name);
    // No full scan is forced, and no date is faked.
    expect(await readHead(pipeline.store, 'PAY')).toEqual(before);
    const panel = JSON.stringify(await call('getBoardPanel', ADMIN, { boardId: PAY_BOARD.id }));
    expect(panel).toContain(renamed);
    // The next report carries the refresh's time: the API no longer reports the account as changed.
    sent = [];
    pipeline.clock.advance(7 * 24 * HOUR);
    expect((await reportingCycle()).reduce((sum, run) => sum + run.updated, 0)).toBe(0);
  });
});
