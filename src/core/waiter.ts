// One resource being waited for, as values: the state machine its reads drive, what one read
// means (a verdict, a rerun, or another read), and when the next read is due. Pure: no I/O and
// no clock of its own, so a schedule can be checked exactly and a two-hour wait simulated in
// milliseconds. The wait loop (wait-loop.ts) owns the list of them; each read, trigger or
// verdict makes a new value, nothing changes in place.
//
//   starting --busy--> busy --at rest--> settling --same rest state again--> done
//      |                 ^                  |
//      |                 +------busy--------+   (a flap: keep waiting)
//      +-- nothing busy seen within the start window --> done (not-started)
//
// A resource's *next* run (a model's run after its pipelines, or `wait-for: next`) is one this
// step does not start. Kondado's API has no run id and no run times, so a next run is told from
// the last one only by being seen busy: until then, the resting state Kondado shows is the last
// run's, and is never judged.

import { type Health, isBusy, judge } from './health.ts'
import { type ExpectedEnd, SETTLE_CONFIRM_INTERVAL_MS, sharedPollInterval, startConfirmInterval } from './poll-schedule.ts'
import type { Random } from './time.ts'
import type { JudgedRun, ReadPace, ResourceKind, ResourceRef, ResourceReport, StatusSnapshot, StepEvent, Verdict } from './vocabulary.ts'

type WaitPhase = 'starting' | 'busy' | 'settling' | 'done'
type WaitOutcome = Health | 'not-started'

export interface WaitState {
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
export function startWaiting(kind: ResourceKind, now: number, afterTrigger: boolean): WaitState {
  return { kind, phase: afterTrigger ? 'starting' : 'busy', since: now }
}

/** Two reads show the same state: status, error text and, for a model, its kubo type. */
const sameRestingState = (a: StatusSnapshot, b: StatusSnapshot): boolean =>
  a.status === b.status && a.rawMsg === b.rawMsg && a.kuboStatusType === b.kuboStatusType

/** Folds one status read into the wait. */
export function observe(state: WaitState, snapshot: StatusSnapshot, now: number, pace: ReadPace): WaitState {
  const busy = isBusy(state.kind, snapshot)
  const next = { ...state, last: snapshot, candidate: undefined, candidateAt: undefined, ...(busy ? { busyAt: now } : {}) }
  switch (state.phase) {
    case 'done':
      return state
    case 'starting':
      if (busy) return { ...next, phase: 'busy' }
      return now - state.since >= pace.startTimeoutMs ? { ...next, phase: 'done', outcome: 'not-started' } : next
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
export function nextReadAt(state: WaitState, now: number, pace: ReadPace, random: Random, open = 1, expected?: ExpectedEnd): number {
  switch (state.phase) {
    case 'done':
      return Number.POSITIVE_INFINITY
    case 'starting':
      // One last read right at the end of the start window, not a whole interval past it.
      return Math.min(now + startConfirmInterval(now - state.since), Math.max(now, state.since + pace.startTimeoutMs))
    case 'settling':
      return now + SETTLE_CONFIRM_INTERVAL_MS
    case 'busy':
      return now + sharedPollInterval(now - state.since, open, pace, random, expected)
  }
}

/** One resource being waited for: its wait, when it is read next, and how its run came about. */
export interface Tracked {
  readonly resource: ResourceRef
  readonly state: WaitState
  /** When to read it next, on the step's clock. */
  readonly nextAt: number
  readonly alreadyRunning: boolean
  readonly triggerUnconfirmed: boolean
  /** `if-running: rerun`: trigger a fresh run once the current one is over. */
  readonly rerunPending: boolean
  readonly finalReadTaken: boolean
  /** The run to judge: for `next`, one that must first be seen busy, within its start window. */
  readonly judging: JudgedRun
  /** A model of `run`: not read until every pipeline of the step has its verdict. */
  readonly heldForPipelines: boolean
  /** Set once the resource has its verdict. */
  readonly report?: ResourceReport
}

export const track = (resource: ResourceRef, now: number, afterTrigger: boolean): Tracked => ({
  resource,
  state: startWaiting(resource.kind, now, afterTrigger),
  nextAt: now,
  alreadyRunning: false,
  triggerUnconfirmed: false,
  rerunPending: false,
  finalReadTaken: false,
  judging: 'current',
  heldForPipelines: false,
})

export const isOpen = (tracked: Tracked): boolean => tracked.report === undefined

/** A trigger was sent (or may have been): the start window opens now, keeping the last state read. */
export const begin = (tracked: Tracked, now: number): Tracked => ({
  ...tracked,
  state: { ...startWaiting(tracked.resource.kind, now, true), ...(tracked.state.last ? { last: tracked.state.last } : {}) },
  nextAt: now,
})

/** Waits for the next run of `resource`, its start window open from `now`; a `held` one is not read until released. */
export const awaitNext = (resource: ResourceRef, now: number, held: boolean): Tracked => ({
  ...track(resource, now, true),
  judging: 'next',
  heldForPipelines: held,
  nextAt: held ? Number.POSITIVE_INFINITY : now,
})

/**
 * While a next run is awaited, each resource reads no faster than its share of the request
 * budget (`open` x `readShareMs`), save the last read, still taken at the window's end. Several
 * start windows open at once (every model when the pipelines end): at the start-confirm pace they
 * would spend the whole budget in seconds, and the scheduler's silence until the window rolls
 * over could hide a short run of one of them.
 */
export function pacedReadAt(tracked: Tracked, at: number, now: number, open: number, pace: ReadPace): number {
  if (tracked.judging !== 'next' || tracked.state.phase !== 'starting') return at
  const windowEnd = tracked.state.since + pace.startTimeoutMs
  return Math.max(at, Math.min(now + Math.ceil(open * pace.readShareMs), windowEnd))
}

/**
 * When to read `tracked` next, one of `open` resources read together, its end maybe expected:
 * the state machine's time, slowed to the budget's pace while a next run is awaited.
 */
export function readAgainAt(tracked: Tracked, now: number, pace: ReadPace, random: Random, open: number, expected?: ExpectedEnd): number {
  return pacedReadAt(tracked, nextReadAt(tracked.state, now, pace, random, open, expected), now, open, pace)
}

type NextMove = { readonly move: 'settle'; readonly verdict: Verdict } | { readonly move: 'rerun' } | { readonly move: 'read-again' }

export interface ReadTransition {
  readonly tracked: Tracked
  /** Told in this order: a status only when it changed, then that the run was seen. */
  readonly events: readonly StepEvent[]
  readonly next: NextMove
}

export const healthVerdict = (health: Health): Verdict => (health === 'unknown' ? 'unknown-status' : health)

/** `wait: false`: a run under way, the one triggered or one found running, is what the step returns on. */
export const verdictOnceUnderWay = (wait: boolean): Verdict | undefined => (wait ? undefined : 'started')

export function readTransition(before: Tracked, snapshot: StatusSnapshot, now: number, pace: ReadPace, wait: boolean): ReadTransition {
  const { resource } = before
  const state = observe(before.state, snapshot, now, pace)
  const changed = !before.state.last || !sameRestingState(before.state.last, snapshot)
  const seenStarting = before.state.phase === 'starting' && state.phase === 'busy'
  const events: StepEvent[] = [
    ...(changed ? [{ type: 'status', resource, snapshot } as const] : []),
    ...(seenStarting ? [{ type: 'run-seen', resource } as const] : []),
  ]
  const tracked = { ...before, state }
  const started = seenStarting ? verdictOnceUnderWay(wait) : undefined
  if (started) return { tracked, events, next: { move: 'settle', verdict: started } }
  if (state.phase !== 'done') return { tracked, events, next: { move: 'read-again' } }
  if (before.rerunPending) return { tracked: { ...tracked, rerunPending: false }, events, next: { move: 'rerun' } }
  const outcome = state.outcome ?? 'unknown'
  return { tracked, events, next: { move: 'settle', verdict: outcome === 'not-started' ? 'not-started' : healthVerdict(outcome) } }
}
