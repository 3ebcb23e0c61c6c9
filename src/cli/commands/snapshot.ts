import type { Command } from 'commander';
import { readSite } from '../../jira/read-site';
import { writeSnapshotOutput } from '../snapshot-output';
import { liveClient, parseDateOption, type LiveSiteOptions } from '../site-source';
import { describeRead, describeUsage } from '../usage';

interface SnapshotOptions extends LiveSiteOptions {
  out: string;
  project?: string[];
  group?: string[];
  since?: string;
  naive?: boolean;
}

export function register(program: Command): void {
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
}
