const { readdirSync, readFileSync, existsSync } = require('node:fs');
const path = require('node:path');

/**
 * Suites that need the reference material beside the repository (`../shared/`: Jira's OpenAPI specs, the real Jira
 * data, the labelled sets) say so in their first comment with `@needs-shared <path> ...`. On a clone on its own the
 * ones whose parts are missing are skipped, each with one line saying what it needs; `.ci/run`, which has
 * `../shared/`, sets REQUIRE_SHARED=1 so that a missing part stops the run instead of skipping a suite.
 */
const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(__dirname, '../shared');
const NEEDS_SHARED = /^\/\*\*?[\s\S]*?@needs-shared\s+([^\n*]+)/;

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

function suitesMissingShared() {
  const skipped = [];
  for (const file of [...testFiles(path.join(__dirname, 'src')), ...testFiles(path.join(__dirname, 'test'))]) {
    const needs = NEEDS_SHARED.exec(readFileSync(file, 'utf8'));
    if (!needs) continue;
    const missing = needs[1]
      .trim()
      .split(/\s+/)
      .filter((part) => !existsSync(path.join(SHARED_DIR, part)));
    if (missing.length > 0) skipped.push({ file: path.relative(__dirname, file), missing });
  }
  return skipped;
}

const skipped = suitesMissingShared();
if (skipped.length > 0 && process.env.REQUIRE_SHARED === '1') {
  const list = skipped.map(({ file, missing }) => `  ${file} needs ../shared/${missing.join(', ../shared/')}`);
  throw new Error(`REQUIRE_SHARED=1, but suites need what ../shared/ does not have:\n${list.join('\n')}`);
}
for (const { file, missing } of skipped) {
  process.stderr.write(`skipped ${file}: needs ${missing.map((part) => `../shared/${part}`).join(', ')}\n`);
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is done once by `npm run typecheck`; tsconfig's isolatedModules lets ts-jest only transpile.
    '^.+\\.ts$': 'ts-jest',
  },
  testPathIgnorePatterns: [
    '/node_modules/',
    '/dist/',
    '/static/',
    ...skipped.map(({ file }) => `<rootDir>/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
  ],
};
