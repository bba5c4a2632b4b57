import type { Random } from './clock.ts'
import { predictedInterval, type ExpectedEnd } from './expected-end.ts'

/**
 * How fast to poll, in one place.
 *
 * A run that has lasted `age` so far is read again after RELATIVE_INTERVAL x age, clamped to the
 * user's `poll-interval` and `max-poll-interval`. The time to notice an end is then about half an
 * interval, a fixed small share of the run's length: young runs (most syncs are short) are read
 * often, old ones rarely, and the number of reads grows with the logarithm of the run's length
 * rather than linearly as with a fixed interval. When the run's end is expected (expected-end.ts),
 * that prediction decides instead, until the run goes on past it.
 */
export const RELATIVE_INTERVAL = 0.085
/** Up to 15 % shorter: parallel jobs that started together drift apart instead of polling in lockstep. */
export const JITTER = 0.15
/**
 * Right after a trigger Kondado may still show the old state: read fast until the run shows,
 * every 2 s at first, then a quarter of the time waited so far, so a run that is slow to show
 * costs 17 reads over a 2 minute start window instead of 60.
 */
export const START_CONFIRM_INTERVAL_MS = 2_000
const START_RELATIVE_INTERVAL = 0.25
/**
 * A run is over only when two reads in a row show the same resting state; the second read
 * comes this soon after the first, because a flap between queued and running states lasts
 * no longer than that in what Kondado has shown, and one extra read per run is cheap.
 */
export const SETTLE_CONFIRM_INTERVAL_MS = 2_000

/** The user's bounds on the time between two reads of one resource. */
export interface IntervalBounds {
  readonly minIntervalMs: number
  readonly maxIntervalMs: number
}

export interface PollSettings extends IntervalBounds {
  /**
   * The step's request budget per read (the scheduler's window / the requests allowed in it).
   * The resources of one step share that budget: polling each more often than
   * `open x readShareMs` only queues reads, the scheduler then sends a whole window at once and
   * goes silent until it rolls over, and runs that end in the silence are seen a minute late.
   */
  readonly readShareMs: number
}

export function startConfirmInterval(ageMs: number): number {
  return Math.round(Math.max(START_CONFIRM_INTERVAL_MS, Math.max(ageMs, 0) * START_RELATIVE_INTERVAL))
}

/** The interval for one of `open` resources waited on together: never faster than their share of the budget. */
export function sharedPollInterval(ageMs: number, open: number, settings: PollSettings, random: Random, expected?: ExpectedEnd): number {
  return Math.max(pollInterval(ageMs, settings, random, expected), Math.ceil(open * settings.readShareMs))
}

export function pollInterval(ageMs: number, settings: IntervalBounds, random: Random, expected?: ExpectedEnd): number {
  const { minIntervalMs, maxIntervalMs } = settings
  const age = Math.max(ageMs, 0)
  const relative = Math.min(Math.max(age * RELATIVE_INTERVAL, minIntervalMs), maxIntervalMs)
  const interval = !expected
    ? relative
    : age > expected.toMs
      ? Math.min(relative, predictedInterval(age, expected, settings))
      : predictedInterval(age, expected, settings)
  // Jitter after the clamp, and only downwards, so that long waits held at `max-poll-interval`
  // drift apart too, and no read comes later than the user allowed.
  return Math.round(Math.max(minIntervalMs, interval * (1 - JITTER * random())))
}
