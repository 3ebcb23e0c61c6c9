/** @needs-shared labeled/dev.jsonl */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { classifyAction } from '../../src/classify';
import { evaluate } from '../../src/classify/evaluate';
import { readLabeledCases } from '../../src/jira/labeled';
import { defaultLabeledSet } from '../../src/cli/labeled-cases';
import { withAuthor } from './builders';

/** The shared development set: 160 hand-labelled actions. A held-out set of the same kind judges the result. */
const DEV_SET = path.resolve(__dirname, '../../../shared/labeled/dev.jsonl');
const MIN_MACRO_F1 = 0.9;

describe('the classifier on the labelled development set', () => {
  const { cases, problems } = readLabeledCases(readFileSync(DEV_SET, 'utf8'));

  it('is the set the CLI finds by default', () => {
    expect(defaultLabeledSet()).toBe(DEV_SET);
  });

  it('reads every case through the production normaliser', () => {
    expect(problems).toEqual([]);
    expect(cases).toHaveLength(160);
  });

  it(`reaches a macro-F1 of at least ${MIN_MACRO_F1}`, () => {
    const evaluation = evaluate(
      cases.map((labeled) => ({
        expected: labeled.label ?? 'neutral',
        predicted: classifyAction(labeled.action, labeled.context).role,
      })),
    );
    expect(evaluation.macroF1).toBeGreaterThanOrEqual(MIN_MACRO_F1);
  });

  it('gives the same answer for every case whoever the author is', () => {
    for (const labeled of cases) {
      const original = classifyAction(labeled.action, labeled.context);
      expect(classifyAction(withAuthor(labeled.action, 'someone-else'), labeled.context)).toEqual(original);
      expect(classifyAction(withAuthor(labeled.action, undefined), labeled.context)).toEqual(original);
    }
  });
});
