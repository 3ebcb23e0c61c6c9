import type { Command } from 'commander';
import path from 'node:path';
import { demoConfig, generateDemoSite, DEMO_PREVIEW_FOCUS } from '../../dev/demo';
import { editHelp, exampleEdit, startPreview } from '../../dev/preview/server';
import { loadSnapshotFile } from '../../jira/snapshot-file';
import { untilInterrupted } from '../serve';
import { parseNumberOption } from '../site-source';

/** PAY-184's due date, months after its sprint, is a planted flag on the demo site: this date clears it. */
const DEMO_EDIT_EXAMPLE = { issueKey: 'PAY-184', duedate: '2026-12-01' };

export function register(program: Command): void {
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
        staticDir: path.resolve(__dirname, '../../../static/app/build'),
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
}
