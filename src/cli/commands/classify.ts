import type { Command } from 'commander';
import { classifyAction, explainAction } from '../../classify';
import { readCasesFile, readCasesText, reportProblems } from '../labeled-cases';
import { classifyNamedActions, siteFromSnapshotFile } from '../real-data';

interface ClassifyOptions {
  snapshot?: string;
  reason?: boolean;
  explain?: boolean;
}

/**
 * `classify FILE.jsonl` prints one JSON line per case. Cases either carry their issue (the synthetic set) or name an
 * action by id inside the site `--snapshot` gives. A bad line or an unknown action is reported on stderr with its
 * number, the other lines are still classified, and the exit status is 1.
 */
export function register(program: Command): void {
  program
    .command('classify')
    .description(
      'classify Jira actions (JSONL cases as in shared/labeled) as strategic, tactical or neutral; one JSON line per case',
    )
    .argument('<file>', 'JSONL file, one case a line')
    .option('--snapshot <file>', 'classify the actions the lines name by "actionId" inside this site snapshot')
    .option('--reason', 'add the one-line reason to each line')
    .option('--explain', 'add every piece of evidence, heaviest first')
    .action(async (file: string, options: ClassifyOptions) => {
      if (options.snapshot) {
        classifyNamedActions(file, readCasesText(file), await siteFromSnapshotFile(options.snapshot));
        return;
      }
      const read = readCasesFile(file);
      for (const labeled of read.cases) {
        const result = classifyAction(labeled.action, labeled.context);
        const line: Record<string, unknown> = {
          id: labeled.id,
          role: result.role,
          confidence: result.confidence,
          criteria: result.criteria,
        };
        if (options.reason) line.reason = result.reason;
        if (options.explain)
          line.evidence = explainAction(labeled.action, labeled.context).map(
            ({ role, weight, criteria, reason, topic }) => ({
              role,
              weight: Math.round(weight * 100) / 100,
              criteria,
              reason,
              ...(topic ? { topic } : {}),
            }),
          );
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
      reportProblems(file, read.problems);
    });
}
