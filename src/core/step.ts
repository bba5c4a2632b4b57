// A step from start to end: the command picks the flow, and every resource ends with a verdict.
// Knows nothing of GitHub.

import type { Clock, Random } from './clock.ts'
import { duplicate, type Outcome } from './duplicate-flow.ts'
import { startRun } from './if-running.ts'
import type { KondadoClient } from './kondado-client.ts'
import { promote } from './promotion-flow.ts'
import type { PromotionRecords } from './promotion.ts'
import { statusOnce } from './status-gate.ts'
import { KeyRefusal, type StepRun } from './step-run.ts'
import { isOpen, track, type Tracked } from './tracked.ts'
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
  readonly records?: PromotionRecords
}

/** Runs one command to its end and reports one verdict per resource. */
export async function runStep(settings: StepSettings, deps: StepDeps): Promise<StepReport> {
  const { onEvent, readShareMs, ...rest } = deps
  const startedAt = deps.clock.now()
  const waiter = { ...settings.waiter, readShareMs }
  const run: StepRun = { ...rest, settings, waiter, startedAt, emit: (event) => onEvent?.(event), refusal: new KeyRefusal() }
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
          [...pipelines, ...models].map((resource) => track(resource, run.clock.now(), false)),
        ),
      }
    case 'run':
      return { resources: await waitAll(run, await startRuns(run, pipelines)) }
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
