import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'miniprogram/config/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The CLI, benchmarks and test helpers talk to a person on a terminal on purpose.
    files: [
      'server/bin/**',
      'server/bench/**',
      'scripts/**',
      'jest/**',
      '**/test/**',
      'pos-adapter/src/cli/**',
      'parking-adapter/src/cli/**',
    ],
    rules: { 'no-console': 'off' },
  },
);
