// A resource's next run, which this step does not start: a model's run after its pipelines, or
// any resource with `wait-for: next`. Kondado's API has no run id and no run times, so a next run
// is told from the last one only by being seen busy: until then, the resting state Kondado shows
// is the last run's, and is never judged.

import { track, type Tracked } from './tracked.ts'
import type { ResourceKind, ResourceRef } from './types.ts'
import type { StepSettings } from './vocabulary.ts'
import type { WaiterSettings } from './waiter.ts'

/** How long a resource may take to show busy: `model-start-timeout` for a model, `start-timeout` for a pipeline. */
export const startWindowMs = (kind: ResourceKind, settings: Pick<StepSettings, 'waiter' | 'modelStartTimeoutMs'>): number =>
  kind === 'model' ? settings.modelStartTimeoutMs : settings.waiter.startTimeoutMs

/** The waiter's settings for one resource: the step's, with that resource's start window. */
export const waiterFor = (waiter: WaiterSettings, settings: StepSettings, kind: ResourceKind): WaiterSettings => ({
  ...waiter,
  startTimeoutMs: startWindowMs(kind, settings),
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
export function pacedReadAt(tracked: Tracked, at: number, now: number, open: number, waiter: WaiterSettings): number {
  if (tracked.judging !== 'next' || tracked.state.phase !== 'starting') return at
  const windowEnd = tracked.state.since + waiter.startTimeoutMs
  return Math.max(at, Math.min(now + Math.ceil(open * waiter.readShareMs), windowEnd))
}
