import { setTimeout as wait } from 'node:timers/promises'

/** Time is injected everywhere so the waiter and the scheduler can be run, and tested, in virtual time. */
export interface Clock {
  readonly now: () => number
  /** Resolves after `ms`, or rejects as soon as the signal aborts (callers tell why from their own signal). */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

/** A source of uniform numbers in [0, 1): injected so jitter is reproducible in tests. */
export type Random = () => number

// Node's own abortable timer: it clears itself and drops its listener on the signal either way.
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => wait(Math.max(0, ms), undefined, { signal }),
}
