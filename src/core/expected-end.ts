import type { IntervalBounds } from './poll-schedule.ts'

// When a run is expected to end, and how far apart reads go around that time.
//
// The same pipeline usually takes about the same time run after run. Knowing that, reads are
// spent where the end is likely: few while the run is young compared with what it usually
// takes, closer and closer as the expected end nears, every DENSE_INTERVAL_MS in the window the
// earlier runs ended in, and back to the relative schedule (poll-schedule.ts) once the run has
// gone on past that window, so an unusually long one is neither missed nor waited on for hours.

/** How long a run was seen to take: it ended after `minMs` and by `maxMs`, counted from the start of its wait. */
export interface RunLength {
  readonly minMs: number
  readonly maxMs: number
}

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
 * poll-schedule.ts takes whichever of this and the relative interval is shorter, so a run just
 * past the window is still read closely and a much longer one is read as if nothing were known.
 */
export function predictedInterval(ageMs: number, end: ExpectedEnd, bounds: IntervalBounds): number {
  const dense = Math.min(Math.max(DENSE_INTERVAL_MS, bounds.minIntervalMs), bounds.maxIntervalMs)
  if (ageMs < end.fromMs) return Math.max(dense, Math.min(APPROACH_SHARE * (end.fromMs - ageMs), YOUNG_SHARE * end.toMs))
  // The last read in the window falls at its end, so a run going on past it is read on at once.
  if (ageMs < end.toMs) return Math.max(bounds.minIntervalMs, Math.min(dense, end.toMs - ageMs))
  return dense + APPROACH_SHARE * (ageMs - end.toMs)
}
