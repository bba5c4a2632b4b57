// The run request itself, sent once: a trigger whose answer was lost is never sent again, and
// whether its run started is left for the status reads to tell. It is sent only when the request
// budget can also pay for the reads that confirm its start.

import { mayHaveBeenApplied, Problem } from './problem.ts'
import { asProblem, failureReport, settle } from './reports.ts'
import type { StepRun } from './step-run.ts'
import { begin, type Tracked } from './tracked.ts'

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
async function roomForConfirmation(run: StepRun): Promise<void> {
  const now = run.clock.now()
  const at = run.client.roomFor(1 + CONFIRMING_READS)
  // Held only for the window: the gap before the next request is the scheduler's to wait.
  if (at <= run.client.roomFor(1) || at >= run.deadline) return
  await run.clock.sleep(at - now, run.signal).catch(() => {
    throw new Problem('cancelled', { notSent: true })
  })
}

/** Triggers the pipeline; the result is the resource waiting for its run to show, or settled when the trigger failed. */
export async function trigger(run: StepRun, tracked: Tracked): Promise<Tracked> {
  const { resource } = tracked
  try {
    await roomForConfirmation(run)
    await run.client.run(resource.id)
  } catch (error) {
    const problem = asProblem(error, run.signal)
    if (!mayHaveBeenApplied(problem)) return settle(run, tracked, failureReport(run, tracked, problem))
    const unconfirmed = { ...tracked, triggerUnconfirmed: true }
    run.emit({ type: 'trigger-unconfirmed', resource, problem })
    if (problem.code === 'cancelled') return settle(run, unconfirmed, failureReport(run, unconfirmed, problem))
    return begin(unconfirmed, run.clock.now())
  }
  // The start window opens once the POST is done with, not before its wait for a scheduler slot.
  const begun = begin(tracked, run.clock.now())
  run.emit({ type: 'triggered', resource })
  return begun
}
