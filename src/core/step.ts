// A step from start to end: the command picks the flow, and every resource ends with a verdict.
// Knows nothing of GitHub.

import type { Clock, Random } from './clock.ts'
import { predictEnd } from './expected-end.ts'
import { duplicate, type Outcome } from './duplicate-flow.ts'
import { startRun } from './if-running.ts'
import type { KondadoClient } from './kondado-client.ts'
import { awaitNext } from './next-run.ts'
import { promote } from './promotion-flow.ts'
import type { PromotionRecords } from './promotion.ts'
import { statusOnce } from './status-gate.ts'
import { KeyRefusal, type StepRun } from './step-run.ts'
import { isOpen, track, type Tracked } from './tracked.ts'
import { runsOf, type RunHistory } from './run-history.ts'
import type { ResourceRef } from './types.ts'
import type { StepEvent, StepReport, StepSettings } from './vocabulary.ts'
import { waitAll } from './wait-loop.ts'

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

/** Runs one command to its end and reports one verdict per resource. */
export async function runStep(settings: StepSettings, deps: StepDeps): Promise<StepReport> {
  const { onEvent, readShareMs, history, ...rest } = deps
  const startedAt = deps.clock.now()
  const waiter = { ...settings.waiter, readShareMs }
  const expected = (resource: ResourceRef) => predictEnd(history ? runsOf(history, resource) : [], waiter.expectedDurationMs)
  const run: StepRun = { ...rest, settings, waiter, startedAt, emit: (event) => onEvent?.(event), refusal: new KeyRefusal(), expected }
  const outcome = await execute(run)
  return { command: settings.command, ...outcome, elapsedMs: deps.clock.now() - startedAt, cancelled: deps.signal?.aborted ?? false }
}

async function execute(run: StepRun): Promise<Outcome> {
  const { settings } = run
  const pipelines = settings.pipelineIds.map((id): ResourceRef => ({ kind: 'pipeline', id }))
  const models = settings.modelIds.map((id): ResourceRef => ({ kind: 'model', id }))
  switch (settings.command) {
    case 'status':
      return { resources: await statusOnce(run, [...pipelines, ...models]) }
    case 'wait':
      return {
        resources: await waitAll(
          run,
          [...pipelines, ...models].map((resource) => startWaiting(run, resource)),
        ),
      }
    case 'run': {
      const started = await startRuns(run, pipelines)
      return { resources: await waitAll(run, [...started, ...models.map((model) => awaitNext(model, run.clock.now(), true))]) }
    }
    case 'duplicate':
      return settings.promotion ? promote(run, settings.duplicate, settings.promotion) : duplicate(run, settings.duplicate)
  }
}

/** One pipeline after the other: each start counts the resources already waited on, for the budget. */
async function startRuns(run: StepRun, pipelines: readonly ResourceRef[]): Promise<Tracked[]> {
  const started: Tracked[] = []
  for (const resource of pipelines) started.push(await startRun(run, resource, started.filter(isOpen).length + 1))
  return started
}

/** `wait`: the state Kondado shows now is judged, or with `wait-for: next` only the next run. */
function startWaiting(run: StepRun, resource: ResourceRef): Tracked {
  if (run.settings.waitFor === 'current') return track(resource, run.clock.now(), false)
  run.emit({ type: 'awaiting-next', resource, afterPipelines: false })
  return awaitNext(resource, run.clock.now(), false)
}
