// The one place the core is put together: a request scheduler, a client over it, and the step,
// from what the action was asked and what the runtime gives. main.ts, the benchmark and the
// test harnesses all run a step through here, so they run the very same wiring.

import type { Clock, Random } from './clock.ts'
import type { Transport } from './http.ts'
import { KondadoClient, type RequestRecord } from './kondado-client.ts'
import type { Problem } from './problem.ts'
import type { PromotionRecords } from './promotion.ts'
import { createRedactor } from './redact.ts'
import { addRuns, type RunHistory } from './run-history.ts'
import { readShareMs, RequestScheduler } from './scheduler.ts'
import { runStep } from './step.ts'
import type { Credentials, ResourceRef } from './types.ts'
import type { StepEvent, StepReport, StepSettings } from './vocabulary.ts'

export interface StepRequest {
  readonly settings: StepSettings
  /** The request budget: the scheduler's limit, and the share of it each read may take. */
  readonly requestsPerMinute: number
  readonly credentials: Credentials
  readonly baseUrl: URL
  readonly transport: Transport
}

export interface Runtime {
  readonly clock: Clock
  readonly random: Random
  readonly signal?: AbortSignal
  readonly onEvent?: (event: StepEvent) => void
  /** Told of every pause Kondado asked for. */
  readonly onPause?: (pauseMs: number) => void
  /** Told before each retry of a read, with the resource read. */
  readonly onRetry?: (problem: Problem, delayMs: number, resource: ResourceRef) => void
  /** Told of every request once done with, for debug lines. */
  readonly onRequest?: (record: RequestRecord) => void
  /** Send times of earlier steps that shared the key on this runner. */
  readonly sentBefore?: readonly number[]
  /** The run lengths seen before (restored from the cache); absent: the memory is off. */
  readonly history?: RunHistory
  /** Where `duplicate` with `environment` records its promotions, given the step's deadline on `clock`. */
  readonly records?: (deadline: number) => PromotionRecords
}

export interface StepResult {
  readonly report: StepReport
  /** The step's deadline on the runtime's clock. */
  readonly deadline: number
  /** The send times that still count against the budget, for the next step on this runner. */
  readonly recentSends: readonly number[]
  /** The memory with the runs this step saw, to save; absent when it is off. */
  readonly history?: RunHistory
}

export async function composeStep(request: StepRequest, runtime: Runtime): Promise<StepResult> {
  const { settings, requestsPerMinute, credentials, baseUrl, transport } = request
  const { clock, random, signal, onEvent, onPause, onRetry, onRequest, sentBefore, history, records } = runtime
  const deadline = clock.now() + settings.timeoutMs
  const scheduler = new RequestScheduler({ clock, random, perWindow: requestsPerMinute, deadline, signal, onPause, sentBefore })
  const redact = createRedactor([credentials.key, credentials.token])
  const client = new KondadoClient({ baseUrl, credentials, transport, scheduler, clock, redact, random, signal, onRetry, onRequest })
  const readShare = readShareMs(requestsPerMinute)
  const report = await runStep(settings, {
    client,
    clock,
    deadline,
    random,
    readShareMs: readShare,
    signal,
    onEvent,
    ...(history ? { history } : {}),
    ...(records ? { records: records(deadline) } : {}),
  })
  const recentSends = scheduler.recentSends(clock.now())
  return { report, deadline, recentSends, ...(history ? { history: addRuns(history, report.resources, clock.now()) } : {}) }
}
