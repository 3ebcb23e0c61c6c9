// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The pure core, lowest layer first: each does no I/O, imports nothing from the edges and nothing from a layer after
 * it (README, "How it is built"). `config` is pure too (the schema and defaults roles, rules and audit read).
 */
const CORE = ['criteria', 'domain', 'horizon', 'config', 'classify', 'roles', 'rules', 'audit'];
const EDGES = ['jira', 'scan', 'store', 'jobs', 'resolvers', 'cli', 'dev'];

const segment = (dirs) => `(^|/)(${dirs.join('|')})(/|$)`;

/** One block per core layer, since a later block's `no-restricted-imports` replaces an earlier one's. */
const layering = CORE.map((layer, index) => {
  const later = CORE.slice(index + 1);
  return {
    files: [`src/${layer}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: segment(EDGES),
              message: `The core (${CORE.join(', ')}) imports nothing from the edges (${EDGES.join(', ')}): move what both need into the core.`,
            },
            ...(later.length > 0
              ? [
                  {
                    regex: `^\\.\\./(\\.\\./)*${segment(later).slice(5)}`,
                    message: `${layer} sits below ${later.join(', ')} in the core: move what it needs down into ${layer} or a layer before it.`,
                  },
                ]
              : []),
            {
              group: ['@forge/*', 'fs', 'fs/*', 'node:*', 'http', 'https', 'child_process'],
              message: 'The core does no I/O.',
            },
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'static/*/build/', 'test/artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.mjs', '*.js', 'bin/*.js', 'bench/*.js'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // The UI's build configuration runs in Node as an ES module, under a tsconfig of its own.
    files: ['static/app/vite.config.ts', 'static/app/vite/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './static/app/tsconfig.node.json' },
    },
  },
  {
    rules: {
      // In-memory stand-ins implement async interfaces (key-value store, queue, transport) without awaiting.
      '@typescript-eslint/require-await': 'off',
      // Instant and CalendarDate are both strings, named apart for what they hold: `CalendarDate | Instant` says so.
      '@typescript-eslint/no-duplicate-type-constituents': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read answers as untyped JSON on purpose, to check them strictly, and Jest's asymmetric matchers
    // (`expect.any`, `expect.objectContaining`) are typed `any`.
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  ...layering,
  prettier,
);
