import { Option, type Command } from 'commander';
import { generateDemoSite } from '../../dev/demo';
import { startEmulator } from '../../dev/emulator';
import { loadSnapshotFile } from '../../jira/snapshot-file';
import type { SiteSnapshot } from '../../jira/snapshot';
import { untilInterrupted } from '../serve';
import { parseNumberOption } from '../site-source';

interface EmulateOptions {
  snapshot?: string;
  demo?: boolean;
  port?: string;
  latencyMs?: string;
  failRate?: string;
  pointsPerHour?: string;
}

export function register(program: Command): void {
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
}

async function snapshotFromOptions(options: { snapshot?: string; demo?: boolean }): Promise<SiteSnapshot> {
  if (options.snapshot) return loadSnapshotFile(options.snapshot);
  if (options.demo) return generateDemoSite();
  throw new Error('Say what to serve: --snapshot FILE or --demo');
}
