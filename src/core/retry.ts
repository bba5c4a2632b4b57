// Trying a failed request again: when, how long to wait first, and the one loop that does it,
// for Kondado's client and GitHub's API alike. p-retry runs the attempts; the pauses are slept
// here, on the injected clock, so tests replay them exactly, and never past the step's deadline.

import pRetry from 'p-retry'
import type { Clock, Random } from './time.ts'

export interface RetryPolicy {
  /** Further attempts after the first. */
  readonly retries: number
  readonly minDelayMs: number
  readonly maxDelayMs: number
}

/**
 * Reads ride out a Kondado outage of about four minutes (2 s, 4 s, ... up to 60 s between tries,
 * each +-50 % jitter), always within the step's deadline; a longer one fails the read with what
 * Kondado last answered.
 */
export const DEFAULT_RETRY: RetryPolicy = { retries: 8, minDelayMs: 2_000, maxDelayMs: 60_000 }

/** The pause before retry number `attempt` (from 1), before jitter: doubling from the least to the most. */
export const retryPauseMs = (policy: RetryPolicy, attempt: number): number =>
  Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attempt - 1))

/** Each pause is stretched or shrunk by up to this share, at random, so parallel jobs that failed together drift apart. */
export const RETRY_JITTER = 0.5

/** The pause actually slept: the doubling pause with its jitter. */
export const jitteredPauseMs = (policy: RetryPolicy, attempt: number, random: Random): number =>
  Math.round(retryPauseMs(policy, attempt) * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()))

export interface RetryOptions {
  readonly clock: Clock
  readonly random: Random
  /** No pause ends at or after this time on `clock`: the last failure stands instead. */
  readonly deadline: number
  readonly signal?: AbortSignal
  /** Whether a failure is worth another try; any other is thrown at once. */
  readonly retryable: (error: Error) => boolean
  /** Told before each pause. */
  readonly onRetry?: (error: Error, delayMs: number) => void
  /** What to throw when the retries ran out, from the last failure, the tries made and the time they took. */
  readonly exhausted?: (error: Error, tries: number, triedForMs: number) => Error
  /**
   * A failure that says time ran out rather than what went wrong (the deadline cut the next try
   * short): after a retried fault, that fault is thrown instead, since it is what the user must hear of.
   */
  readonly outOfTime?: (error: Error) => boolean
}

/**
 * Runs `attempt` until it succeeds, fails in a way `retryable` refuses, runs out of retries, the
 * next pause would end past the deadline, or the signal aborts (cancelled during a pause, the
 * last failure stands: the next try was never sent).
 */
export function retrying<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { clock, random, deadline, signal, retryable, onRetry, exhausted, outOfTime } = options
  let retried: Error | undefined
  const startedAt = clock.now()
  return pRetry(attempt, {
    retries: DEFAULT_RETRY.retries,
    minTimeout: 0,
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
      if (retried && outOfTime?.(error)) throw retried
      if (signal?.aborted || !retryable(error)) throw error
      if (retriesLeft === 0) throw exhausted ? exhausted(error, attemptNumber, clock.now() - startedAt) : error
      const delayMs = jitteredPauseMs(DEFAULT_RETRY, attemptNumber, random)
      if (clock.now() + delayMs >= deadline) throw error
      onRetry?.(error, delayMs)
      retried = error
      await clock.sleep(delayMs, signal).catch(() => {
        throw error
      })
    },
  })
}
