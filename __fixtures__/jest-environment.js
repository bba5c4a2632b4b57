// Jest's node environment, with one change to how a worker process ends.
//
// At the end of a run jest asks each worker to stop and gives it 500 ms before killing it. A worker
// stops by letting its event loop drain; Node then frees the heap page by page, and after some
// thirty suites of ES modules a worker holds about 250 MB: half a second or more on a busy runner,
// so jest kills it and warns "A worker process has failed to exit gracefully". No handle is left
// open (process.getActiveResourcesInfo() is empty of timers, sockets and servers by then); the
// time goes to munmap. Exiting once the loop has drained skips only that freeing: the exit code
// and everything written are kept. Only jest's worker children do it, not a run in one process.

import { TestEnvironment } from 'jest-environment-node'

if (process.argv[1]?.endsWith('processChild.js')) process.once('beforeExit', () => process.exit())

export default TestEnvironment
