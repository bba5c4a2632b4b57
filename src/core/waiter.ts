import type { Random } from './clock.ts'
import type { ExpectedEnd } from './expected-end.ts'
import { isBusy, judge, type Health } from './health.ts'
import { sharedPollInterval, SETTLE_CONFIRM_INTERVAL_MS, startConfirmInterval, type PollSettings } from './poll-schedule.ts'
import type { ResourceKind, StatusSnapshot } from './types.ts'

/**
 * The waiter for one resource, as a pure state machine: `observe` folds a status read into the
 * state, `nextReadAt` says when to read next. No I/O and no clock of its own, so a schedule
 * can be checked exactly and a two-hour wait simulated in milliseconds.
 *
 *   starting --busy--> busy --at rest--> settling --same rest state again--> done
 *      |                 ^                  |
 *      |                 +------busy--------+   (a flap: keep waiting)
 *      +-- nothing busy seen within startTimeout --> done (not-started)
 */
type WaitPhase = 'starting' | 'busy' | 'settling' | 'done'
type WaitOutcome = Health | 'not-started'

export interface WaiterSettings extends PollSettings {
  /** How long after a trigger the run must show as queued or running. */
  readonly startTimeoutMs: number
  /** `expected-duration`: how long the user says a run takes; unset, it is learnt from the runs seen before. */
  readonly expectedDurationMs?: number
}

/** The timings the user sets; the read share comes from the request budget, in compose.ts. */
export type WaitTimings = Omit<WaiterSettings, 'readShareMs'>

export interface WaiterState {
  readonly kind: ResourceKind
  readonly phase: WaitPhase
  /** When the wait began: a run's age is measured from here. */
  readonly since: number
  readonly last?: StatusSnapshot
  /** In `settling`: the resting state seen once, waiting to be seen again, and when it was read. */
  readonly candidate?: StatusSnapshot
  readonly candidateAt?: number
  readonly outcome?: WaitOutcome
  /** The last read that showed the run busy, and (once done) the first read of the resting state it ended in: its end lies between. */
  readonly busyAt?: number
  readonly restAt?: number
}

/** After a trigger, the run must first be seen to start; otherwise the wait begins in `busy`. */
export function startWaiting(kind: ResourceKind, now: number, afterTrigger: boolean): WaiterState {
  return { kind, phase: afterTrigger ? 'starting' : 'busy', since: now }
}

/** Two reads show the same state: status, error text and, for a model, its kubo type. */
export const sameRestingState = (a: StatusSnapshot, b: StatusSnapshot): boolean =>
  a.status === b.status && a.rawMsg === b.rawMsg && a.kuboStatusType === b.kuboStatusType

export function observe(state: WaiterState, snapshot: StatusSnapshot, now: number, settings: WaiterSettings): WaiterState {
  const busy = isBusy(state.kind, snapshot)
  const next = { ...state, last: snapshot, candidate: undefined, candidateAt: undefined, ...(busy ? { busyAt: now } : {}) }
  switch (state.phase) {
    case 'done':
      return state
    case 'starting':
      if (busy) return { ...next, phase: 'busy' }
      return now - state.since >= settings.startTimeoutMs ? { ...next, phase: 'done', outcome: 'not-started' } : next
    case 'busy':
      return busy ? next : { ...next, phase: 'settling', candidate: snapshot, candidateAt: now }
    case 'settling':
      if (busy) return { ...next, phase: 'busy' }
      if (state.candidate && sameRestingState(state.candidate, snapshot)) {
        // A confirming read taken too soon (pulled forward by the deadline) proves nothing about a flap.
        if (now - (state.candidateAt ?? now) < SETTLE_CONFIRM_INTERVAL_MS) return { ...state, last: snapshot }
        return { ...next, phase: 'done', outcome: judge(state.kind, snapshot), restAt: state.candidateAt }
      }
      return { ...next, candidate: snapshot, candidateAt: now }
  }
}

/** When to read this resource next, one of `open` waited on together, its end maybe expected; `Infinity` means never. */
export function nextReadAt(
  state: WaiterState,
  now: number,
  settings: WaiterSettings,
  random: Random,
  open = 1,
  expected?: ExpectedEnd,
): number {
  switch (state.phase) {
    case 'done':
      return Number.POSITIVE_INFINITY
    case 'starting':
      // One last read right at the end of the start window, not a whole interval past it.
      return Math.min(now + startConfirmInterval(now - state.since), Math.max(now, state.since + settings.startTimeoutMs))
    case 'settling':
      return now + SETTLE_CONFIRM_INTERVAL_MS
    case 'busy':
      return now + sharedPollInterval(now - state.since, open, settings, random, expected)
  }
}
