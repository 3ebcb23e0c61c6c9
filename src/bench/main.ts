import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { formatResults } from './report';
import { runBench } from './run';

/** `npm run bench`: builds nothing itself but the UI bundle when it is missing; see bench/README.md. */

const ROOT = resolve(__dirname, '..', '..');
const BUNDLE_DIR = join(ROOT, 'static', 'app', 'build');

/** `1k`, `10k`, `100k`, `250` → issue counts. */
export function parseSize(text: string): number {
  const match = /^(\d+)(k?)$/i.exec(text.trim());
  if (!match) throw new InvalidArgumentError(`"${text}" is not a size such as 200, 1k or 100k`);
  const value = Number(match[1]) * (match[2] ? 1000 : 1);
  if (value < 10) throw new InvalidArgumentError(`a site needs at least 10 issues, got ${value}`);
  return value;
}

function parseSizeOrNone(text: string): number {
  return text === '0' ? 0 : parseSize(text);
}

function parseSizes(text: string): number[] {
  return text.split(',').map(parseSize);
}

function parseCount(name: string, min: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}, got "${text}"`);
    return value;
  };
}

function parseShare(text: string): number {
  const value = Number(text);
  if (!(value > 0 && value <= 1))
    throw new InvalidArgumentError(`--refresh-share must be a fraction in (0, 1], got "${text}"`);
  return value;
}

/** The issue's busy site: 1% of the issues edited per working day, 50 panel opens a day. */
const ECONOMY_EDIT_SHARE = 0.01;
const ECONOMY_PANEL_OPENS_PER_DAY = 50;

function parseOnly(text: string): 'economy' {
  if (text !== 'economy') throw new InvalidArgumentError(`--only takes "economy", got "${text}"`);
  return text;
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command('bench')
    .description('Reads and audits synthetic Jira sites served by the emulator and checks the scale targets')
    .option('--sizes <list>', 'site sizes in issues', parseSizes, [1000, 10_000, 100_000])
    .option('--naive-max <size>', 'run the naive reader up to this size, estimate it above', parseSize, 10_000)
    .option('--latency-ms <ms>', 'delay the emulator adds to every answer', parseCount('--latency-ms', 0), 20)
    .option('--concurrency <n>', 'requests in flight', parseCount('--concurrency', 1), 4)
    .option('--classifier-ms <ms>', 'classify each mix for at least this long', parseCount('--classifier-ms', 1), 3000)
    .option(
      '--classifier-size <size>',
      'synthetic site whose actions form the second classifier mix',
      parseSize,
      10_000,
    )
    .option(
      '--refresh-share <fraction>',
      'share of the issues changed before the refresh is measured',
      parseShare,
      0.01,
    )
    .option('--step-budget-s <s>', 'time budget of one scan step', parseCount('--step-budget-s', 1), 120)
    .option('--only <part>', 'run only this part: economy', parseOnly)
    .option(
      '--economy-exact-max <size>',
      'run every invocation of the simulated week for real up to this size; above it, sample the costly kinds',
      parseSizeOrNone,
      0,
    )
    .option(
      '--economy-samples <n>',
      'real runs of each sampled kind of invocation',
      parseCount('--economy-samples', 1),
      2,
    )
    .option('--economy-days <n>', 'days of the simulated week', parseCount('--economy-days', 1), 7)
    .option('--seed <n>', 'seed of the synthetic sites', parseCount('--seed', 0))
    .option('--no-bundle', 'do not weigh the UI bundle')
    .option('--out <file>', 'where to write the figures as JSON', join(ROOT, 'bench', 'results.json'));
  program.parse(argv);
  const options = program.opts<{
    sizes: number[];
    naiveMax: number;
    latencyMs: number;
    concurrency: number;
    classifierMs: number;
    classifierSize: number;
    refreshShare: number;
    stepBudgetS: number;
    only?: 'economy';
    economyExactMax: number;
    economySamples: number;
    economyDays: number;
    seed?: number;
    bundle: boolean;
    out: string;
  }>();

  if (options.bundle && options.only === undefined && !existsSync(join(BUNDLE_DIR, 'index.html'))) {
    process.stderr.write('bench: static/app/build is missing; running npm run build:ui\n');
    const build = spawnSync('npm', ['run', 'build:ui'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build:ui failed');
  }

  const started = performance.now();
  const results = await runBench({
    sizes: options.sizes,
    latencyMs: options.latencyMs,
    concurrency: options.concurrency,
    naiveMaxIssues: options.naiveMax,
    classifierMinMs: options.classifierMs,
    classifierSources: ['demo', { issues: options.classifierSize }],
    refreshShare: options.refreshShare,
    stepBudgetMs: options.stepBudgetS * 1000,
    ...(options.bundle ? { bundleDir: BUNDLE_DIR } : {}),
    placement: 'forked',
    ...(options.only ? { only: options.only } : {}),
    economy: {
      exactMaxIssues: options.economyExactMax,
      samples: options.economySamples,
      days: options.economyDays,
      editShare: ECONOMY_EDIT_SHARE,
      panelOpensPerDay: ECONOMY_PANEL_OPENS_PER_DAY,
    },
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    log: (line) =>
      process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`),
  });
  process.stdout.write(`${formatResults(results)}\n`);
  mkdirSync(dirname(resolve(options.out)), { recursive: true });
  writeFileSync(resolve(options.out), `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`bench: figures written to ${resolve(options.out)}\n`);
}
