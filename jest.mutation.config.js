// The suites Stryker runs against each mutant: only those that load src/ in-process. The e2e,
// fault, bench and docs suites run the bundled dist/index.js in a child process, which a mutant
// of src/ never reaches, so running them would only cost time.
import base from './jest.config.js'

export default {
  ...base,
  testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'],
}
