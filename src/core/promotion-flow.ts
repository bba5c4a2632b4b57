// `duplicate` with `environment`: the records are read first, and the promotion is made only
// when none stands in the way; a promotion already made is reused instead. The rule itself is
// promotion.ts; this file runs it against the records and Kondado.

import { create, follow, type Outcome } from './duplicate-flow.ts'
import { startRun } from './if-running.ts'
import { decide, endOf, identityOf, payloadOf, RecordsUnavailable, type PromotionRecords } from './promotion.ts'
import { Problem } from './problem.ts'
import { statusOnce } from './status-gate.ts'
import type { StepRun } from './step-run.ts'
import { track } from './tracked.ts'
import type { ResourceRef } from './types.ts'
import type { DuplicateRequest, PromotionSettings } from './vocabulary.ts'
import { waitAll } from './wait-loop.ts'

export async function promote(run: StepRun, request: DuplicateRequest, settings: PromotionSettings): Promise<Outcome> {
  const records = run.records
  if (!records) return { resources: [], problem: new Problem('internal', { errorName: 'NoPromotionRecords' }) }
  const identity = identityOf(settings.environment, request)
  try {
    const decision = decide(await records.find(identity), settings.ifPromoted)
    if (decision.action === 'stop') return { resources: [], promotion: { outcome: 'stopped', found: decision.found } }
    if (decision.action === 'reuse') return reuse(run, request, decision.pipelineId, decision.runUrl)
    const handle = await records.start(payloadOf(identity, request))
    run.emit({ type: 'promotion-recorded', environment: settings.environment })
    return await createRecorded(run, request, records, handle)
  } catch (error) {
    if (!(error instanceof RecordsUnavailable)) throw error
    const httpStatus = error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }
    return { resources: [], promotion: { outcome: 'unavailable', reason: error.reason, ...httpStatus } }
  }
}

/** The end is written as soon as the answer is in, before any waiting, so a job cancelled later leaves no record open. */
async function createRecorded(
  run: StepRun,
  request: DuplicateRequest,
  records: PromotionRecords,
  handle: Awaited<ReturnType<PromotionRecords['start']>>,
): Promise<Outcome> {
  const creation = await create(run, request)
  const end = endOf(creation)
  const endRecorded = await records.finish(handle, end).then(
    () => true,
    () => false,
  )
  const outcome = await follow(run, request, creation)
  return { ...outcome, promotion: { outcome: end.state === 'promoted' ? 'created' : 'attempted', endRecorded } }
}

/**
 * The pipeline made by an earlier run stands for this one: nothing is created. With
 * `execute-immediately` it is run, as "promote and run" asks; otherwise it is judged as it is,
 * after waiting for it to rest when `wait` is on, or from one read when it is off.
 */
async function reuse(run: StepRun, request: DuplicateRequest, pipelineId: number, runUrl: string): Promise<Outcome> {
  run.emit({ type: 'promotion-reused', pipelineId, runUrl })
  const resource: ResourceRef = { kind: 'pipeline', id: pipelineId }
  const promotion = { outcome: 'reused', pipelineId, runUrl } as const
  const resources = request.runAtOnce
    ? await waitAll(run, [await startRun(run, resource, 1)])
    : run.settings.wait
      ? await waitAll(run, [track(resource, run.clock.now(), false)])
      : await statusOnce(run, [resource])
  return { resources, newPipelineId: pipelineId, promotion }
}
