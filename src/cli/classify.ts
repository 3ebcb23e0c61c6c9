import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { classifyAction, explainAction } from '../classify';
import { evaluate, formatEvaluation, type Outcome } from '../classify/evaluate';
import { readLabeledCases, type CaseProblem, type LabeledRead } from '../jira/labeled';

interface ClassifyOptions {
  reason?: boolean;
  explain?: boolean;
}

interface EvalOptions {
  minMacroF1?: number;
  misses?: boolean;
}

/**
 * `classify FILE.jsonl` prints one JSON line per case; `eval [FILE.jsonl]` scores the classifier on a labelled set.
 * A bad line is reported on stderr with its number, the other lines are still classified, and the exit status is 1.
 */
export function registerClassifyCommands(program: Command): void {
  program
    .command('classify')
    .description(
      'classify Jira actions (JSONL cases as in shared/labeled) as strategic, tactical or neutral; one JSON line per case',
    )
    .argument('<file>', 'JSONL file, one case a line')
    .option('--reason', 'add the one-line reason to each line')
    .option('--explain', 'add every piece of evidence, heaviest first')
    .action((file: string, options: ClassifyOptions) => {
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

/**
 * The shared development set, found from the compiled or the source CLI (both sit two folders below the repository)
 * or from the working directory when run from the repository root.
 */
export function defaultLabeledSet(): string {
  const candidates = [
    path.resolve(__dirname, '../../../shared/labeled/dev.jsonl'),
    path.resolve(process.cwd(), '../shared/labeled/dev.jsonl'),
    path.resolve(process.cwd(), 'shared/labeled/dev.jsonl'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`no labelled set given and none found at ${candidates.join(' or ')}`);
  return found;
}

function readCasesFile(file: string): LabeledRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return readLabeledCases(text);
}

function reportProblems(file: string, problems: readonly CaseProblem[]): void {
  for (const problem of [...problems].sort((a, b) => a.line - b.line)) {
    process.stderr.write(`${file}:${problem.line}: ${problem.id ? `case ${problem.id}: ` : ''}${problem.message}\n`);
  }
  if (problems.length > 0) process.exitCode = 1;
}

function parseShare(value: string): number {
  const share = Number(value);
  if (value.trim() === '' || !Number.isFinite(share) || share < 0 || share > 1)
    throw new InvalidArgumentError('expected a number from 0 to 1');
  return share;
}
