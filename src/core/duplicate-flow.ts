// `duplicate`: create a pipeline from a base one, sent once, then wait for the new one: for its
// table build, and its first run when it was asked to run at once.

import { mayHaveBeenApplied } from './problem.ts'
import { asProblem, reportOf } from './reports.ts'
import type { StepRun } from './step-run.ts'
import { track } from './tracked.ts'
import type { ResourceRef } from './types.ts'
import type { DuplicateRequest, StepReport } from './vocabulary.ts'
import { waitAll } from './wait-loop.ts'

export type Outcome = Pick<StepReport, 'resources' | 'newPipelineId' | 'problem' | 'outcomeUnknown' | 'promotion'>

/** The request sent once: the new id, or why there is none (and whether one may exist all the same). */
export type Creation = { readonly newPipelineId: number } | Required<Pick<Outcome, 'problem' | 'outcomeUnknown'>>

export const duplicate = async (run: StepRun, request: DuplicateRequest): Promise<Outcome> =>
  follow(run, request, await create(run, request))

export async function create(run: StepRun, request: DuplicateRequest): Promise<Creation> {
  try {
    const newPipelineId = await run.client.duplicate(request)
    run.emit({ type: 'created', baseId: request.basePipelineId, newId: newPipelineId })
    return { newPipelineId }
  } catch (error) {
    const problem = asProblem(error, run.signal)
    return { problem, outcomeUnknown: mayHaveBeenApplied(problem) }
  }
}

export async function follow(run: StepRun, request: DuplicateRequest, creation: Creation): Promise<Outcome> {
  if (!('newPipelineId' in creation)) return { resources: [], ...creation }
  const newId = creation.newPipelineId
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
