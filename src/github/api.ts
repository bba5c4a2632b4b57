// One call to the GitHub API: a request timeout, and for reads (and writes that may be repeated)
// the retries of src/core/retry.ts's schedule, within the step's deadline.

import type { Clock, Random } from '../core/clock.ts'
import { DEFAULT_RETRY, jitteredPauseMs } from '../core/retry.ts'

/** What GitHub answered when a call failed: its HTTP status, or none when no answer came. */
export class GitHubFailure extends Error {
  readonly httpStatus: number | undefined

  constructor(httpStatus: number | undefined) {
    super(httpStatus === undefined ? 'no answer from GitHub' : `GitHub answered HTTP ${httpStatus}`)
    this.name = 'GitHubFailure'
    this.httpStatus = httpStatus
  }
}

export interface CallTiming {
  readonly clock: Clock
  readonly random: Random
  /** No try starts, and no pause ends, after this time on `clock`. */
  readonly deadline: number
}

/** A GitHub answer that never comes is given up on after this long; a good one takes well under a second. */
const GITHUB_REQUEST_TIMEOUT_MS = 30_000

/** Octokit's errors carry the answer's status; one without an answer (refused, reset, timed out) says 500 and has no response. */
const statusOf = (error: unknown): number | undefined => {
  if (typeof error !== 'object' || error === null || !('response' in error) || !error.response) return undefined
  return 'status' in error && typeof error.status === 'number' ? error.status : undefined
}

const isTransient = (status: number | undefined): boolean => status === undefined || status === 429 || status >= 500

/**
 * Sends `send` and, when `retried`, tries again after a transient failure while the deadline
 * allows. A call that creates something is not retried: its answer lost, it may exist already.
 */
export async function call<T>(timing: CallTiming, retried: boolean, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const left = timing.deadline - timing.clock.now()
    let status: number | undefined
    try {
      return await send(AbortSignal.timeout(Math.max(1, Math.min(GITHUB_REQUEST_TIMEOUT_MS, left))))
    } catch (error) {
      status = statusOf(error)
    }
    const pause = jitteredPauseMs(DEFAULT_RETRY, attempt, timing.random)
    const again = retried && isTransient(status) && attempt <= DEFAULT_RETRY.retries && timing.clock.now() + pause < timing.deadline
    if (!again) throw new GitHubFailure(status)
    await timing.clock.sleep(pause)
  }
}
