/** @needs-shared jira-openapi */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lint, parseSourceFile, type LintInput, type LintResult } from '@forge/lint';
import type { StatsigService } from '@forge/cli-shared';
import { parseManifest } from './check-manifest';

/**
 * `@forge/lint`'s offline linters, the ones `forge lint` runs on this machine (permissions against the calls the code
 * makes, handlers, storage, the manifest): they parse only the TypeScript files tsconfig.json's `include` names, so
 * they must see every source file, and a write call planted among them must fail the lint.
 */
jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');
const SPEC_DIR = path.resolve(ROOT, '../shared/jira-openapi');

/**
 * The permission linter judges each call by the products' OpenAPI specs, which it downloads unless told where local
 * copies are: Jira's and Jira Software's from ../shared/, and no paths for the products the app does not call.
 */
function useLocalSpecs(dir: string): void {
  const none = path.join(dir, 'no-paths.json');
  fs.writeFileSync(none, '{"paths":{}}');
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: 'true',
    LOCAL_JIRA_SWAGGER: path.join(SPEC_DIR, 'jira-platform-v3.json'),
    LOCAL_JSW_SWAGGER: path.join(SPEC_DIR, 'jira-software-agile.json'),
    LOCAL_JSM_SWAGGER: none,
    LOCAL_CONF_SWAGGER: none,
    LOCAL_CONF_V2_SWAGGER: none,
    LOCAL_BB_SWAGGER: none,
  });
}

let specsDir: string;
beforeAll(() => {
  specsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-lint-specs-'));
  useLocalSpecs(specsDir);
});
afterAll(() => fs.rmSync(specsDir, { recursive: true, force: true }));

/** The one feature flag the offline linters ask Atlassian's flag service for; offline, no runtime is deprecated. */
const offlineFlags = { getDeprecatedRuntimes: () => Promise.resolve([]) } as unknown as StatsigService;
const quiet = { info: () => undefined };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.[jt]sx?$/.test(entry.name) ? [full] : [];
  });
}

/** Lints `files` of the app in `dir` as `forge lint` does there; says which files the linters actually read. */
async function forgeLint(dir: string, files: string[]): Promise<{ results: LintResult[]; read: string[] }> {
  const manifest = parseManifest(path.join(dir, 'manifest.yml'));
  if (!manifest) throw new Error(`No manifest in ${dir}`);
  const read: string[] = [];
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const results = await lint(
      files.map((file) => path.relative(dir, file)),
      manifest,
      'development',
      quiet,
      offlineFlags,
      {
        linter: { mode: 'client-side' },
        parseFunction: (filepath, parser, readFile): Promise<LintInput> => {
          read.push(path.resolve(dir, filepath));
          return parseSourceFile(filepath, parser, readFile);
        },
      },
    );
    return { results, read };
  } finally {
    process.chdir(cwd);
  }
}

const errorsOf = (results: LintResult[]) =>
  results.flatMap((result) => result.errors.map((error) => ({ file: result.file, message: error.message })));

describe('forge lint (offline linters)', () => {
  it('reads every source file and finds nothing wrong', async () => {
    const files = sourceFiles(path.join(ROOT, 'src'));
    const { results, read } = await forgeLint(ROOT, files);
    expect(read.sort()).toEqual(files.sort());
    expect(errorsOf(results)).toEqual([]);
  });

  it('fails on a write call planted among the sources', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-lint-'));
    try {
      for (const file of ['manifest.yml', 'tsconfig.json'])
        fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
      fs.mkdirSync(path.join(dir, 'src/jira'), { recursive: true });
      const planted = path.join(dir, 'src/jira/rename.ts');
      fs.writeFileSync(
        planted,
        [
          "import api, { route } from '@forge/api';",
          '',
          'export async function renameIssue(key: string): Promise<number> {',
          '  const response = await api',
          '    .asApp()',
          '    .requestJira(route`/rest/api/3/issue/${key}`, { method: \'PUT\', body: \'{"fields":{"summary":"x"}}\' });',
          '  return response.status;',
          '}',
          '',
        ].join('\n'),
      );
      const { results, read } = await forgeLint(dir, [planted]);
      expect(read).toEqual([planted]);
      expect(errorsOf(results)).toContainEqual({
        file: expect.stringContaining('rename.ts') as string,
        message: expect.stringMatching(/write:jira-work/) as string,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
