/** @needs-shared jira-openapi */
import { startEmulator } from '../../src/dev/emulator';
import { fixtureSnapshot, PAULA } from '../fixtures/emulator/site';
import { rawRequest } from './http';
import { useEmulator } from './setup';

const FIELD_COST = 1 + fixtureSnapshot().fields.length;
const MOB4_COMMENTS_COST = 1 + 1 + 100;
const commentsOfMob4 = `/rest/api/3/search/jql?jql=${encodeURIComponent('key = MOB-4')}&fields=comment`;

describe('the points budget (3600 points an hour: 1 a second, 60 at most)', () => {
  let clock = Date.parse('2026-03-01T12:00:30.000Z');
  const harness = useEmulator({ pointsPerHour: 3600, now: () => clock });

  it('reports the remaining points on every answer and flags the last 20%', async () => {
    const { jira } = harness();
    const fields = await jira.get('/rest/api/3/field');
    expect(fields.headers['beta-ratelimit-policy']).toBe('"tenant-app-quota";q=3600;w=3600');
    expect(fields.headers['beta-ratelimit']).toBe(`"tenant-app-quota";r=${60 - FIELD_COST};t=${FIELD_COST}`);
    expect(fields.headers['x-beta-ratelimit-nearlimit']).toBeUndefined();

    // One large answer may overdraw the bucket: it is charged after it is served.
    const comments = await jira.get(commentsOfMob4);
    expect(comments.status).toBe(200);
    expect(comments.headers['beta-ratelimit']).toBe(`"tenant-app-quota";r=0;t=${FIELD_COST + MOB4_COMMENTS_COST}`);
    expect(comments.headers['x-beta-ratelimit-nearlimit']).toBe('true');
    expect(comments.headers['x-ratelimit-nearlimit']).toBe('true');
  });

  it('answers 429 with Retry-After until the balance is positive again, and charges nothing for it', async () => {
    const { jira, emulator } = harness();
    const overdraft = FIELD_COST + MOB4_COMMENTS_COST - 60;
    const before = emulator.stats();

    const refused = await jira.get('/rest/api/3/field');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(overdraft + 1));
    expect(refused.headers['ratelimit-reason']).toBe('jira-quota-tenant-based');
    expect(refused.headers['x-ratelimit-reset']).toBe('2026-03-01T12:01Z');

    clock += overdraft * 1000;
    const stillRefused = await jira.get('/rest/api/3/field');
    expect(stillRefused.status).toBe(429);
    expect(stillRefused.headers['retry-after']).toBe('1');

    clock += 1000;
    expect((await jira.get('/rest/api/3/field')).status).toBe(200);

    const after = emulator.stats();
    expect(after.throttled - before.throttled).toBe(2);
    expect(after.requests - before.requests).toBe(3);
    expect(after.points - before.points).toBe(FIELD_COST);
  });
});

describe('injected failures (failRate 0.5, scripted random draws)', () => {
  const draws: number[] = [];
  const harness = useEmulator({ failRate: 0.5, random: () => draws.shift() ?? 0.99 });

  it('answers the drawn share with 500, 502, 503 or 504 and charges nothing for them', async () => {
    const { jira, emulator } = harness();
    emulator.resetStats();
    // Each request draws once for "fail?" (below 0.5 fails) and, when failing, once for which status.
    draws.push(0.1, 0.0, 0.2, 0.3, 0.4, 0.6, 0.49, 0.9, 0.5);
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await jira.get('/rest/api/3/field')).status);
    expect(statuses).toEqual([500, 502, 503, 504, 200]);
    expect(emulator.stats()).toMatchObject({ requests: 5, failed: 4, points: FIELD_COST });
  });

  it('fails only after authentication: a stranger still gets 401 and draws nothing', async () => {
    const { emulator } = harness();
    draws.splice(0, draws.length, 0.0, 0.0);
    expect((await rawRequest(`${emulator.url}/rest/api/3/field`, { login: 'stranger@example.com' })).status).toBe(401);
    expect(draws).toHaveLength(2);
  });
});

describe('defaults and options', () => {
  it('repeats the same failures from run to run with the default seeded random', async () => {
    const statusesOf = async () => {
      const emulator = await startEmulator(fixtureSnapshot(), { failRate: 0.3 });
      try {
        const statuses: number[] = [];
        for (let index = 0; index < 30; index += 1) {
          statuses.push((await rawRequest(`${emulator.url}/rest/api/3/myself`, { login: PAULA.accountId })).status);
        }
        return statuses;
      } finally {
        await emulator.close();
      }
    };
    const first = await statusesOf();
    expect(await statusesOf()).toEqual(first);
    expect(first.filter((status) => status >= 500).length).toBeGreaterThan(0);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(0);
  });

  it('delays every answer by latencyMs', async () => {
    const emulator = await startEmulator(fixtureSnapshot(), { latencyMs: 80 });
    try {
      const started = performance.now();
      expect((await rawRequest(`${emulator.url}/rest/api/3/myself`)).status).toBe(401);
      expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    } finally {
      await emulator.close();
    }
  });

  it.each([{ failRate: 1.5 }, { failRate: -0.1 }, { pointsPerHour: 0 }, { latencyMs: -1 }, { port: 70000 }])(
    'rejects %p',
    async (options) => {
      await expect(startEmulator(fixtureSnapshot(), options)).rejects.toThrow(RangeError);
    },
  );

  it('rejects a snapshot of another format', async () => {
    const snapshot = { ...fixtureSnapshot(), format: 'something-else' } as unknown as ReturnType<
      typeof fixtureSnapshot
    >;
    await expect(startEmulator(snapshot)).rejects.toThrow('jira-site-snapshot/1');
  });
});
