import { countBySeverity } from '../../src/domain/finding';
import { demoConfig, generateDemoSite } from '../../src/dev/demo';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { HttpTransport } from '../../src/jira/transport-http';
import { MemoryJobQueue, runScheduledLocally } from '../../src/jobs';
import type { IssueDecisionLog } from '../../src/resolvers/api';
import { runHandler } from '../../src/resolvers/registry';
import type { AppServices } from '../../src/resolvers/services';
import { RULE_METAS } from '../../src/rules';
import { BackgroundScanner } from '../../src/scan';
import { ConfigRepository } from '../../src/store/config-store';
import { MemoryStore } from '../../src/store/key-value';

/** The issue panel's resolver against the emulator serving the demo site, before and after the background scan. */
const snapshot = generateDemoSite();
const permissions = Object.entries(snapshot.permissions ?? {});
const ADMIN = permissions.find(([, grant]) => grant.admin)![0];
const OUTSIDER = permissions.find(([, grant]) => !grant.admin && !(grant.projects ?? []).includes('PAY'))?.[0];
// PAY-192: a PM and a PO both moved its planning within days (overlap/contested-item, overlap/pm-tactical-action).
const CONTESTED = 'PAY-192';

let emulator: RunningEmulator;
let store: MemoryStore;
let clients: JiraClient[];

const client = (login: string) =>
  new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: login, apiToken: 'test' }));

function call(as: string, payload: { issueKey?: string }, extension: unknown = {}) {
  const services: AppServices = {
    jiraAsUser: () => {
      const made = client(as);
      clients.push(made);
      return made;
    },
    jiraAsApp: () => {
      const made = client(ADMIN);
      clients.push(made);
      return made;
    },
    store,
    now: () => new Date(snapshot.capturedAt!),
  };
  return runHandler('getIssueDecisions', services, payload, { accountId: as, moduleKey: 'test', extension });
}

const requests = () => clients.reduce((sum, made) => sum + made.usage.requests, 0);

async function logOf(as: string, issueKey: string): Promise<IssueDecisionLog> {
  const result = await call(as, {}, { type: 'jira:issueContext', issue: { key: issueKey, id: '1' } });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

beforeAll(async () => {
  emulator = await startEmulator(snapshot);
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  store = new MemoryStore();
  clients = [];
  await new ConfigRepository(store, RULE_METAS).saveSite(demoConfig(), 0, { at: new Date() });
});

describe('getIssueDecisions', () => {
  it('before any scan reads the one issue from Jira in at most 5 requests, decisions classified, roles and flags not yet known', async () => {
    const log = await logOf(ADMIN, CONTESTED);
    expect(requests()).toBeLessThanOrEqual(5);
    expect(log.issue).toMatchObject({ key: CONTESTED, projectKey: 'PAY' });
    expect(log.audited).toBe(false);
    expect(log.findings).toEqual([]);
    expect(log.decisions.length).toBeGreaterThan(0);
    for (const decision of log.decisions) {
      expect(['strategic', 'tactical']).toContain(decision.side);
      expect(decision.reason).not.toBe('');
    }
    const times = log.decisions.map((decision) => decision.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('after the scan reads the cache: roles, the flags naming the issue, and its contested decisions', async () => {
    await runScheduledLocally({
      jira: () => client(ADMIN),
      store,
      queue: new MemoryJobQueue(),
      scanner: new BackgroundScanner(),
      now: () => new Date(snapshot.capturedAt!),
      stepBudgetMs: 60_000,
    });
    clients = [];
    const log = await logOf(ADMIN, CONTESTED);
    expect(requests()).toBeLessThanOrEqual(5);
    expect(log.audited).toBe(true);
    expect(log.findings.map((finding) => finding.rule)).toEqual(
      expect.arrayContaining(['overlap/contested-item', 'overlap/pm-tactical-action']),
    );
    expect(log.severityCounts).toEqual(countBySeverity(log.findings));
    const contested = log.decisions.filter((decision) => decision.contested);
    expect(contested.length).toBeGreaterThan(0);
    const flagged = new Set(log.findings.flatMap((finding) => finding.evidence.map((entry) => entry.actionId)));
    for (const decision of contested) {
      expect(flagged.has(decision.actionId)).toBe(true);
      expect(decision.findingIds.length).toBeGreaterThan(0);
    }
    expect(contested.some((decision) => decision.person?.roles.includes('pm'))).toBe(true);
    // Decisions nobody flagged are listed too, and are not contested.
    expect(log.decisions.some((decision) => !decision.contested)).toBe(true);
  });

  it('answers NOT_FOUND for an issue the viewer may not see, and INVALID_INPUT without an issue', async () => {
    if (!OUTSIDER) throw new Error('The demo site has nobody who may not browse PAY');
    expect(await call(OUTSIDER, { issueKey: CONTESTED })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(ADMIN, { issueKey: 'PAY-999999' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(ADMIN, {}, { type: 'jira:issueContext' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
