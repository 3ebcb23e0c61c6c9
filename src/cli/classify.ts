import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { classifyAction, explainAction } from '../classify';
import { evaluate, formatEvaluation, type Outcome } from '../classify/evaluate';
import { readLabeledCases, type CaseProblem, type LabeledRead } from '../jira/labeled';
import {
  classifyNamedActions,
  namesActions,
  printScore,
  readActionCases,
  readCasesText,
  realSiteClassifiers,
  reportLineProblems,
  scoreNamedActions,
  SiteClassifier,
  siteFromSnapshotFile,
  type ScoredSet,
} from './real-data';

interface ClassifyOptions {
  snapshot?: string;
  reason?: boolean;
  explain?: boolean;
}

interface EvalOptions {
  snapshot?: string;
  minMacroF1?: number;
  misses?: boolean;
}

/**
 * `classify FILE.jsonl` prints one JSON line per case; `eval [FILE.jsonl]` scores the classifier on a labelled set.
 * Cases either carry their issue (the synthetic set) or name an action by id inside a site: the site given by
 * `--snapshot`, or for `eval` of the real set the data set each case's `source` names. A bad line or an unknown
 * action is reported on stderr with its number, the other lines are still classified, and the exit status is 1.
 */
export function registerClassifyCommands(program: Command): void {
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

  program
    .command('eval')
    .description(
      'classify a labelled set and print accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix',
    )
    .argument('[file]', 'labelled JSONL (default: both shared development sets, the synthetic and the real one)')
    .option('--snapshot <file>', 'score cases that name actions by "actionId" inside this site snapshot')
    .option('--min-macro-f1 <x>', 'exit with status 1 when macro-F1 is below x (0 to 1)', parseShare)
    .option('--misses', 'list the misclassified cases with the reason given')
    .action(async (file: string | undefined, options: EvalOptions) => {
      if (options.snapshot) {
        if (!file) throw new Error('eval --snapshot needs the cases file that names the actions');
        const classifier = new SiteClassifier(await siteFromSnapshotFile(options.snapshot));
        const scored = scoreNamedActions(readActionCases(readCasesText(file)), () => classifier);
        finishNamedScore(file, scored, options);
        return;
      }
      if (file && namesActions(readCasesText(file))) {
        const scored = scoreNamedActions(
          readActionCases(readCasesText(file)),
          realSiteClassifiers(sharedPath('real-jira')),
        );
        finishNamedScore(file, scored, options);
        return;
      }
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
      if (file === undefined) {
        const real = sharedPath('labeled/real-dev.jsonl');
        process.stdout.write('\n');
        finishNamedScore(
          real,
          scoreNamedActions(readActionCases(readCasesText(real)), realSiteClassifiers(sharedPath('real-jira'))),
          options,
        );
      }
    });
}

function finishNamedScore(file: string, scored: ScoredSet, options: EvalOptions): void {
  printScore(file, scored, options.misses === true);
  reportLineProblems(file, scored.problems);
  if (options.minMacroF1 !== undefined && scored.evaluation.macroF1 < options.minMacroF1) {
    process.stderr.write(
      `${file}: macro-F1 ${scored.evaluation.macroF1.toFixed(3)} is below the required ${options.minMacroF1}\n`,
    );
    process.exitCode = 1;
  }
}

/** The synthetic development set, which `eval` scores when given no file. */
export function defaultLabeledSet(): string {
  return sharedPath('labeled/dev.jsonl');
}

/**
 * A file of the shared reference material, found from the compiled or the source CLI (both sit two folders below
 * the repository) or from the working directory when run from the repository root.
 */
export function sharedPath(relative: string): string {
  const candidates = [
    path.resolve(__dirname, '../../../shared', relative),
    path.resolve(process.cwd(), '../shared', relative),
    path.resolve(process.cwd(), 'shared', relative),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`no file given and shared/${relative} found at none of ${candidates.join(', ')}`);
  return found;
}

function readCasesFile(file: string): LabeledRead {
  return readLabeledCases(readCasesText(file));
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
