import type { Command } from 'commander';
import { auditSite } from '../../audit';
import { roleMappingGroups } from '../../config/role-mapping';
import { demoConfig, generateDemoSite, DEMO_USERS } from '../../dev/demo';
import { startEmulator } from '../../dev/emulator';
import { JiraClient } from '../../jira/client';
import { normaliseSite } from '../../jira/normalise';
import { readSite } from '../../jira/read-site';
import { saveSnapshotFile } from '../../jira/snapshot-file';
import { HttpTransport } from '../../jira/transport-http';
import { formatReport } from '../format-report';
import { untilInterrupted } from '../serve';
import { parseNumberOption } from '../site-source';
import { describeRead, describeUsage } from '../usage';

export function register(program: Command): void {
  program
    .command('demo')
    .description('serve the embedded demo site, read it through the data layer and audit it (what `npm start` runs)')
    .option('--port <n>', 'port for the emulator (0 picks a free one)', '0')
    .option('--write <file>', 'also write the demo site snapshot to this file')
    .action(async (options: { port?: string; write?: string }) => {
      const snapshot = generateDemoSite();
      if (options.write) await saveSnapshotFile(options.write, snapshot);
      const emulator = await startEmulator(snapshot, {
        port: parseNumberOption('--port', options.port, { min: 0, max: 65535, integer: true }) ?? 0,
      });
      process.stdout.write(`listening ${emulator.url}\n`);
      // A site admin reads everything, project roles included, as the app's background scan does.
      const adminId = Object.entries(snapshot.permissions ?? {}).find(([, grant]) => grant.admin)?.[0];
      const reader = DEMO_USERS.find((user) => user.accountId === adminId) ?? DEMO_USERS[0]!;
      const client = new JiraClient(
        new HttpTransport({ baseUrl: emulator.url, email: reader.email ?? reader.accountId, apiToken: 'demo' }),
      );
      const config = demoConfig();
      const read = await readSite(client, { baseUrl: emulator.url, groups: roleMappingGroups(config) });
      const site = normaliseSite(read.snapshot, read.problems);
      const cpuBefore = process.cpuUsage();
      const report = auditSite(site, config, { now: new Date(site.capturedAt ?? Date.now()) });
      const cpu = process.cpuUsage(cpuBefore);
      process.stdout.write(
        [
          `Demo site read as ${reader.displayName} through the Jira data layer:`,
          `  ${describeRead(read).replace(/\n/g, '\n  ')}`,
          `  normalised: ${site.items.length} items, ${site.actions.length} actions, ${site.people.length} people`,
          `  cost: ${describeUsage(client.usage)}`,
          `  audited in ${Math.round((cpu.user + cpu.system) / 1000)} ms of CPU (the Growth team is declared combined-role):`,
          '',
          formatReport(report, 'table'),
          'The emulator keeps serving the demo site. Try, in another terminal:',
          `  node bin/role-audit.js audit --site ${emulator.url} --email ${reader.email ?? reader.accountId} --token any --format markdown`,
          `  node bin/role-audit.js read --site ${emulator.url} --email ${reader.email ?? reader.accountId} --token any`,
          `  curl -u ${reader.email ?? reader.accountId}:any '${emulator.url}/rest/api/3/search/jql?jql=project%20%3D%20${site.projects[0]?.key ?? 'X'}&fields=summary'`,
          'Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
      await untilInterrupted(emulator);
    });
}
