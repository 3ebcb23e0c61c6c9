// Entry points named by the manifest's function handlers (`index.<export>`).
export { handler } from './resolvers';
export { scheduledScan, scanConsumer, productEvent, reportAccounts } from './jobs/forge';
