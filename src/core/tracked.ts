// One resource being waited for, as a value: each read, trigger or verdict makes a new one.
// The wait loop and the run's start own the list of them; nothing here changes in place.

import type { ResourceRef } from './types.ts'
import type { JudgedRun, ResourceReport } from './vocabulary.ts'
import { startWaiting, type WaiterState } from './waiter.ts'

export interface Tracked {
  readonly resource: ResourceRef
  readonly state: WaiterState
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
