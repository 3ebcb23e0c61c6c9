import { Option, type Command } from 'commander';
import type { ReadProblem } from '../../domain/model';
import { normaliseSite } from '../../jira/normalise';
import { readSite } from '../../jira/read-site';
import { loadSnapshotFile } from '../../jira/snapshot-file';
import type { SiteSnapshot } from '../../jira/snapshot';
import { liveClient, type LiveSiteOptions } from '../site-source';
import { describeUsage } from '../usage';

interface ReadOptions extends LiveSiteOptions {
  snapshot?: string;
  project?: string[];
  naive?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
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
}
