import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ConfigError } from '../../config/schema';
import { parseConfigurationJson, type ParsedConfiguration } from '../../config/transfer';
import { RULE_METAS } from '../../rules';

/**
 * `config validate FILE` checks a configuration file or export offline, with the messages the admin page shows;
 * `config migrate FILE` writes it in the current format. Both read every format the app has written; a problem
 * is printed on stderr with its path and the exit status is 1.
 */
export function register(program: Command): void {
  const config = program.command('config').description('check and convert configuration files and exports offline');

  config
    .command('validate')
    .description(
      'check a configuration (a --config file or an export of the admin page) and list every problem by its path',
    )
    .argument('<file>', 'configuration JSON, any format')
    .action(async (file: string) => {
      const parsed = await parseFile(file);
      if (!parsed) return;
      const projects = Object.keys(parsed.projects);
      process.stdout.write(
        [
          `${file}: valid, format ${parsed.from}${parsed.migrations.length > 0 ? ` (reads as format ${parsed.document.formatVersion}: ${parsed.migrations.join('; ')})` : ''}`,
          `  site settings, and ${projects.length === 0 ? 'no project overrides' : `overrides for ${projects.length === 1 ? 'project' : `${projects.length} projects:`} ${projects.join(', ')}`}`,
          parsed.versions
            ? `  exported at site version ${parsed.versions.site}; importing it is refused if the settings changed since`
            : '  carries no versions: importing it replaces the whole configuration',
          '',
        ].join('\n'),
      );
    });

  config
    .command('migrate')
    .description(
      'write a configuration of any format in the current one (validated first; nothing is written if it is not valid)',
    )
    .argument('<file>', 'configuration JSON, any format')
    .option('--out <file>', 'write here instead of standard output')
    .action(async (file: string, options: { out?: string }) => {
      const parsed = await parseFile(file);
      if (!parsed) return;
      const text = `${JSON.stringify(parsed.document, null, 2)}\n`;
      if (options.out) {
        await writeFile(options.out, text);
        process.stderr.write(`wrote ${options.out} (format ${parsed.from} → ${parsed.document.formatVersion})\n`);
      } else {
        process.stdout.write(text);
      }
    });
}

async function parseFile(file: string): Promise<ParsedConfiguration | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read configuration ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return parseConfigurationJson(text, RULE_METAS);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const count = error.issues.length === 1 ? 'one problem' : `${error.issues.length} problems`;
    process.stderr.write(
      `${file}: ${count}; nothing in it is used until all are fixed:\n${error.problems.map((problem) => `  ${problem}\n`).join('')}`,
    );
    process.exitCode = 1;
    return undefined;
  }
}
