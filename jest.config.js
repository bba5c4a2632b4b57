export default {
  testEnvironment: './__fixtures__/jest-environment.js',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // Stryker's sandboxes (npm run test:mutation) hold a copy of every test.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  // End-to-end tests wait on real processes and a real server on loopback.
  testTimeout: 60_000,
  // Most suites wait on child processes and timers, not the CPU: four workers on two cores halve
  // the run's wall time (258 s -> 148 s idle), and every test still passes on a busy machine.
  maxWorkers: 4,
}
