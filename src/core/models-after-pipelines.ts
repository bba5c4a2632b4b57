// `run` with `model-id`: the models are built from the step's pipelines, so a model's next run is
// waited for only once every pipeline has its verdict, and only if every one ended healthy (a
// model run on a failed load would publish stale data). Until then a model is held: never read.
//
// The request budget is planned for it: while models are held, a pipeline is read only when the
// budget can also pay, at once, for the first reads of every held model's start window. Kondado
// may run a model seconds after its pipelines end; were the budget spent by then (by the
// pipelines' last reads, or by an earlier step on the key), the model's first read would wait up
// to a minute for the window to roll over, and a short run would be over, unseen.

import { awaitNext } from './next-run.ts'
import { closingReport, settle } from './reports.ts'
import type { StepRun } from './step-run.ts'
import { isOpen, type Tracked } from './tracked.ts'
import { CONFIRMING_READS } from './trigger.ts'

const isHeld = (tracked: Tracked): boolean => tracked.heldForPipelines && isOpen(tracked)

/** The resources read now, which share the budget: not the held models. */
export const readNow = (open: readonly Tracked[]): number => open.filter((t) => !t.heldForPipelines).length

/** Opens the held models' start windows, or settles them as not waited for, once the pipelines are done. */
export function releaseModels(run: StepRun, roster: Tracked[]): Tracked[] {
  const held = roster.filter(isHeld)
  const pipelines = roster.filter((t) => t.resource.kind === 'pipeline')
  if (held.length === 0 || pipelines.some(isOpen)) return roster
  const healthy = pipelines.every((t) => t.report?.verdict === 'healthy')
  return roster.map((t) => {
    if (!held.includes(t)) return t
    if (!healthy) return settle(run, t, closingReport(run, t, 'not-waited'))
    run.emit({ type: 'awaiting-next', resource: t.resource, afterPipelines: true })
    return awaitNext(t.resource, run.clock.now(), false)
  })
}

/** When `tracked` may be read: with models held, not before the budget has room for it and their first reads. */
export function readAt(run: StepRun, roster: readonly Tracked[], tracked: Tracked): number {
  const held = roster.filter(isHeld).length
  return held === 0 ? tracked.nextAt : Math.max(tracked.nextAt, run.client.roomFor(1 + held * CONFIRMING_READS))
}
