// The run request itself, sent once: a trigger whose answer was lost is never sent again, and
// whether its run started is left for the status reads to tell.

import { mayHaveBeenApplied } from './problem.ts'
import { asProblem, failureReport, settle } from './reports.ts'
import type { StepRun } from './step-run.ts'
import { begin, type Tracked } from './tracked.ts'

/** Triggers the pipeline; the result is the resource waiting for its run to show, or settled when the trigger failed. */
export async function trigger(run: StepRun, tracked: Tracked): Promise<Tracked> {
  const { resource } = tracked
  try {
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
