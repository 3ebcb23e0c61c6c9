import Resolver from '@forge/resolver';
import { JiraClient } from '../jira/client';
import { SCAN_QUEUE } from '../jobs/forge';
import { ForgeJobQueue } from '../jobs/forge-queue';
import { ForgeTransport } from '../jira/transport-forge';
import { ForgeKvsStore } from '../store/forge-kvs';
import type { ResolverApi } from './api';
import { HANDLERS, runHandler } from './registry';
import type { AppServices, CallerContext } from './services';

/** Production services: Jira as the viewing user through Forge, Forge's key-value storage. */
const forgeServices: AppServices = {
  jiraAsUser: () => new JiraClient(new ForgeTransport('user')),
  jiraAsApp: () => new JiraClient(new ForgeTransport('app')),
  store: new ForgeKvsStore(),
  now: () => new Date(),
  requestAudit: () => new ForgeJobQueue(SCAN_QUEUE).push({ type: 'audit' }),
};

const resolver = new Resolver();

for (const name of Object.keys(HANDLERS) as Array<keyof ResolverApi>) {
  resolver.define(name, ({ payload, context }) =>
    runHandler(name, forgeServices, (payload ?? {}) as never, (context ?? {}) as CallerContext),
  );
}

/** The Forge function handler behind every module's `resolver: { function: resolver }`. */
export const handler = resolver.getDefinitions();
