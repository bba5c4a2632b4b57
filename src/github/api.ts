// One call to the GitHub API: a request timeout, and for reads (and writes that may be repeated)
// the retries of the core's one retry loop and policy, within the step's deadline; and who wrote
// what an answer holds.

import { type Clock, type Random, retrying } from '../core/index.ts'
import { isGitHubLogin } from '../inputs/inputs.ts'

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
 * allows, in the core's one retry loop. A call that creates something is not retried: its answer
 * lost, it may exist already.
 */
export function call<T>(timing: CallTiming, retried: boolean, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const attempt = async (): Promise<T> => {
    const left = timing.deadline - timing.clock.now()
    try {
      return await send(AbortSignal.timeout(Math.max(1, Math.min(GITHUB_REQUEST_TIMEOUT_MS, left))))
    } catch (error) {
      throw new GitHubFailure(statusOf(error))
    }
  }
  return retrying(attempt, {
    ...timing,
    retryable: (error) => retried && error instanceof GitHubFailure && isTransient(error.httpStatus),
  })
}

/** A deployment's or a status's `creator`, a comment's `user`, as GitHub answers them. */
export type Author = { readonly login?: string } | null | undefined

/** Written by `login`? GitHub's logins are the same in any case; a missing author is nobody's. */
export const writtenBy = (author: Author, login: string): boolean =>
  typeof author?.login === 'string' && author.login.toLowerCase() === login.toLowerCase()

/** The author's login, to be named in a message; undefined when it is not shaped like one. */
export const loginOf = (author: Author): string | undefined => (isGitHubLogin(author?.login) ? author.login : undefined)
