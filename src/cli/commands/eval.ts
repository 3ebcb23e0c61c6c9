import { InvalidArgumentError, type Command } from 'commander';
import { classifyAction } from '../../classify';
import { evaluate, formatEvaluation, type Outcome } from '../../classify/evaluate';
import { defaultLabeledSet, readCasesFile, reportProblems } from '../labeled-cases';

interface EvalOptions {
  minMacroF1?: number;
  misses?: boolean;
}

/**
 * `eval [FILE.jsonl]` scores the classifier on a labelled set. A bad line is reported on stderr with its number, the
 * other lines are still scored, and the exit status is 1.
 */
export function register(program: Command): void {
  program
    .command('eval')
    .description(
      'classify a labelled set and print accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix',
    )
    .argument('[file]', 'labelled JSONL (default: the shared development set)')
    .option('--min-macro-f1 <x>', 'exit with status 1 when macro-F1 is below x (0 to 1)', parseShare)
    .option('--misses', 'list the misclassified cases with the reason given')
    .action((file: string | undefined, options: EvalOptions) => {
      const source = file ?? defaultLabeledSet();
      const read = readCasesFile(source);
      const outcomes: Outcome[] = [];
      const misses: string[] = [];
      const problems = [...read.problems];
      for (const labeled of read.cases) {
        if (!labeled.label) {
          problems.push({ line: labeled.line, id: labeled.id, message: 'the case has no label' });
          continue;
        }
        const result = classifyAction(labeled.action, labeled.context);
        outcomes.push({ expected: labeled.label, predicted: result.role });
        if (result.role !== labeled.label)
          misses.push(
            `${labeled.id} (line ${labeled.line}): labelled ${labeled.label}, classified ${result.role} — ${result.reason}`,
          );
      }
      const evaluation = evaluate(outcomes);
      process.stdout.write(`${source}\n${formatEvaluation(evaluation)}\n`);
      if (options.misses && misses.length > 0)
        process.stdout.write(`\nmisclassified:\n${misses.map((miss) => `  ${miss}`).join('\n')}\n`);
      reportProblems(source, problems);
      if (options.minMacroF1 !== undefined && evaluation.macroF1 < options.minMacroF1) {
        process.stderr.write(`macro-F1 ${evaluation.macroF1.toFixed(3)} is below the required ${options.minMacroF1}\n`);
        process.exitCode = 1;
      }
    });
}

function parseShare(value: string): number {
  const share = Number(value);
  if (value.trim() === '' || !Number.isFinite(share) || share < 0 || share > 1)
    throw new InvalidArgumentError('expected a number from 0 to 1');
  return share;
}
