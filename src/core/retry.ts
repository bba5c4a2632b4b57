// When a failed request is tried again, and how long to wait first. The client runs the tries;
// this file holds the policy and its arithmetic, so the docs can sum the very same pauses.

import type { Random } from './clock.ts'

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
