// The start of a `run`: the pipeline is read first, so a run already under way is handled as
// `if-running` says (wait for it, fail, or rerun after it) rather than doubled.

import { isBusy } from './health.ts'
import { verdictOnceUnderWay } from './read-transition.ts'
import { readOnce, scheduleNext } from './read.ts'
import { closingReport, failureReport, settle } from './reports.ts'
import type { StepRun } from './step-run.ts'
import { track, type Tracked } from './tracked.ts'
import { trigger } from './trigger.ts'
import type { ResourceRef } from './types.ts'

/** Starts (or adopts) the run of one pipeline, one of `open` resources waited on together. */
export async function startRun(run: StepRun, resource: ResourceRef, open: number): Promise<Tracked> {
  const tracked = track(resource, run.clock.now(), false)
  const refused = run.refusal.problem
  if (refused) return settle(run, tracked, failureReport(run, tracked, refused))
  try {
    const snapshot = await run.client.status(resource)
    run.emit({ type: 'status', resource, snapshot })
    const read = { ...tracked, state: { ...tracked.state, last: snapshot } }
    if (isBusy(resource.kind, snapshot)) return alreadyRunning(run, read, open)
    const triggered = await trigger(run, read)
    // One read right away, before the next pipeline's trigger: with many pipelines the
    // triggers alone take minutes of the rate limit, and a short run must be seen while it runs.
    return triggered.report ? triggered : await readOnce(run, triggered, open)
  } catch (error) {
    return settle(run, tracked, failureReport(run, tracked, error))
  }
}

function alreadyRunning(run: StepRun, read: Tracked, open: number): Tracked {
  const { ifRunning, wait } = run.settings
  run.emit({ type: 'already-running', resource: read.resource, ifRunning })
  const found = { ...read, alreadyRunning: ifRunning !== 'rerun', rerunPending: ifRunning === 'rerun' }
  if (ifRunning === 'fail') return settle(run, found, closingReport(run, found, 'already-running'))
  const returnsOn = ifRunning === 'wait' ? verdictOnceUnderWay(wait) : undefined
  if (returnsOn) return settle(run, found, closingReport(run, found, returnsOn))
  return scheduleNext(run, found, open)
}
