/** One jest run for every package; TypeScript is transpiled by swc and type-checked by tsc. */
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/shared',
    '<rootDir>/server',
    '<rootDir>/pos-adapter',
    '<rootDir>/parking-adapter',
    '<rootDir>/miniprogram',
    '<rootDir>/test',
  ],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(t|j)sx?$': swcTransform },
  moduleNameMapper: {
    '^@memberkit/shared$': '<rootDir>/shared/src/index.ts',
    '^@memberkit/shared/node$': '<rootDir>/shared/src/node/index.ts',
  },
  reporters: [
    'default',
    '<rootDir>/jest/database-summary-reporter.js',
    // Per-test titles and statuses for `npm run compliance` (reports/test-results.json).
    ['<rootDir>/jest/test-results-reporter.js', { outputFile: 'reports/test-results.json' }],
  ],
  globalSetup: '<rootDir>/jest/global-setup.js',
  testTimeout: 30000,
};
