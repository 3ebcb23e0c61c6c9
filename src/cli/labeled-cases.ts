import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readLabeledCases, type CaseProblem, type LabeledRead } from '../jira/labeled';

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

export function readCasesFile(file: string): LabeledRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return readLabeledCases(text);
}

export function reportProblems(file: string, problems: readonly CaseProblem[]): void {
  for (const problem of [...problems].sort((a, b) => a.line - b.line)) {
    process.stderr.write(`${file}:${problem.line}: ${problem.id ? `case ${problem.id}: ` : ''}${problem.message}\n`);
  }
  if (problems.length > 0) process.exitCode = 1;
}
