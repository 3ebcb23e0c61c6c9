import { InvalidArgumentError, type Command } from 'commander';
import { classifyAction } from '../../classify';
import { evaluate, formatEvaluation, type Outcome } from '../../classify/evaluate';
import { defaultLabeledSet, readCasesFile, readCasesText, reportProblems, sharedPath } from '../labeled-cases';
import {
  namesActions,
  printScore,
  readActionCases,
  realSiteClassifiers,
  scoreNamedActions,
  SiteClassifier,
  siteFromSnapshotFile,
  type ScoredSet,
} from '../real-data';

interface EvalOptions {
  snapshot?: string;
  minMacroF1?: number;
  misses?: boolean;
}

/**
 * `eval [FILE.jsonl]` scores the classifier on a labelled set: cases that carry their issue (the synthetic set), or
 * cases that name an action by id inside the site `--snapshot` gives or, for the real set, the data set each case's
 * `source` names. With no file it scores both shared development sets. A bad line or an unknown action is reported
 * on stderr with its number, the other lines are still scored, and the exit status is 1.
 */
export function register(program: Command): void {
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
        finishNamedScore(
          file,
          scoreNamedActions(readActionCases(readCasesText(file)), () => classifier),
          options,
        );
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
  reportProblems(file, scored.problems);
  if (options.minMacroF1 !== undefined && scored.evaluation.macroF1 < options.minMacroF1) {
    process.stderr.write(
      `${file}: macro-F1 ${scored.evaluation.macroF1.toFixed(3)} is below the required ${options.minMacroF1}\n`,
    );
    process.exitCode = 1;
  }
}

function parseShare(value: string): number {
  const share = Number(value);
  if (value.trim() === '' || !Number.isFinite(share) || share < 0 || share > 1)
    throw new InvalidArgumentError('expected a number from 0 to 1');
  return share;
}
