import { NeedsAuthenticationError } from '@forge/api';
import { JiraClient } from '../../src/jira/client';
import { ForgeTransport } from '../../src/jira/transport-forge';
import type { JiraTransport } from '../../src/jira/transport';
import { handler } from '../../src/resolvers';
import { runHandler } from '../../src/resolvers/registry';
import { MemoryStore } from '../../src/store/key-value';
import { FakeForgeStorage } from '../store/fake-forge-storage';

/**
 * A user who has not yet allowed the app to act for them: Forge's product fetch answers with the proxy error that
 * `@forge/api` turns into a NeedsAuthenticationError. Forge shows its consent prompt only when that error leaves the
 * function, so no layer may retry it or turn it into an answer.
 */

type ForgeFetch = (route: unknown, path: string, init: { body: string }) => Promise<Response>;
const forgeGlobal = globalThis as { __forge_fetch__?: ForgeFetch };

let jiraRequests: string[];
let storage: FakeForgeStorage;

beforeEach(() => {
  jiraRequests = [];
  storage = new FakeForgeStorage();
  storage.install();
  const storageFetch = forgeGlobal.__forge_fetch__!;
  forgeGlobal.__forge_fetch__ = (route, path, init) => {
    if (!path.startsWith('/rest/')) return storageFetch(route, path, init);
    jiraRequests.push(path);
    return Promise.resolve(
      new Response('', { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } }),
    );
  };
});
afterEach(() => storage.uninstall());

const quickRetries = { retry: { baseDelayMs: 1, maxDelayMs: 1 }, sleep: () => Promise.resolve() };

describe('consent a user has not given', () => {
  it('leaves the client on the first try, as the NeedsAuthenticationError Forge threw', async () => {
    const client = new JiraClient(new ForgeTransport('user'), quickRetries);
    const call = client.call({ method: 'GET', path: '/rest/api/3/myself' });
    await expect(call).rejects.toBeInstanceOf(NeedsAuthenticationError);
    expect(jiraRequests).toEqual(['/rest/api/3/myself']);
    expect(client.usage.networkErrors).toBe(0);
  });

  it('leaves the client when another error carries it as its cause', async () => {
    const consent = new NeedsAuthenticationError('Authentication Required', 'atlassian-token-service-key');
    let sent = 0;
    const transport: JiraTransport = {
      name: 'wrapping',
      send: () => {
        sent++;
        return Promise.reject(new Error('product fetch failed', { cause: consent }));
      },
    };
    const call = new JiraClient(transport, quickRetries).call({ method: 'GET', path: '/rest/api/3/myself' });
    await expect(call).rejects.toThrow('product fetch failed');
    expect(sent).toBe(1);
  });

  it('reaches Forge from a resolver instead of a JIRA_UNAVAILABLE answer', async () => {
    const asUser = () => new JiraClient(new ForgeTransport('user'), quickRetries);
    const services = { jiraAsUser: asUser, jiraAsApp: asUser, store: new MemoryStore(), now: () => new Date() };
    // A project page asks Jira, as the viewer, about its project: the first call that needs the viewer's consent.
    const answer = runHandler(
      'getRoadmap',
      services,
      { projectKey: 'PAY' },
      { accountId: 'someone', moduleKey: 'rba-project-page' },
    );
    await expect(answer).rejects.toBeInstanceOf(NeedsAuthenticationError);
    expect(jiraRequests).toHaveLength(1);
  });

  it('reaches Forge through the deployed resolver function', async () => {
    const invocation = handler(
      {
        call: { functionKey: 'getRoadmap', payload: { projectKey: 'PAY' } },
        context: { moduleKey: 'rba-project-page' },
      },
      { principal: { accountId: 'someone' } },
    );
    await expect(invocation).rejects.toBeInstanceOf(NeedsAuthenticationError);
  });
});
