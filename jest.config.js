export default {
  testEnvironment: 'node',
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
  // At the end of a run a worker exits once Node has freed its heap, some 250 MB after thirty
  // suites of ES modules: half a second or more on a busy machine, past jest's default of 500 ms,
  // and jest then kills it with "A worker process has failed to exit gracefully". No handle is
  // left open; the time goes to freeing memory, so the worker is given the time it needs.
  workerGracefulExitTimeout: 10_000,
}
