import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readLabeledCases, type CaseProblem, type LabeledRead } from '../jira/labeled';

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

/** A cases file's text, or an error naming the file. */
export function readCasesText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Each bad line on stderr with its number (and case id), in line order; any sets exit status 1. */
export function reportProblems(file: string, problems: readonly CaseProblem[]): void {
  for (const problem of [...problems].sort((a, b) => a.line - b.line)) {
    process.stderr.write(`${file}:${problem.line}: ${problem.id ? `case ${problem.id}: ` : ''}${problem.message}\n`);
  }
  if (problems.length > 0) process.exitCode = 1;
}
