import { Command, Option } from 'commander';
import { auditSite } from '../audit';
import { demoConfig, generateDemoSite, DEMO_PREVIEW_FOCUS, DEMO_USERS } from '../dev/demo';
import { startEmulator } from '../dev/emulator';
import { editHelp, exampleEdit, startPreview } from '../dev/preview/server';
import path from 'node:path';
import type { ReadProblem } from '../domain/model';
import { JiraClient } from '../jira/client';
import { normaliseSite } from '../jira/normalise';
import { readSite } from '../jira/read-site';
import { loadSnapshotFile, saveSnapshotFile } from '../jira/snapshot-file';
import type { SiteSnapshot } from '../jira/snapshot';
import { HttpTransport } from '../jira/transport-http';
import { registerAuditCommand } from './audit';
import { registerClassifyCommands } from './classify';
import { registerConfigCommands } from './config';
import { writeSnapshotOutput } from './snapshot-output';
import { formatReport } from './format-report';
import { liveClient, parseDateOption, parseNumberOption, type LiveSiteOptions } from './site-source';
import { describeRead, describeUsage } from './usage';

interface EmulateOptions {
  snapshot?: string;
  demo?: boolean;
  port?: string;
  latencyMs?: string;
  failRate?: string;
  pointsPerHour?: string;
}

interface SnapshotOptions extends LiveSiteOptions {
  out: string;
  project?: string[];
  group?: string[];
  since?: string;
  naive?: boolean;
}

interface ReadOptions extends LiveSiteOptions {
  snapshot?: string;
  project?: string[];
  naive?: boolean;
  json?: boolean;
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command('role-audit')
    .description('Role Boundary Auditor: who decides what between product managers and product owners, read from Jira')
    .showHelpAfterError()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  registerAuditCommand(program);
  registerClassifyCommands(program);
  registerConfigCommands(program);

  program
    .command('emulate')
    .description('serve a site snapshot as a local Jira Cloud REST API on 127.0.0.1')
    .addOption(new Option('--snapshot <file>', 'site snapshot to serve').conflicts('demo'))
    .option('--demo', 'serve the embedded demo site')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--latency-ms <n>', 'delay every answer by this many milliseconds')
    .option('--fail-rate <r>', 'answer this fraction of requests with a 5xx (0 to 1)')
    .option('--points-per-hour <n>', 'rate-limit points budget; beyond it answer 429 with Retry-After')
    .action(async (options: EmulateOptions) => {
      const snapshot = await snapshotFromOptions(options);
      const emulator = await startEmulator(snapshot, {
        port: parseNumberOption('--port', options.port, { min: 0, max: 65535, integer: true }) ?? 0,
        latencyMs: parseNumberOption('--latency-ms', options.latencyMs, { min: 0, max: 600_000 }),
        failRate: parseNumberOption('--fail-rate', options.failRate, { min: 0, max: 1 }),
        pointsPerHour: parseNumberOption('--points-per-hour', options.pointsPerHour, {
          min: 1,
          max: 1e12,
          integer: true,
        }),
      });
      process.stdout.write(`listening ${emulator.url}\n`);
      process.stdout.write(
        `serving ${snapshot.projects.length} projects, ${snapshot.issues.length} issues; sign in with Basic auth as a user's e-mail or account id (any token)\n`,
      );
      await untilInterrupted(emulator);
    });

  program
    .command('snapshot')
    .description('record a live site (or the emulator) into a site snapshot file')
    .requiredOption('--out <file>', 'where to write the snapshot')
    .option('--site <url>', 'site URL, e.g. https://your-site.atlassian.net')
    .option('--email <e>', 'account e-mail (or JIRA_EMAIL)')
    .option('--token <t>', 'API token (or JIRA_API_TOKEN)')
    .option('--project <key...>', 'only these projects')
    .option('--since <date>', 'only issues updated since this date')
    .option(
      '--group <name...>',
      'also record these groups (e.g. those the role mapping names); groups in project roles always are',
    )
    .option('--concurrency <n>', 'requests in flight at once', '4')
    .option('--naive', 'read changelogs one issue at a time (for comparison only)')
    .action(async (options: SnapshotOptions) => {
      const { client, baseUrl } = liveClient(options, (event) =>
        process.stderr.write(
          `retrying ${event.request.method} ${event.request.path} after ${event.status} (try ${event.attempt + 1}, waiting ${Math.round(event.waitMs)} ms)\n`,
        ),
      );
      const read = await readSite(client, {
        baseUrl,
        ...(options.project ? { projectKeys: options.project } : {}),
        ...(options.since ? { updatedSince: parseDateOption('--since', options.since) } : {}),
        ...(options.group ? { groups: options.group } : {}),
        changelogs: options.naive ? 'per-issue' : 'bulk',
      });
      const output = await writeSnapshotOutput(options.out, read);
      process.stderr.write(`${describeRead(read)}\nwrote ${output.written} using ${describeUsage(client.usage)}\n`);
      if (!output.complete) {
        process.stderr.write(
          `the read was incomplete (${read.snapshot.projects.length === 0 ? 'no project read' : 'see "could not read" above'}): ${options.out} was left as it was; the partial snapshot, its gaps recorded in "unread", is ${output.written}\n`,
        );
        process.exitCode = 2;
      }
    });

  program
    .command('read')
    .description('read a site or a snapshot and print the normalised site (summary, or --json)')
    .addOption(new Option('--snapshot <file>', 'site snapshot file').conflicts('site'))
    .option('--site <url>', 'site URL')
    .option('--email <e>', 'account e-mail (or JIRA_EMAIL)')
    .option('--token <t>', 'API token (or JIRA_API_TOKEN)')
    .option('--project <key...>', 'only these projects')
    .option('--concurrency <n>', 'requests in flight at once', '4')
    .option('--naive', 'read changelogs one issue at a time (for comparison only)')
    .option('--json', 'print the whole normalised site as JSON')
    .action(async (options: ReadOptions) => {
      let snapshot: SiteSnapshot;
      let problems: ReadProblem[] = [];
      let usage = '';
      if (options.snapshot) {
        snapshot = await loadSnapshotFile(options.snapshot);
      } else {
        const { client, baseUrl } = liveClient(options);
        const read = await readSite(client, {
          baseUrl,
          ...(options.project ? { projectKeys: options.project } : {}),
          changelogs: options.naive ? 'per-issue' : 'bulk',
        });
        snapshot = read.snapshot;
        problems = read.problems;
        usage = describeUsage(client.usage);
      }
      const site = normaliseSite(snapshot, problems);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(site, null, 1)}\n`);
      } else {
        const counts = {
          projects: site.projects.length,
          people: site.people.length,
          boards: site.boards.length,
          sprints: site.sprints.length,
          items: site.items.length,
          actions: site.actions.length,
        };
        process.stdout.write(
          `${Object.entries(counts)
            .map(([name, count]) => `${count} ${name}`)
            .join(', ')}\n`,
        );
        for (const problem of site.problems)
          process.stdout.write(`problem: ${problem.scope} ${problem.ref}: ${problem.message}\n`);
      }
      if (usage) process.stderr.write(`read with ${usage}\n`);
    });

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
      const groups = [...config.roleMapping.groups.pm, ...config.roleMapping.groups.po];
      const read = await readSite(client, { baseUrl: emulator.url, groups });
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

  program
    .command('preview')
    .description(
      'serve the Custom UI panels locally: the real resolvers and built bundle against the emulator on the demo site',
    )
    .option('--port <n>', 'port for the preview (0 picks a free one)', '0')
    .option('--snapshot <file>', 'serve this site instead of the demo site')
    .option('--latency-ms <n>', "delay every emulated Jira answer, to see the panels' loading states")
    .addHelpText(
      'after',
      [
        '',
        'At start the background scan caches the site and panels read that cache, as on Forge. While it runs,',
        'POST /__preview/edit {"issueKey", "summary"?, "duedate"?: "YYYY-MM-DD" | null, "by"?: accountId} edits an issue',
        "(stamped with the site's clock, with a changelog entry); a panel's Refresh button then shows the change.",
      ].join('\n'),
    )
    .action(async (options: { port?: string; snapshot?: string; latencyMs?: string }) => {
      const snapshot = options.snapshot ? await loadSnapshotFile(options.snapshot) : generateDemoSite();
      const preview = await startPreview({
        snapshot,
        config: demoConfig(),
        staticDir: path.resolve(__dirname, '../../static/app/build'),
        // On the demo site the payments team, the portfolio and the platform team have the most to show.
        ...(options.snapshot ? {} : { focus: DEMO_PREVIEW_FOCUS }),
        port: parseNumberOption('--port', options.port, { min: 0, max: 65535, integer: true }) ?? 0,
        ...(options.latencyMs
          ? { emulatorLatencyMs: parseNumberOption('--latency-ms', options.latencyMs, { min: 0, max: 60_000 }) }
          : {}),
      });
      process.stdout.write(
        [
          `listening ${preview.url}`,
          `Jira emulator: ${preview.emulator.url} (${snapshot.projects.length} projects, ${snapshot.issues.length} issues)`,
          `Background scan: ${preview.scan.projectKeys.length} projects cached in ${(preview.scan.ms / 1000).toFixed(1)} s; panels read the cache.`,
          'Open a view (add &theme=dark for the dark theme):',
          ...preview.views.map((view) => `  ${view.title.padEnd(44)} ${view.url}`),
          ...editHelp(preview.url, options.snapshot ? exampleEdit(snapshot) : DEMO_EDIT_EXAMPLE),
          `Every view is listed at ${preview.url}/ . Press Ctrl+C to stop.`,
          '',
        ].join('\n'),
      );
      await untilInterrupted(preview);
    });

  program
    .command('demo-site')
    .description('write the embedded demo site as a snapshot file')
    .requiredOption('--out <file>', 'where to write it')
    .action(async (options: { out: string }) => {
      await saveSnapshotFile(options.out, generateDemoSite());
      process.stderr.write(`wrote ${options.out}\n`);
    });

  await program.parseAsync(argv);
}

async function snapshotFromOptions(options: { snapshot?: string; demo?: boolean }): Promise<SiteSnapshot> {
  if (options.snapshot) return loadSnapshotFile(options.snapshot);
  if (options.demo) return generateDemoSite();
  throw new Error('Say what to serve: --snapshot FILE or --demo');
}

/** PAY-184's due date, months after its sprint, is a planted flag on the demo site: this date clears it. */
const DEMO_EDIT_EXAMPLE = { issueKey: 'PAY-184', duedate: '2026-12-01' };

function untilInterrupted(server: { close(): Promise<void> }): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
