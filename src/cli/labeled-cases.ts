import { existsSync } from 'node:fs';
import path from 'node:path';
import { readLabeledCases, type CaseProblem, type LabeledRead } from '../jira/labeled';
import { readCasesText } from './real-data';

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

export function readCasesFile(file: string): LabeledRead {
  return readLabeledCases(readCasesText(file));
}

export function reportProblems(file: string, problems: readonly CaseProblem[]): void {
  for (const problem of [...problems].sort((a, b) => a.line - b.line)) {
    process.stderr.write(`${file}:${problem.line}: ${problem.id ? `case ${problem.id}: ` : ''}${problem.message}\n`);
  }
  if (problems.length > 0) process.exitCode = 1;
}
