// Every report a step gives is built here: a resource's verdict with what was last read of it,
// and the one mapping of a failure to a verdict.

import { Problem } from './problem.ts'
import { measuredRun } from './run-history.ts'
import type { StepRun } from './step-run.ts'
import type { Tracked } from './tracked.ts'
import type { ResourceRef } from './types.ts'
import type { ResourceReport, Verdict } from './vocabulary.ts'

export const reportOf = (run: StepRun, resource: ResourceRef, verdict: Verdict, extra: Partial<ResourceReport> = {}): ResourceReport => ({
  resource,
  verdict,
  elapsedMs: run.clock.now() - run.startedAt,
  ...extra,
})

/** A tracked resource's verdict, with its last state read, how its run came about and how long it was seen to take. */
export function closingReport(run: StepRun, tracked: Tracked, verdict: Verdict, problem?: Problem): ResourceReport {
  const runLength = measuredRun(tracked.state)
  return reportOf(run, tracked.resource, verdict, {
    ...(problem ? { problem } : {}),
    ...(tracked.state.last ? { snapshot: tracked.state.last } : {}),
    ...(tracked.alreadyRunning ? { alreadyRunning: true } : {}),
    ...(tracked.triggerUnconfirmed ? { triggerUnconfirmed: true } : {}),
    ...(tracked.judging === 'next' ? { nextRun: true } : {}),
    ...(runLength ? { runLength } : {}),
  })
}

/** What a failure means for a resource: the workflow's cancel and the timeout have their own verdicts. */
const verdictOf = (problem: Problem): Verdict =>
  problem.code === 'cancelled' ? 'cancelled' : problem.code === 'deadline' ? 'timed-out' : 'error'

/** A resource that failed, noting a refused key so that nothing more is read. */
export function failureReport(run: StepRun, target: ResourceRef | Tracked, error: unknown): ResourceReport {
  const problem = asProblem(error, run.signal)
  run.refusal.note(problem)
  return 'kind' in target ? reportOf(run, target, verdictOf(problem), { problem }) : closingReport(run, target, verdictOf(problem), problem)
}

/** Tells the verdict and keeps it: the resource is settled. */
export function settle(run: StepRun, tracked: Tracked, report: ResourceReport): Tracked {
  run.emit({ type: 'settled', report })
  return { ...tracked, report }
}

/**
 * Anything thrown becomes a Problem; what is not one already is a bug, never "network". Once the workflow is cancelled, whatever was thrown is a
 * cancellation, which keeps only whether the request it stopped had provably not been sent.
 */
export function asProblem(error: unknown, signal?: AbortSignal): Problem {
  const notSent = error instanceof Problem && error.details.notSent === true
  if (signal?.aborted) return new Problem('cancelled', notSent ? { notSent } : {})
  if (error instanceof Problem) return error
  // Not a Kondado problem but a bug: its name only, since its message may quote a URL, which carries the token.
  return new Problem('internal', { errorName: error instanceof Error ? error.name : 'UNKNOWN' })
}
