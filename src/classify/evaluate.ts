import { ROLES, type Role } from './types';

/** Metrics of a labelled run: pure arithmetic over (expected, predicted) pairs. */

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** How many cases carry this label. */
  support: number;
}

export interface Evaluation {
  total: number;
  correct: number;
  accuracy: number;
  /** Mean F1 over the classes that occur as a label or a prediction. */
  macroF1: number;
  perClass: Record<Role, ClassScores>;
  /** Decisions (strategic or tactical) against neutral, whichever side a decision was put on. */
  decisions: ClassScores;
  /** Actions called strategic that are not, per 100 actions scored. */
  falseStrategicPer100: number;
  /** confusion[expected][predicted] = count. */
  confusion: Record<Role, Record<Role, number>>;
}

export interface Outcome {
  expected: Role;
  predicted: Role;
}

export function evaluate(outcomes: Iterable<Outcome>): Evaluation {
  const confusion = Object.fromEntries(
    ROLES.map((expected) => [expected, Object.fromEntries(ROLES.map((predicted) => [predicted, 0]))]),
  ) as Record<Role, Record<Role, number>>;
  let total = 0;
  for (const { expected, predicted } of outcomes) {
    confusion[expected][predicted] += 1;
    total += 1;
  }
  const correct = ROLES.reduce((sum, role) => sum + confusion[role][role], 0);
  const perClass = Object.fromEntries(ROLES.map((role) => [role, classScores(confusion, role)])) as Record<
    Role,
    ClassScores
  >;
  const present = ROLES.filter(
    (role) => perClass[role].support > 0 || ROLES.some((expected) => confusion[expected][role] > 0),
  );
  const falseStrategic = confusion.tactical.strategic + confusion.neutral.strategic;
  return {
    total,
    correct,
    accuracy: ratio(correct, total),
    decisions: decisionScores(confusion),
    falseStrategicPer100: ratio(100 * falseStrategic, total),
    macroF1: present.length === 0 ? 0 : present.reduce((sum, role) => sum + perClass[role].f1, 0) / present.length,
    perClass,
    confusion,
  };
}

function classScores(confusion: Record<Role, Record<Role, number>>, role: Role): ClassScores {
  const truePositives = confusion[role][role];
  const predicted = ROLES.reduce((sum, expected) => sum + confusion[expected][role], 0);
  const support = ROLES.reduce((sum, predictedRole) => sum + confusion[role][predictedRole], 0);
  const precision = ratio(truePositives, predicted);
  const recall = ratio(truePositives, support);
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    support,
  };
}

function decisionScores(confusion: Record<Role, Record<Role, number>>): ClassScores {
  const sides: Role[] = ['strategic', 'tactical'];
  const sum = (expected: readonly Role[], predicted: readonly Role[]) =>
    expected.reduce((total, label) => total + predicted.reduce((cell, role) => cell + confusion[label][role], 0), 0);
  const truePositives = sum(sides, sides);
  const precision = ratio(truePositives, sum(ROLES, sides));
  const recall = ratio(truePositives, sum(sides, ROLES));
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    support: sum(sides, ROLES),
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** A small plain-text report: headline figures, per-class scores and the confusion matrix (rows = labels). */
export function formatEvaluation(evaluation: Evaluation): string {
  const width = Math.max(...ROLES.map((role) => role.length)) + 2;
  const cell = (value: string) => value.padStart(10);
  const lines = [
    `cases ${evaluation.total}   accuracy ${fixed(evaluation.accuracy)} (${evaluation.correct}/${evaluation.total})   macro-F1 ${fixed(evaluation.macroF1)}`,
    `decisions vs neutral: precision ${fixed(evaluation.decisions.precision)}  recall ${fixed(evaluation.decisions.recall)}  F1 ${fixed(evaluation.decisions.f1)}   false strategic per 100 actions ${evaluation.falseStrategicPer100.toFixed(1)}`,
    '',
    `${''.padEnd(width)}${['precision', 'recall', 'F1', 'support'].map(cell).join('')}`,
    ...ROLES.map((role) => {
      const scores = evaluation.perClass[role];
      return `${role.padEnd(width)}${[fixed(scores.precision), fixed(scores.recall), fixed(scores.f1), String(scores.support)].map(cell).join('')}`;
    }),
    '',
    `${'label \\ predicted'.padEnd(width + 8)}${ROLES.map(cell).join('')}`,
    ...ROLES.map(
      (expected) =>
        `${expected.padEnd(width + 8)}${ROLES.map((predicted) => cell(String(evaluation.confusion[expected][predicted]))).join('')}`,
    ),
  ];
  return lines.join('\n');
}

function fixed(value: number): string {
  return value.toFixed(3);
}
