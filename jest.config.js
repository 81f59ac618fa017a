/** Jest projects: unit specs beside the code, integration and e2e specs against the real Postgres and Redis. */
const moduleNameMapper = {
  '^@app/domain(|/.*)$': '<rootDir>/libs/domain/src$1',
  '^@app/config(|/.*)$': '<rootDir>/libs/config/src$1',
  '^@app/persistence(|/.*)$': '<rootDir>/libs/persistence/src$1',
  '^@app/programmes$': '<rootDir>/libs/programmes/src',
  '^@app/worklist$': '<rootDir>/libs/worklist/src',
  '^@app/identity$': '<rootDir>/libs/identity/src',
  '^@app/accreditation$': '<rootDir>/libs/accreditation/src',
  '^@app/subsidy$': '<rootDir>/libs/subsidy/src',
  '^@app/notifications$': '<rootDir>/libs/notifications/src',
  '^@app/reports$': '<rootDir>/libs/reports/src',
  '^@app/contexts$': '<rootDir>/libs/contexts/src',
  '^@app/queue(|/.*)$': '<rootDir>/libs/queue/src$1',
  '^@app/testing(|/.*)$': '<rootDir>/libs/testing/src$1',
  '^@app/platform(|/.*)$': '<rootDir>/libs/platform/src$1',
  '^@app/seed(|/.*)$': '<rootDir>/libs/seed/src$1',
  '^@app/api-client$': '<rootDir>/libs/api-client/src',
};
const base = {
  rootDir: __dirname,
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testEnvironment: 'node',
  moduleNameMapper,
};
module.exports = {
  // a global option: Jest ignores testTimeout inside a project, so the integration specs' hooks had 5 s on a busy machine
  testTimeout: 30_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      setupFiles: ['<rootDir>/libs/testing/src/test-env.ts'],
      testTimeout: 30_000,
    },
  ],
};
