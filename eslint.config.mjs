// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries (STYLE.md): library code in packages/ may import other packages only, never
 * the executable spec (models/), tooling (tools/) or apps. Tests of a package may. nx's
 * `@nx/enforce-module-boundaries` rule ships in @nx/eslint-plugin, which has no release matching
 * the pinned nx 23.3.1, so the same rule is expressed with ESLint's own `no-restricted-imports`
 * (docs/decisions/0001-module-boundaries-with-core-eslint.md).
 */
const forbiddenFromPackages = {
  patterns: [
    {
      group: [
        '@tripwire/models',
        '@tripwire/models/*',
        '@tripwire/conformance',
        '@tripwire/conformance/*',
        '@tripwire/diagrams',
        '@tripwire/diagrams/*',
        '@tripwire/bench',
        '@tripwire/bench/*',
        '@tripwire/risk-demo',
        '@tripwire/risk-demo/*',
        '**/models/**',
        '**/tools/**',
        '**/apps/**',
      ],
      message: 'packages/*/src may not import models, tools or apps (module boundaries, STYLE.md).',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out-tsc/**',
      '**/coverage/**',
      '**/test-output/**',
      '**/.nx/**',
      'docs/**',
      '**/*.js',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.ts', '*/*/vitest.config.ts'],
          defaultProject: 'tsconfig.base.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/*/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', forbiddenFromPackages] },
  },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
