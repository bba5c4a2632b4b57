// `run` with `model-id`: the models are built from the step's pipelines, so a model's next run is
// waited for only once every pipeline has its verdict, and only if every one ended healthy (a
// model run on a failed load would publish stale data). Until then a model is held: never read,
// yet counted among the resources waited on, so the pipelines' reads leave it its share of the
// request budget for when its start window opens.

import { awaitNext } from './next-run.ts'
import { closingReport, settle } from './reports.ts'
import type { StepRun } from './step-run.ts'
import { isOpen, type Tracked } from './tracked.ts'

/** Opens the held models' start windows, or settles them as not waited for, once the pipelines are done. */
export function releaseModels(run: StepRun, roster: Tracked[]): Tracked[] {
  const held = roster.filter((t) => t.heldForPipelines && isOpen(t))
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
