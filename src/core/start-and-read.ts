// The acts on one resource: read its status and decide what follows (a verdict, a rerun, or the
// time of the next read); trigger a pipeline's run, sent once; and start a `run`, reading the
// pipeline first so a run already under way is handled as `if-running` says (wait for it, fail,
// or rerun after it) rather than doubled.

import { isBuildingTables, isBusy, runBlocker } from './health.ts'
import { asProblem, mayHaveBeenApplied, Problem } from './problem.ts'
import { closingReport, failureReport, keyRefusedReport, settle, type StepContext } from './step-context.ts'
import { QUIET_NOTICE_MS, type ResourceRef, type StatusSnapshot } from './vocabulary.ts'
import { begin, readAgainAt, readTransition, track, type Tracked, verdictOnceUnderWay } from './waiter.ts'

/** Reads `tracked`, one of `open` resources waited on together. */
export async function readOnce(step: StepContext, tracked: Tracked, open: number): Promise<Tracked> {
  let snapshot: StatusSnapshot
  try {
    snapshot = await step.client.status(tracked.resource)
  } catch (error) {
    const problem = asProblem(error, step.signal)
    // Cancelled: the wait loop closes every open resource alike.
    if (problem.code === 'cancelled') return tracked
    // Cut off by the timeout: the wait timed out on the last state read, with no answer to blame.
    if (problem.code === 'deadline') return settle(step, tracked, closingReport(step, tracked, 'timed-out'))
    return settle(step, tracked, failureReport(step, tracked, problem))
  }
  const pace = step.pace(tracked.resource.kind)
  const { tracked: after, events, next } = readTransition(tracked, snapshot, step.clock.now(), pace, step.settings.wait)
  for (const event of events) step.emit(event)
  switch (next.move) {
    case 'settle':
      return settle(step, after, closingReport(step, after, next.verdict))
    case 'rerun':
      return trigger(step, after)
    case 'read-again':
      return scheduleNext(step, after, open)
  }
}

/** Resources waited on together share the request budget: the wait is told how many there are. */
function scheduleNext(step: StepContext, tracked: Tracked, open: number): Tracked {
  const pace = step.pace(tracked.resource.kind)
  return { ...tracked, nextAt: readAgainAt(tracked, step.clock.now(), pace, step.random, open, step.expected(tracked.resource)) }
}

/**
 * The reads right after a trigger that must not wait for the window (at 2, 4 and 6 s: see
 * START_CONFIRM_INTERVAL_MS): a run of a small pipeline can be over in 8 s, and a trigger sent on
 * a spent budget is then not read again until its run has ended, and judged "not seen to start".
 */
export const CONFIRMING_READS = 3

/**
 * Holds the trigger until it and its confirming reads fit. When that room comes only at the
 * deadline or later, holding would leave no time for the reads it waits for: the scheduler decides.
 */
async function roomForConfirmation(step: StepContext, tracked: Tracked): Promise<void> {
  const now = step.clock.now()
  const at = step.client.roomFor(1 + CONFIRMING_READS)
  // Held only for the window: the gap before the next request is the scheduler's to wait.
  if (at <= step.client.roomFor(1) || at >= step.deadline) return
  if (at - now >= QUIET_NOTICE_MS) step.emit({ type: 'quiet', until: at, reason: { kind: 'trigger-held', resource: tracked.resource } })
  await step.clock.sleep(at - now, step.signal).catch(() => {
    throw new Problem('cancelled', { notSent: true })
  })
}

/**
 * Triggers the pipeline, sent once: a trigger whose answer was lost is never sent again, and
 * whether its run started is left for the status reads to tell. Not sent at all when the last
 * state read shows the pipeline cannot run (disabled, blocked, its tables failed to build): that
 * state, and what Kondado said of it, is the verdict. The result is the resource waiting for its
 * run to show, or settled when the trigger failed or was not sent.
 */
export async function trigger(step: StepContext, tracked: Tracked): Promise<Tracked> {
  const { resource } = tracked
  const blocker = tracked.state.last && runBlocker(resource.kind, tracked.state.last)
  if (blocker) return settle(step, tracked, { ...closingReport(step, tracked, 'unhealthy'), notTriggered: blocker })
  // The hold counts as the request's wait for its turn, in its debug line.
  const queuedAt = step.clock.now()
  try {
    await roomForConfirmation(step, tracked)
    await step.client.requestRun(resource.id, queuedAt)
  } catch (error) {
    const problem = asProblem(error, step.signal)
    if (!mayHaveBeenApplied(problem)) {
      const report = failureReport(step, tracked, problem)
      return settle(step, tracked, problem.code === 'rejected' ? { ...report, runRefused: true } : report)
    }
    const unconfirmed = { ...tracked, triggerUnconfirmed: true }
    step.emit({ type: 'trigger-unconfirmed', resource, problem })
    if (problem.code === 'cancelled') return settle(step, unconfirmed, failureReport(step, unconfirmed, problem))
    return begin(unconfirmed, step.clock.now())
  }
  // The start window opens once the POST is done with, not before its wait for a scheduler slot.
  const begun = begin(tracked, step.clock.now())
  step.emit({ type: 'triggered', resource })
  return begun
}

/** Starts (or adopts) the run of one pipeline, one of `open` resources waited on together. */
export async function startPipeline(step: StepContext, resource: ResourceRef, open: number): Promise<Tracked> {
  const tracked = track(resource, step.clock.now(), false)
  const refused = step.refusal.problem
  if (refused) return settle(step, tracked, keyRefusedReport(step, tracked, refused))
  try {
    const snapshot = await step.client.status(resource)
    step.emit({ type: 'status', resource, snapshot })
    const read = { ...tracked, state: { ...tracked.state, last: snapshot } }
    if (isBuildingTables(resource.kind, snapshot)) return afterTableBuild(step, read, open)
    if (isBusy(resource.kind, snapshot)) return alreadyRunning(step, read, open)
    const triggered = await trigger(step, read)
    // One read right away, before the next pipeline's trigger: with many pipelines the
    // triggers alone take minutes of the rate limit, and a short run must be seen while it runs.
    return triggered.report ? triggered : await readOnce(step, triggered, open)
  } catch (error) {
    return settle(step, tracked, failureReport(step, tracked, error))
  }
}

/** A table build is not a run: the pipeline is triggered once it is over, whatever `if-running` says. */
function afterTableBuild(step: StepContext, read: Tracked, open: number): Tracked {
  step.emit({ type: 'building-tables', resource: read.resource })
  return scheduleNext(step, { ...read, rerunPending: true }, open)
}

function alreadyRunning(step: StepContext, read: Tracked, open: number): Tracked {
  const { ifRunning, wait } = step.settings
  step.emit({ type: 'already-running', resource: read.resource, ifRunning })
  const found = { ...read, alreadyRunning: ifRunning !== 'rerun', rerunPending: ifRunning === 'rerun' }
  if (ifRunning === 'fail') return settle(step, found, closingReport(step, found, 'already-running'))
  const returnsOn = ifRunning === 'wait' ? verdictOnceUnderWay(wait) : undefined
  if (returnsOn) return settle(step, found, closingReport(step, found, returnsOn))
  return scheduleNext(step, found, open)
}
