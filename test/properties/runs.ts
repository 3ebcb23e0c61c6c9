import fc from 'fast-check';

/**
 * Every property runs a fixed number of generated inputs from a fixed seed, so CI repeats the same cases and a
 * failure replays. One `npx jest test/properties` generates the sum of RUNS: 12,350 inputs when these counts were
 * set, about 20 s on one core.
 */
export const RUNS = {
  adfNeverThrows: 2_000,
  adfKeepsText: 1_000,
  adfNoMarkup: 1_000,
  adfCycles: 300,
  adfStrings: 500,
  normaliseSound: 300,
  normaliseCounts: 300,
  normaliseDeterministic: 200,
  typoFixIsEditDistance: 2_000,
  classifySound: 1_000,
  classifyDeterministic: 500,
  classifyActorBlind: 1_000,
  classifySiteActorBlind: 200,
  configRefusals: 1_000,
  configRoundTrip: 500,
  configDefaults: 50,
  configDocuments: 500,
} as const;

/**
 * Checks `property` on RUNS[name] inputs from a seed derived from the property's name. A failure shows the
 * shrunk counterexample as JSON: Jira's change items have a `toString` field, which fast-check's printer trips on.
 */
export function holds<T>(name: keyof typeof RUNS, property: fc.IProperty<T>): void {
  const details = fc.check(property, { numRuns: RUNS[name], seed: seedOf(name) });
  if (!details.failed) return;
  const reason =
    details.errorInstance instanceof Error
      ? (details.errorInstance.stack ?? details.errorInstance.message)
      : String(details.errorInstance);
  throw new Error(
    `Property ${name} failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}", shrunk ${details.numShrinks} times)\n` +
      `Counterexample: ${JSON.stringify(details.counterexample, replacer)}\n${reason}`,
  );
}

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? Object.fromEntries(value) : value;
}

function seedOf(name: string): number {
  let hash = 2166136261;
  for (let index = 0; index < name.length; index++) hash = Math.imul(hash ^ name.charCodeAt(index), 16777619);
  return hash | 0;
}
