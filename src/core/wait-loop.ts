// Waiting for several resources at once: one read at a time, fair between them, and every one
// settled by the deadline, with a last read taken just before it.

import { readAt, readNow, releaseModels } from './models-after-pipelines.ts'
import { readOnce } from './read.ts'
import { closingReport, failureReport, settle } from './reports.ts'
import type { StepRun } from './step-run.ts'
import { isOpen, type Tracked } from './tracked.ts'
import type { ResourceReport } from './vocabulary.ts'

/** The last read before the deadline is taken this long before it, so its answer arrives in time. */
const FINAL_READ_LEAD_MS = 1_500

/**
 * A due confirming read goes first: its verdict is one read away, and giving it frees its share
 * of the budget, where making it queue behind every other due read costs a round. Otherwise the
 * most overdue resource, which keeps the reads fair.
 */
function pickNext(open: readonly Tracked[], now: number): Tracked {
  const earliest = open.reduce((a, b) => (b.nextAt < a.nextAt ? b : a))
  return open.find((t) => t.state.phase === 'settling' && t.nextAt <= now) ?? earliest
}

/**
 * Reads whichever resource is due first until every one has its verdict; the scheduler spaces
 * the requests. Returns the reports in the order of `start`.
 */
export async function waitAll(run: StepRun, start: readonly Tracked[]): Promise<ResourceReport[]> {
  let roster = [...start]
  const replace = (before: Tracked, after: Tracked): void => void roster.splice(roster.indexOf(before), 1, after)
  const lastChance = run.deadline - FINAL_READ_LEAD_MS
  for (;;) {
    roster = releaseModels(run, roster)
    const open = roster.filter(isOpen)
    if (open.length === 0) break
    const refused = run.refusal.problem
    if (refused) {
      for (const tracked of open) replace(tracked, settle(run, tracked, failureReport(run, tracked, refused)))
      break
    }
    const picked = pickNext(open, run.clock.now())
    const final = picked.nextAt > lastChance
    if (final && (picked.finalReadTaken || run.clock.now() > lastChance)) {
      replace(picked, settle(run, picked, closingReport(run, picked, 'timed-out')))
      continue
    }
    const tracked = final ? { ...picked, finalReadTaken: true } : picked
    replace(picked, tracked)
    try {
      await run.clock.sleep(Math.max(0, Math.min(readAt(run, roster, tracked), lastChance) - run.clock.now()), run.signal)
    } catch {
      break
    }
    replace(tracked, await readOnce(run, tracked, readNow(open)))
  }
  // Whatever is still open was cut short by the workflow's cancel.
  const closed = roster.map((t) => (isOpen(t) ? settle(run, t, closingReport(run, t, 'cancelled')) : t))
  return closed.map((t) => t.report as ResourceReport)
}
