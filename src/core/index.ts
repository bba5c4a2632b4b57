// The core's one door. The adapter (src/ outside core/) imports the core from here only: the one
// place the core is put together (composeStep: a request scheduler, a client over it, and the
// step, from what the action was asked and what the runtime gives), and the words and rules the
// adapter shows the user. main.ts, the benchmark and the test harnesses all run a step through
// composeStep, so they run the very same wiring.

import type { Transport } from './http.ts'
import { KondadoClient, type RequestRecord } from './kondado-client.ts'
import type { Problem } from './problem.ts'
import type { PromotionRecords } from './promotion.ts'
import { addRuns, type RunHistory } from './run-history.ts'
import { createRedactor, type Redactor } from './safe-text.ts'
import { readShareMs, RequestScheduler } from './scheduler.ts'
import { executeStep } from './step.ts'
import type { Clock, Random } from './time.ts'
import type { Credentials, ResourceRef, StepEvent, StepReport, StepSettings } from './vocabulary.ts'

export { causesOf } from './health.ts'
export {
  createDispatcher,
  createUndiciTransport,
  DEFAULT_LIMITS,
  isLoopbackHost,
  LOOPBACK_HOST_NAMES,
  type ProxySettings,
  type Transport,
} from './http.ts'
export { APP_PIPELINES_URL, appUrl } from './kondado-api.ts'
export type { RequestRecord } from './kondado-client.ts'
export { predictEnd } from './poll-schedule.ts'
export type { Problem, ProblemCode, ProblemDetails } from './problem.ts'
export { identityKey, RecordsUnavailable, RecordsWriterMismatch } from './promotion.ts'
export type { PromotionEnd, PromotionIdentity, PromotionPayload, PromotionRecords } from './promotion.ts'
export { retrying } from './retry.ts'
export { emptyHistory, parseHistory, resourceKey, runsWithin, serializeHistory, type RunHistory } from './run-history.ts'
export { createRedactor, INVISIBLE, scrub, secretVariants, type Redactor } from './safe-text.ts'
export { formatDuration, parseDuration, systemClock, type Clock, type Random } from './time.ts'
export * from './vocabulary.ts'

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
  /** The step's one redactor (main.ts adds the GitHub token to the key and token); by default one for the credentials. */
  readonly redact?: Redactor
  readonly onEvent?: (event: StepEvent) => void
  /** Told of every pause Kondado asked for. */
  readonly onPause?: (pauseMs: number) => void
  /** Told when a request waits a while for room in the request budget, with when it goes. */
  readonly onHold?: (until: number) => void
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
  const { clock, random, signal, onEvent, onPause, onHold, onRetry, onRequest, sentBefore, history, records } = runtime
  const deadline = clock.now() + settings.timeoutMs
  const scheduler = new RequestScheduler({ clock, random, perWindow: requestsPerMinute, deadline, signal, onPause, onHold, sentBefore })
  const redact = runtime.redact ?? createRedactor([credentials.key, credentials.token])
  const client = new KondadoClient({ baseUrl, credentials, transport, scheduler, clock, redact, random, signal, onRetry, onRequest })
  const report = await executeStep(settings, {
    client,
    clock,
    deadline,
    random,
    readShareMs: readShareMs(requestsPerMinute),
    signal,
    onEvent,
    ...(history ? { history } : {}),
    ...(records ? { records: records(deadline) } : {}),
  })
  const recentSends = scheduler.recentSends(clock.now())
  return { report, deadline, recentSends, ...(history ? { history: addRuns(history, report.resources, clock.now()) } : {}) }
}
