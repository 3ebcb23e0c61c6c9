import { JiraClient, JiraError, countListObjects, retryAfterMs } from '../../src/jira/client';
import { ScriptedTransport, fakeClock, json } from './fake-transport';

describe('JiraClient retries', () => {
  it('waits exactly what Retry-After says on 429, then succeeds', async () => {
    const clock = fakeClock();
    const transport = new ScriptedTransport((_, index) =>
      index === 0
        ? json(
            429,
            { errorMessages: ['Rate limited'] },
            { 'retry-after': '7', 'ratelimit-reason': 'jira-quota-tenant-based' },
          )
        : json(200, { values: [1, 2, 3] }),
    );
    const client = new JiraClient(transport, { sleep: clock.sleep, now: clock.now, random: () => 0.5 });
    const { body } = await client.get<{ values: number[] }>('/rest/api/3/project/search');
    expect(body.values).toEqual([1, 2, 3]);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(7000);
    expect(client.usage).toMatchObject({ requests: 2, throttled: 1, retries: 1, points: 4 });
  });

  it('keeps waiting on 429 for as long as its time budget allows, then gives up', async () => {
    const clock = fakeClock();
    const transport = new ScriptedTransport(() => json(429, {}, { 'retry-after': '60' }));
    const client = new JiraClient(transport, {
      sleep: clock.sleep,
      now: clock.now,
      retry: { maxTries: 2, maxThrottleWaitMs: 10 * 60_000 },
    });
    await expect(client.get('/rest/api/3/field')).rejects.toMatchObject({ status: 429, transient: true });
    expect(transport.sent).toHaveLength(11);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(10 * 60_000);
  });

  it('backs off exponentially with jitter on 5xx and gives up after maxTries', async () => {
    const clock = fakeClock();
    const transport = new ScriptedTransport(() => json(503, 'Service Unavailable'));
    const client = new JiraClient(transport, {
      sleep: clock.sleep,
      now: clock.now,
      random: () => 1,
      retry: { maxTries: 4, baseDelayMs: 100, maxDelayMs: 250 },
    });
    await expect(client.get('/rest/api/3/field')).rejects.toMatchObject({
      name: 'JiraError',
      status: 503,
      transient: true,
    });
    expect(transport.sent).toHaveLength(4);
    expect(clock.sleeps).toEqual([100, 200, 250]);
    expect(client.usage.points).toBe(0);
  });

  it('retries network failures and invalid JSON, but never a 400 or 404', async () => {
    const clock = fakeClock();
    const answers = [
      new Error('socket hang up'),
      { status: 200, headers: {}, body: '{"trunc', malformed: true },
      json(200, [{ id: 'summary' }]),
    ];
    const client = new JiraClient(new ScriptedTransport((_, index) => answers[index]!), {
      sleep: clock.sleep,
      now: clock.now,
      random: () => 0,
    });
    const { body } = await client.get<unknown[]>('/rest/api/3/field');
    expect(body).toHaveLength(1);
    expect(client.usage).toMatchObject({ requests: 3, networkErrors: 1, serverErrors: 1 });

    for (const status of [400, 401, 403, 404]) {
      const transport = new ScriptedTransport(() => json(status, { errorMessages: ['nope'] }));
      const strict = new JiraClient(transport, { sleep: clock.sleep, now: clock.now });
      const error = await strict.get('/rest/api/3/project/X').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(JiraError);
      expect((error as JiraError).message).toContain('nope');
      expect(transport.sent).toHaveLength(1);
    }
  });

  it('pauses every request while Jira has asked to back off', async () => {
    const clock = fakeClock();
    let throttled = false;
    const transport = new ScriptedTransport(() => {
      if (!throttled) {
        throttled = true;
        return json(429, {}, { 'retry-after': '3' });
      }
      return json(200, { values: [] });
    });
    const client = new JiraClient(transport, { sleep: clock.sleep, now: clock.now, concurrency: 1 });
    await Promise.all([client.get('/a'), client.get('/b')]);
    expect(clock.now() - 1_700_000_000_000).toBe(3000);
    expect(transport.sent.map((request) => request.path)).toEqual(['/a', '/a', '/b']);
  });

  it('never has more requests in flight than its concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const transport = {
      name: 'slow',
      send: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
        return json(200, {});
      },
    };
    const client = new JiraClient(transport, { concurrency: 3 });
    await Promise.all(Array.from({ length: 20 }, (_, index) => client.get(`/r/${index}`)));
    expect(peak).toBe(3);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['5', 5000],
    ['0.5', 500],
    ['Wed, 21 Oct 2015 07:28:10 GMT', 10_000],
    ['soon', undefined],
    [undefined, undefined],
  ])('reads %p', (header, expected) => {
    expect(retryAfterMs(header, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(expected);
  });
});

describe('countListObjects', () => {
  it.each([
    [[1, 2], 2],
    [{ values: [1, 2, 3], isLast: true }, 3],
    [{ issues: [{}, {}] }, 2],
    [{ comments: [{}] }, 1],
    [null, 0],
    ['text', 0],
  ])('counts %j', (body, expected) => {
    expect(countListObjects(body)).toBe(expected);
  });
});
