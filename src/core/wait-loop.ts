// Waiting for several resources at once: one read at a time, fair between them, and every one
// settled by the deadline, with a last read taken just before it.
//
// `run` with `model-id`: the models are built from the step's pipelines, so a model's next run is
// waited for only once every pipeline has its verdict, and only if every one ended healthy (a
// model run on a failed load would publish stale data). Until then a model is held: never read.
// The request budget is planned for it: while models are held, a pipeline is read only when the
// budget can also pay, at once, for the first reads of every held model's start window. Kondado
// may run a model seconds after its pipelines end; were the budget spent by then (by the
// pipelines' last reads, or by an earlier step on the key), the model's first read would wait up
// to a minute for the window to roll over, and a short run would be over, unseen.

import { CONFIRMING_READS, readOnce } from './start-and-read.ts'
import { closingReport, keyRefusedReport, settle, type StepContext } from './step-context.ts'
import { QUIET_NOTICE_MS, type ResourceReport } from './vocabulary.ts'
import { awaitNext, isOpen, type Tracked } from './waiter.ts'

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
export async function waitAll(step: StepContext, start: readonly Tracked[]): Promise<ResourceReport[]> {
  let roster = [...start]
  const replace = (before: Tracked, after: Tracked): void => void roster.splice(roster.indexOf(before), 1, after)
  const lastChance = step.deadline - FINAL_READ_LEAD_MS
  for (;;) {
    roster = releaseModels(step, roster)
    const open = roster.filter(isOpen)
    if (open.length === 0) break
    const refused = step.refusal.problem
    if (refused) {
      for (const tracked of open) replace(tracked, settle(step, tracked, keyRefusedReport(step, tracked, refused)))
      break
    }
    const picked = pickNext(open, step.clock.now())
    const final = picked.nextAt > lastChance
    if (final && (picked.finalReadTaken || step.clock.now() > lastChance)) {
      replace(picked, settle(step, picked, closingReport(step, picked, 'timed-out')))
      continue
    }
    const tracked = final ? { ...picked, finalReadTaken: true } : picked
    replace(picked, tracked)
    const at = Math.min(readAt(step, roster, tracked), lastChance)
    if (at - step.clock.now() >= QUIET_NOTICE_MS) {
      const phase = tracked.state.phase === 'starting' ? 'start' : 'end'
      const reason =
        at > tracked.nextAt
          ? ({ kind: 'budget' } as const)
          : ({ kind: 'next-read', resource: tracked.resource, open: readNow(open), phase } as const)
      step.emit({ type: 'quiet', until: at, reason })
    }
    try {
      await step.clock.sleep(Math.max(0, at - step.clock.now()), step.signal)
    } catch {
      break
    }
    replace(tracked, await readOnce(step, tracked, readNow(open)))
  }
  // Whatever is still open was cut short by the workflow's cancel.
  const closed = roster.map((t) => (isOpen(t) ? settle(step, t, closingReport(step, t, 'cancelled')) : t))
  return closed.map((t) => t.report as ResourceReport)
}

const isHeld = (tracked: Tracked): boolean => tracked.heldForPipelines && isOpen(tracked)

/** The resources read now, which share the budget: not the held models. */
export const readNow = (open: readonly Tracked[]): number => open.filter((t) => !t.heldForPipelines).length

/**
 * Opens the held models' start windows, or settles them as not waited for, once the pipelines are
 * done; a refused key settles them as never read, for the refusal is the one cause to tell.
 */
export function releaseModels(step: StepContext, roster: Tracked[]): Tracked[] {
  const held = roster.filter(isHeld)
  const pipelines = roster.filter((t) => t.resource.kind === 'pipeline')
  if (held.length === 0 || pipelines.some(isOpen)) return roster
  const healthy = pipelines.every((t) => t.report?.verdict === 'healthy')
  const refused = step.refusal.problem
  return roster.map((t) => {
    if (!held.includes(t)) return t
    if (refused) return settle(step, t, keyRefusedReport(step, t, refused))
    if (!healthy) return settle(step, t, closingReport(step, t, 'not-waited'))
    step.emit({ type: 'awaiting-next', resource: t.resource, afterPipelines: true })
    return awaitNext(t.resource, step.clock.now(), false)
  })
}

/** When `tracked` may be read: with models held, not before the budget has room for it and their first reads. */
export function readAt(step: StepContext, roster: readonly Tracked[], tracked: Tracked): number {
  const held = roster.filter(isHeld).length
  return held === 0 ? tracked.nextAt : Math.max(tracked.nextAt, step.client.roomFor(1 + held * CONFIRMING_READS))
}
