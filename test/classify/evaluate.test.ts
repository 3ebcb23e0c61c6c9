import { evaluate, formatEvaluation, type Outcome } from '../../src/classify/evaluate';
import type { Role } from '../../src/classify';

const outcomes = (pairs: Array<[Role, Role, number]>): Outcome[] =>
  pairs.flatMap(([expected, predicted, count]) => Array.from({ length: count }, () => ({ expected, predicted })));

describe('evaluate', () => {
  const result = evaluate(
    outcomes([
      ['strategic', 'strategic', 8],
      ['strategic', 'tactical', 2],
      ['tactical', 'tactical', 6],
      ['tactical', 'neutral', 2],
      ['neutral', 'neutral', 4],
      ['neutral', 'strategic', 1],
    ]),
  );

  it('counts accuracy and the confusion matrix (rows are labels)', () => {
    expect(result.total).toBe(23);
    expect(result.correct).toBe(18);
    expect(result.accuracy).toBeCloseTo(18 / 23, 10);
    expect(result.confusion).toEqual({
      strategic: { strategic: 8, tactical: 2, neutral: 0 },
      tactical: { strategic: 0, tactical: 6, neutral: 2 },
      neutral: { strategic: 1, tactical: 0, neutral: 4 },
    });
  });

  it('scores each class and averages F1 over the classes', () => {
    expect(result.perClass.strategic).toEqual({
      precision: 8 / 9,
      recall: 8 / 10,
      f1: expect.closeTo((2 * (8 / 9) * 0.8) / (8 / 9 + 0.8), 10),
      support: 10,
    });
    expect(result.perClass.tactical).toMatchObject({ precision: 6 / 8, recall: 6 / 8, support: 8 });
    expect(result.perClass.neutral).toMatchObject({ precision: 4 / 6, recall: 4 / 5, support: 5 });
    const f1s = Object.values(result.perClass).map((scores) => scores.f1);
    expect(result.macroF1).toBeCloseTo(f1s.reduce((a, b) => a + b) / 3, 10);
  });

  it('scores a class never predicted as zero and leaves out classes that never occur', () => {
    const lopsided = evaluate(
      outcomes([
        ['strategic', 'tactical', 2],
        ['tactical', 'tactical', 2],
      ]),
    );
    expect(lopsided.perClass.strategic).toEqual({ precision: 0, recall: 0, f1: 0, support: 2 });
    expect(lopsided.perClass.neutral.support).toBe(0);
    expect(lopsided.macroF1).toBeCloseTo((0 + (2 * 0.5 * 1) / 1.5) / 2, 10);
  });

  it('is all zeros for no cases', () => {
    expect(evaluate([])).toMatchObject({ total: 0, accuracy: 0, macroF1: 0 });
  });
});

describe('formatEvaluation', () => {
  it('prints the headline figures, per-class scores and the matrix', () => {
    const text = formatEvaluation(
      evaluate(
        outcomes([
          ['strategic', 'strategic', 3],
          ['neutral', 'tactical', 1],
        ]),
      ),
    );
    expect(text.split('\n')[0]).toBe('cases 4   accuracy 0.750 (3/4)   macro-F1 0.333');
    expect(text).toMatch(/^strategic\s+1\.000\s+1\.000\s+1\.000\s+3$/m);
    expect(text).toMatch(/^label \\ predicted\s+strategic\s+tactical\s+neutral$/m);
    expect(text).toMatch(/^neutral\s+0\s+1\s+0$/m);
  });
});
