// ESLint: typescript-eslint's recommended rules, the import boundaries of the libs and apps
// (scripts/lint/import-boundaries.mjs), and configuration read only through Nest's ConfigService.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importBoundaries } from './scripts/lint/import-boundaries.mjs';

/** Files that may read the environment directly: its validation, the test set-up, and the benchmark driver. */
const ENVIRONMENT_READERS = [
  'libs/config/src/**',
  'libs/testing/src/**',
  'test/**',
  'bench/**',
  'apps/web/vite.config.mts',
];

/** Files that may call loadEnvironment(): the process entry points (fail fast), the TypeORM CLI's data source, tests. */
const ENVIRONMENT_LOADERS = [
  'apps/*/src/main.ts',
  'libs/persistence/src/data-source.ts',
  'libs/config/src/**',
  'libs/testing/src/**',
  'test/**',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'bench/results/**',
      'libs/persistence/src/migrations/**',
      'var/**',
    ],
  },
  {
    files: ['**/*.ts', 'apps/web/**/*.tsx', 'apps/web/*.mts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { local: { rules: { 'import-boundaries': importBoundaries } } },
    // type information only for the promise rules below (the whole tree in about 35 s on 2 cores)
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'local/import-boundaries': 'error',
      // a promise nobody awaits loses its error (a job, a payment, a transaction)
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'read configuration through ConfigService<EnvironmentVariables> (libs/config)',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@app/config',
              importNames: ['loadEnvironment'],
              message:
                'only main.ts may load the environment (to fail fast); inject ConfigService<EnvironmentVariables>',
            },
          ],
        },
      ],
    },
  },
  { files: ENVIRONMENT_READERS, rules: { 'no-restricted-properties': 'off' } },
  { files: ENVIRONMENT_LOADERS, rules: { 'no-restricted-imports': 'off' } },
  {
    // specs may use jest's loose typing for mocks and fixtures
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
