import path from 'node:path';
import { classifyAction, siteContexts, type Classification, type Role } from '../classify';
import { evaluate, formatEvaluation, type Evaluation, type Outcome } from '../classify/evaluate';
import { ROLES } from '../classify/types';
import type { Action, Site } from '../domain/model';
import {
  loadAppcelerator,
  loadDevlake,
  loadGoJira,
  loadIssueshark,
  loadJirametrics,
  type ImportResult,
} from '../jira/import';
import { normaliseSite } from '../jira/normalise';
import { reportProblems } from './labeled-cases';
import { loadSnapshotFile } from '../jira/snapshot-file';

/**
 * Real data from the command line: `import` turns a real data set into a site snapshot; `classify --snapshot` and
 * `eval --snapshot` judge actions named by id inside that whole site, as an audit of it would.
 */

/** The importers of `src/jira/import`, by the name `--from` takes, with where each finds its data set. */
export const IMPORTERS = {
  devlake: { load: (source: string) => loadDevlake(source), path: 'devlake' },
  jirametrics: { load: (source: string) => loadJirametrics(source), path: 'jirametrics' },
  issueshark: { load: (source: string) => loadIssueshark(source), path: 'issueshark' },
  'go-jira': { load: (source: string) => loadGoJira(source), path: 'go-jira' },
  appcelerator: { load: (source: string) => loadAppcelerator(source), path: 'appcelerator-tidev.tgz' },
} as const satisfies Record<string, { load: (source: string) => ImportResult; path: string }>;

export type ImporterName = keyof typeof IMPORTERS;

export function isImporterName(name: string): name is ImporterName {
  return Object.hasOwn(IMPORTERS, name);
}

/** One line of a cases file naming an action of a site: `{"id", "actionId", "label"?, "source"?}`. */
export interface ActionCase {
  line: number;
  id: string;
  actionId: string;
  label?: Role;
  source?: string;
}

export interface ActionCaseRead {
  cases: ActionCase[];
  problems: Array<{ line: number; message: string }>;
}

/** Whether a cases file names actions by id (the real sets) rather than carrying each issue (the synthetic set). */
export function namesActions(text: string): boolean {
  const first = text.split(/\r?\n/u).find((line) => line.trim() !== '');
  if (first === undefined) return false;
  try {
    const value: unknown = JSON.parse(first);
    return typeof value === 'object' && value !== null && 'actionId' in value && !('issue' in value);
  } catch {
    return false;
  }
}

export function readActionCases(text: string): ActionCaseRead {
  const cases: ActionCase[] = [];
  const problems: ActionCaseRead['problems'] = [];
  text.split(/\r?\n/u).forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      problems.push({ line, message: `not JSON (${error instanceof Error ? error.message : String(error)})` });
      return;
    }
    const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
    const actionId = record?.actionId;
    if (!record || typeof actionId !== 'string' || !ACTION_ID.test(actionId)) {
      problems.push({
        line,
        message: 'no "actionId" of the form KEY:create, KEY:h<history id> or KEY:c<comment id>',
      });
      return;
    }
    const label = record.label;
    if (label !== undefined && !(typeof label === 'string' && (ROLES as readonly string[]).includes(label))) {
      problems.push({ line, message: `label ${JSON.stringify(label)} is not one of ${ROLES.join(', ')}` });
      return;
    }
    cases.push({
      line,
      id: typeof record.id === 'string' && record.id !== '' ? record.id : `line ${line}`,
      actionId,
      ...(label !== undefined ? { label: label as Role } : {}),
      ...(typeof record.source === 'string' ? { source: record.source } : {}),
    });
  });
  return { cases, problems };
}

const ACTION_ID = /^[^:\s]+:(?:create|h[^\s:]+|c[^\s:]+)$/u;

/** Classifies named actions inside one site, which is prepared once for all of them. */
export class SiteClassifier {
  private readonly actions: Map<string, Action>;
  private readonly contexts;

  constructor(site: Site) {
    this.actions = new Map(site.actions.map((action) => [action.id, action]));
    this.contexts = siteContexts(site);
  }

  /** The action's classification, or undefined when the site has no such action. */
  classify(actionId: string): Classification | undefined {
    const action = this.actions.get(actionId);
    const context = action && this.contexts.contextFor(action);
    return action && context ? classifyAction(action, context) : undefined;
  }
}

export async function siteFromSnapshotFile(file: string): Promise<Site> {
  return normaliseSite(await loadSnapshotFile(file));
}

/** Prints one JSON line per case; unknown action ids and bad lines go to stderr with their line, exit status 1. */
export function classifyNamedActions(file: string, text: string, site: Site): void {
  const read = readActionCases(text);
  const classifier = new SiteClassifier(site);
  const problems = [...read.problems];
  for (const entry of read.cases) {
    const result = classifier.classify(entry.actionId);
    if (!result) {
      problems.push({ line: entry.line, message: `unknown actionId "${entry.actionId}": the site has no such action` });
      continue;
    }
    const { role, confidence, criteria, reason } = result;
    process.stdout.write(
      `${JSON.stringify({ id: entry.id, actionId: entry.actionId, role, confidence, criteria, reason })}\n`,
    );
  }
  reportProblems(file, problems);
}

export interface ScoredSet {
  evaluation: Evaluation;
  misses: string[];
  problems: Array<{ line: number; message: string }>;
}

/** Scores labelled cases, each classified inside the site `siteFor` gives for it. */
export function scoreNamedActions(read: ActionCaseRead, siteFor: (entry: ActionCase) => SiteClassifier): ScoredSet {
  const outcomes: Outcome[] = [];
  const misses: string[] = [];
  const problems = [...read.problems];
  for (const entry of read.cases) {
    if (!entry.label) {
      problems.push({ line: entry.line, message: `case ${entry.id} has no label` });
      continue;
    }
    const result = siteFor(entry).classify(entry.actionId);
    if (!result) {
      problems.push({ line: entry.line, message: `unknown actionId "${entry.actionId}": the site has no such action` });
      continue;
    }
    outcomes.push({ expected: entry.label, predicted: result.role });
    if (result.role !== entry.label)
      misses.push(
        `${entry.id} ${entry.actionId} (line ${entry.line}): labelled ${entry.label}, classified ${result.role} — ${result.reason}`,
      );
  }
  return { evaluation: evaluate(outcomes), misses, problems };
}

/**
 * The real development set's sites, each imported from `shared/real-jira` the first time a case needs it: a case's
 * `source` names its data set.
 */
export function realSiteClassifiers(realJira: string): (entry: ActionCase) => SiteClassifier {
  const loaded = new Map<string, SiteClassifier>();
  return (entry) => {
    const source = entry.source;
    if (source === undefined || !isImporterName(source))
      throw new Error(
        `case ${entry.id} (line ${entry.line}) names no known data set in "source" (${Object.keys(IMPORTERS).join(', ')})`,
      );
    let classifier = loaded.get(source);
    if (!classifier) {
      const result = IMPORTERS[source].load(path.join(realJira, IMPORTERS[source].path));
      classifier = new SiteClassifier(normaliseSite(result.snapshot));
      loaded.set(source, classifier);
    }
    return classifier;
  };
}

export function printScore(title: string, scored: ScoredSet, showMisses: boolean): void {
  process.stdout.write(`${title}\n${formatEvaluation(scored.evaluation)}\n`);
  if (showMisses && scored.misses.length > 0)
    process.stdout.write(`\nmisclassified:\n${scored.misses.map((miss) => `  ${miss}`).join('\n')}\n`);
  process.stdout.write('\n');
}
