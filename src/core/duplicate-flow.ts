// `duplicate`: create a pipeline from a base one, sent once, then wait for the new one: for its
// table build, and its first run when it was asked to run at once.

import { mayHaveBeenApplied } from './problem.ts'
import { asProblem, reportOf } from './reports.ts'
import type { StepRun } from './step-run.ts'
import { track } from './tracked.ts'
import type { ResourceRef } from './types.ts'
import type { DuplicateRequest, StepReport } from './vocabulary.ts'
import { waitAll } from './wait-loop.ts'

export type Outcome = Pick<StepReport, 'resources' | 'newPipelineId' | 'problem' | 'outcomeUnknown'>

export async function duplicate(run: StepRun, request: DuplicateRequest): Promise<Outcome> {
  let newId: number
  try {
    newId = await run.client.duplicate(request)
  } catch (error) {
    const problem = asProblem(error, run.signal)
    return { resources: [], problem, outcomeUnknown: mayHaveBeenApplied(problem) }
  }
  run.emit({ type: 'created', baseId: request.basePipelineId, newId })
  const resource: ResourceRef = { kind: 'pipeline', id: newId }
  if (!run.settings.wait) {
    const report = reportOf(run, resource, 'created')
    run.emit({ type: 'settled', report })
    return { resources: [report], newPipelineId: newId }
  }
  // Without a run there is still the table build to wait for: it is where a duplicate fails.
  const resources = await waitAll(run, [track(resource, run.clock.now(), request.runAtOnce)])
  return { resources, newPipelineId: newId }
}
