import fc from 'fast-check';

/**
 * Every property runs a fixed number of generated inputs from a fixed seed, so CI repeats the same cases and a
 * failure replays. `PROPERTY_RUNS` is the total one `npx jest test/properties` generates.
 */
export const RUNS = {
  adfNeverThrows: 2_000,
  adfKeepsText: 1_000,
  adfNoMarkup: 1_000,
  adfCycles: 300,
  adfStrings: 500,
} as const;

export const PROPERTY_RUNS = Object.values(RUNS).reduce((sum, runs) => sum + runs, 0);

/** Checks `property` on RUNS[name] inputs from a seed derived from the property's name. */
export function holds<T>(name: keyof typeof RUNS, property: fc.IProperty<T>): void {
  fc.assert(property, { numRuns: RUNS[name], seed: seedOf(name) });
}

function seedOf(name: string): number {
  let hash = 2166136261;
  for (let index = 0; index < name.length; index++) hash = Math.imul(hash ^ name.charCodeAt(index), 16777619);
  return hash | 0;
}
