import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { saveSnapshotFile } from '../../jira/snapshot-file';
import { IMPORTERS, isImporterName } from '../real-data';

/** `import --from KIND PATH --out FILE`: a real Jira data set as a site snapshot, with its counts and notes. */
export function register(program: Command): void {
  program
    .command('import')
    .description('turn a real Jira data set into a site snapshot, printing what it holds and what it lacks')
    .requiredOption('--from <source>', `the data set's kind: ${Object.keys(IMPORTERS).join(', ')}`)
    .requiredOption('--out <file>', 'where to write the snapshot')
    .argument('<path>', 'the data set (a folder, or the Appcelerator archive .tgz)')
    .action(async (source: string, options: { from: string; out: string }) => {
      if (!isImporterName(options.from))
        throw new Error(`--from ${options.from} is not one of ${Object.keys(IMPORTERS).join(', ')}`);
      if (!existsSync(source)) throw new Error(`${source} does not exist`);
      const result = IMPORTERS[options.from].load(source);
      await saveSnapshotFile(options.out, result.snapshot);
      const counts = Object.entries(result.expected).map(([name, count]) => `${count} ${name}`);
      process.stdout.write(
        [
          `${options.from}: ${counts.join(', ')}`,
          ...result.notes.map((note) => `note: ${note}`),
          `wrote ${options.out}`,
        ]
          .join('\n')
          .concat('\n'),
      );
    });
}
