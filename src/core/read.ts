// One status read of a resource being waited for, and what follows from it: a verdict, a rerun,
// or the time of the next read.

import { pacedReadAt, waiterFor } from './next-run.ts'
import { readTransition } from './read-transition.ts'
import { asProblem, closingReport, failureReport, settle } from './reports.ts'
import type { StepRun } from './step-run.ts'
import type { Tracked } from './tracked.ts'
import { trigger } from './trigger.ts'
import type { StatusSnapshot } from './types.ts'
import { nextReadAt } from './waiter.ts'

/** Reads `tracked`, one of `open` resources waited on together. */
export async function readOnce(run: StepRun, tracked: Tracked, open: number): Promise<Tracked> {
  let snapshot: StatusSnapshot
  try {
    snapshot = await run.client.status(tracked.resource)
  } catch (error) {
    const problem = asProblem(error, run.signal)
    // Cancelled: the wait loop closes every open resource alike.
    if (problem.code === 'cancelled') return tracked
    // Cut off by the timeout: the wait timed out on the last state read, with no answer to blame.
    if (problem.code === 'deadline') return settle(run, tracked, closingReport(run, tracked, 'timed-out'))
    return settle(run, tracked, failureReport(run, tracked, problem))
  }
  const { settings } = run
  const waiter = waiterFor(run.waiter, settings, tracked.resource.kind)
  const { tracked: after, events, next } = readTransition(tracked, snapshot, run.clock.now(), waiter, settings.wait)
  for (const event of events) run.emit(event)
  switch (next.move) {
    case 'settle':
      return settle(run, after, closingReport(run, after, next.verdict))
    case 'rerun':
      return trigger(run, after)
    case 'read-again':
      return scheduleNext(run, after, open)
  }
}

/** Resources waited on together share the request budget: the waiter is told how many there are. */
export function scheduleNext(run: StepRun, tracked: Tracked, open: number): Tracked {
  const now = run.clock.now()
  const waiter = waiterFor(run.waiter, run.settings, tracked.resource.kind)
  const at = nextReadAt(tracked.state, now, waiter, run.random, open, run.expected(tracked.resource))
  return { ...tracked, nextAt: pacedReadAt(tracked, at, now, open, waiter) }
}
