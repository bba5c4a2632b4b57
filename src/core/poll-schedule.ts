import type { Random } from './time.ts'
import type { IntervalBounds, ReadPace, RunLength } from './vocabulary.ts'

/**
 * How fast to poll, in one place.
 *
 * A run that has lasted `age` so far is read again after RELATIVE_INTERVAL x age, clamped to the
 * user's `poll-interval` and `max-poll-interval`. The time to notice an end is then about half an
 * interval, a fixed small share of the run's length: young runs (most syncs are short) are read
 * often, old ones rarely, and the number of reads grows with the logarithm of the run's length
 * rather than linearly as with a fixed interval. When the run's end is expected (below), that
 * prediction decides instead, until the run goes on past it.
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

export function startConfirmInterval(ageMs: number): number {
  return Math.round(Math.max(START_CONFIRM_INTERVAL_MS, Math.max(ageMs, 0) * START_RELATIVE_INTERVAL))
}

/** The interval for one of `open` resources waited on together: never faster than their share of the budget. */
export function sharedPollInterval(ageMs: number, open: number, settings: ReadPace, random: Random, expected?: ExpectedEnd): number {
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

// When a run is expected to end, and how far apart reads go around that time.
//
// The same pipeline usually takes about the same time run after run. Knowing that, reads are
// spent where the end is likely: few while the run is young compared with what it usually
// takes, closer and closer as the expected end nears, every DENSE_INTERVAL_MS in the window the
// earlier runs ended in, and back to the relative schedule (above) once the run has
// gone on past that window, so an unusually long one is neither missed nor waited on for hours.

/** The window, in ms of a run's age, in which it is expected to end. */
export interface ExpectedEnd {
  readonly fromMs: number
  readonly toMs: number
}

/** `expected-duration` is a length the user knows: its window is this share either way. */
export const GIVEN_SPREAD = 0.1
/**
 * The ends seen are a few samples of where this run may end: the window reaches past them by
 * their spread over the runs less one (how far the true extremes lie, on average, beyond the
 * extremes of a few samples). Reads stop at the end, so reaching late costs reads only on runs
 * that take that long, and the window reaches LATE_MARGIN further; reaching early costs them on
 * every run, so only EARLY_REACH of the way.
 */
export const EARLY_REACH = 0.5
export const LATE_MARGIN = 0.1
/** Inside the window: a first read at rest comes about 4 s after the end, then the confirming read. */
export const DENSE_INTERVAL_MS = 8_000
/** Outside the window, the interval is this share (a fifth) of the time still to go before it (or more than dense by this share of the time gone since it)... */
export const APPROACH_SHARE = 0.2
/** ...and before it never longer than this share of the expected length: a run that fails early is still seen soon. */
export const YOUNG_SHARE = 0.1

/** From the user's `expected-duration` when given, else from the runs seen before; `undefined`: nothing known. */
export function predictEnd(runs: readonly RunLength[], givenMs?: number): ExpectedEnd | undefined {
  if (givenMs !== undefined) return { fromMs: givenMs * (1 - GIVEN_SPREAD), toMs: givenMs * (1 + GIVEN_SPREAD) }
  if (runs.length === 0) return undefined
  const earliest = Math.min(...runs.map((r) => r.minMs))
  const latest = Math.max(...runs.map((r) => r.maxMs))
  const reach = runs.length > 1 ? (latest - earliest) / (runs.length - 1) : 0
  return { fromMs: earliest - EARLY_REACH * reach, toMs: (latest + reach) * (1 + LATE_MARGIN) }
}

/**
 * The interval (before jitter) for a run of `ageMs` with an expected end. Past the window,
 * pollInterval takes whichever of this and the relative interval is shorter, so a run just
 * past the window is still read closely and a much longer one is read as if nothing were known.
 */
export function predictedInterval(ageMs: number, end: ExpectedEnd, bounds: IntervalBounds): number {
  const dense = Math.min(Math.max(DENSE_INTERVAL_MS, bounds.minIntervalMs), bounds.maxIntervalMs)
  if (ageMs < end.fromMs) return Math.max(dense, Math.min(APPROACH_SHARE * (end.fromMs - ageMs), YOUNG_SHARE * end.toMs))
  // The last read in the window falls at its end, so a run going on past it is read on at once.
  if (ageMs < end.toMs) return Math.max(bounds.minIntervalMs, Math.min(dense, end.toMs - ageMs))
  return dense + APPROACH_SHARE * (ageMs - end.toMs)
}
