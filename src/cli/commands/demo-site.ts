import type { Command } from 'commander';
import { generateDemoSite } from '../../dev/demo';
import { saveSnapshotFile } from '../../jira/snapshot-file';

export function register(program: Command): void {
  program
    .command('demo-site')
    .description('write the embedded demo site as a snapshot file')
    .requiredOption('--out <file>', 'where to write it')
    .action(async (options: { out: string }) => {
      await saveSnapshotFile(options.out, generateDemoSite());
      process.stderr.write(`wrote ${options.out}\n`);
    });
}
