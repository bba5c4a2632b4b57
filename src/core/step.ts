// A step from start to end, one flow per command, every resource ending with a verdict:
// `status` reads each resource once; `wait` and `run` wait for them together (wait-loop.ts);
// `duplicate` creates a pipeline, sent once, and with `environment` first asks the promotion
// records (promotion.ts) whether to create, reuse or stop. Knows nothing of GitHub.

import { judge } from './health.ts'
import type { KondadoClient } from './kondado-client.ts'
import { predictEnd } from './poll-schedule.ts'
import { asProblem, mayHaveBeenApplied, Problem } from './problem.ts'
import { decide, endOf, identityOf, payloadOf, type PromotionRecords, RecordsUnavailable, RecordsWriterMismatch } from './promotion.ts'
import { type RunHistory, runsWithin } from './run-history.ts'
import { startPipeline } from './start-and-read.ts'
import { failureReport, KeyRefusal, keyRefusedReport, readPaces, reportOf, type StepContext } from './step-context.ts'
import type { Clock, Random } from './time.ts'
import {
  type DuplicateRequest,
  type PromotionSettings,
  type ResourceRef,
  type ResourceReport,
  resourcesOf,
  type StepEvent,
  type StepReport,
  type StepSettings,
} from './vocabulary.ts'
import { waitAll } from './wait-loop.ts'
import { awaitNext, healthVerdict, isOpen, track, type Tracked } from './waiter.ts'

interface StepDeps {
  readonly client: KondadoClient
  /** The step's deadline on `clock`: the same one the request scheduler keeps. */
  readonly deadline: number
  readonly clock: Clock
  readonly random: Random
  readonly readShareMs: number
  readonly signal?: AbortSignal
  readonly onEvent?: (event: StepEvent) => void
  /** The run lengths seen before; absent: none known. */
  readonly history?: RunHistory
  readonly records?: PromotionRecords
}

type Outcome = Pick<StepReport, 'resources' | 'newPipelineId' | 'problem' | 'outcomeUnknown' | 'promotion'>

/** Carries one command to its end and reports one verdict per resource. */
export async function executeStep(settings: StepSettings, deps: StepDeps): Promise<StepReport> {
  const { onEvent, readShareMs, history, ...rest } = deps
  const startedAt = deps.clock.now()
  const paces = readPaces(settings, readShareMs)
  const step: StepContext = {
    ...rest,
    settings,
    pace: (kind) => paces[kind],
    startedAt,
    emit: (event) => onEvent?.(event),
    refusal: new KeyRefusal(),
    expected: (resource) =>
      predictEnd(history ? runsWithin(history, resource, settings.timeoutMs) : [], settings.polling.expectedDurationMs),
  }
  const outcome = await flowOf(step)
  return { command: settings.command, ...outcome, elapsedMs: deps.clock.now() - startedAt, cancelled: deps.signal?.aborted ?? false }
}

function flowOf(step: StepContext): Promise<Outcome> {
  const { settings } = step
  const resources = resourcesOf(settings)
  switch (settings.command) {
    case 'status':
      return statusOnce(step, resources).then((reports) => ({ resources: reports }))
    case 'wait':
      return waitAll(
        step,
        resources.map((resource) => startWaiting(step, resource)),
      ).then((reports) => ({ resources: reports }))
    case 'run':
      return runPipelines(step, resources)
    case 'duplicate':
      return settings.promotion ? promote(step, settings.duplicate, settings.promotion) : duplicate(step, settings.duplicate)
  }
}

/** `status`: one read of each resource, judged as it stands, with no waiting. A gate for CI. */
export async function statusOnce(step: StepContext, resources: readonly ResourceRef[]): Promise<ResourceReport[]> {
  const reports: ResourceReport[] = []
  for (const resource of resources) reports.push(await readOne(step, resource))
  for (const report of reports) step.emit({ type: 'settled', report })
  return reports
}

async function readOne(step: StepContext, resource: ResourceRef): Promise<ResourceReport> {
  if (step.signal?.aborted) return reportOf(step, resource, 'cancelled')
  const refused = step.refusal.problem
  if (refused) return keyRefusedReport(step, resource, refused)
  try {
    const snapshot = await step.client.status(resource)
    step.emit({ type: 'status', resource, snapshot })
    return reportOf(step, resource, healthVerdict(judge(resource.kind, snapshot)), { snapshot })
  } catch (error) {
    return failureReport(step, resource, error)
  }
}

/** `wait`: the state Kondado shows now is judged, or with `wait-for: next` only the next run. */
function startWaiting(step: StepContext, resource: ResourceRef): Tracked {
  if (step.settings.waitFor === 'current') return track(resource, step.clock.now(), false)
  step.emit({ type: 'awaiting-next', resource, afterPipelines: false })
  return awaitNext(resource, step.clock.now(), false)
}

/**
 * `run`: the pipelines one after the other, each start counting the resources already waited
 * on, for the budget; the models' next runs held until the pipelines end.
 */
async function runPipelines(step: StepContext, resources: readonly ResourceRef[]): Promise<Outcome> {
  const started: Tracked[] = []
  for (const resource of resources.filter((r) => r.kind === 'pipeline'))
    started.push(await startPipeline(step, resource, started.filter(isOpen).length + 1))
  const models = resources.filter((r) => r.kind === 'model').map((model) => awaitNext(model, step.clock.now(), true))
  return { resources: await waitAll(step, [...started, ...models]) }
}

/** The request sent once: the new id, or why there is none (and whether one may exist all the same). */
type Creation = { readonly newPipelineId: number } | Required<Pick<Outcome, 'problem' | 'outcomeUnknown'>>

/** `duplicate`: create a pipeline from a base one, then wait for the new one. */
const duplicate = async (step: StepContext, request: DuplicateRequest): Promise<Outcome> =>
  follow(step, request, await create(step, request))

async function create(step: StepContext, request: DuplicateRequest): Promise<Creation> {
  try {
    const newPipelineId = await step.client.duplicate(request)
    step.emit({ type: 'created', baseId: request.basePipelineId, newId: newPipelineId })
    return { newPipelineId }
  } catch (error) {
    const problem = asProblem(error, step.signal)
    return { problem, outcomeUnknown: mayHaveBeenApplied(problem) }
  }
}

/** The new pipeline waited for: for its table build, and its first run when it was asked to run at once. */
async function follow(step: StepContext, request: DuplicateRequest, creation: Creation): Promise<Outcome> {
  if (!('newPipelineId' in creation)) return { resources: [], ...creation }
  const newId = creation.newPipelineId
  const resource: ResourceRef = { kind: 'pipeline', id: newId }
  if (!step.settings.wait) {
    const report = reportOf(step, resource, 'created')
    step.emit({ type: 'settled', report })
    return { resources: [report], newPipelineId: newId }
  }
  // Without a run there is still the table build to wait for: it is where a duplicate fails.
  const resources = await waitAll(step, [track(resource, step.clock.now(), request.runAtOnce)])
  return { resources, newPipelineId: newId }
}

/**
 * `duplicate` with `environment`: the records are read first, and the promotion is made only
 * when none stands in the way; a promotion already made is reused instead.
 */
async function promote(step: StepContext, request: DuplicateRequest, settings: PromotionSettings): Promise<Outcome> {
  const records = step.records
  if (!records) return { resources: [], problem: new Problem('internal', { errorName: 'NoPromotionRecords' }) }
  const identity = identityOf(settings.environment, request)
  try {
    const decision = decide(await records.find(identity), settings.ifPromoted)
    if (decision.action === 'stop') return { resources: [], promotion: { outcome: 'stopped', found: decision.found } }
    if (decision.action === 'reuse') return reuse(step, request, decision.pipelineId, decision.runUrl)
    const handle = await records.start(payloadOf(identity, request))
    step.emit({ type: 'promotion-recorded', environment: settings.environment })
    return await createRecorded(step, request, records, handle)
  } catch (error) {
    if (error instanceof RecordsWriterMismatch)
      return { resources: [], promotion: { outcome: 'unavailable', reason: 'login', wroteAs: error.wroteAs, expected: error.expected } }
    if (!(error instanceof RecordsUnavailable)) throw error
    const httpStatus = error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }
    return { resources: [], promotion: { outcome: 'unavailable', reason: error.reason, ...httpStatus } }
  }
}

/** The end is written as soon as the answer is in, before any waiting, so a job cancelled later leaves no record open. */
async function createRecorded(
  step: StepContext,
  request: DuplicateRequest,
  records: PromotionRecords,
  handle: Awaited<ReturnType<PromotionRecords['start']>>,
): Promise<Outcome> {
  const creation = await create(step, request)
  const end = endOf(creation)
  const endRecorded = await records.finish(handle, end).then(
    () => true,
    () => false,
  )
  const outcome = await follow(step, request, creation)
  return { ...outcome, promotion: { outcome: end.state === 'promoted' ? 'created' : 'attempted', endRecorded } }
}

/**
 * The pipeline made by an earlier workflow run stands for this one: nothing is created. With
 * `execute-immediately` it is run, as "promote and run" asks; otherwise it is judged as it is,
 * after waiting for it to rest when `wait` is on, or from one read when it is off.
 */
async function reuse(step: StepContext, request: DuplicateRequest, pipelineId: number, runUrl: string): Promise<Outcome> {
  step.emit({ type: 'promotion-reused', pipelineId, runUrl })
  const resource: ResourceRef = { kind: 'pipeline', id: pipelineId }
  const promotion = { outcome: 'reused', pipelineId, runUrl } as const
  const resources = request.runAtOnce
    ? await waitAll(step, [await startPipeline(step, resource, 1)])
    : step.settings.wait
      ? await waitAll(step, [track(resource, step.clock.now(), false)])
      : await statusOnce(step, [resource])
  return { resources, newPipelineId: pipelineId, promotion }
}
