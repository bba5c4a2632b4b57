// A pure model of the Kondado API: state plus an injected clock, no I/O and no timers,
// so the same code serves unit tests, the HTTP server and virtual-time benchmarks.

import { checkDuplicateBody } from './duplicate.ts'
import type { DuplicatePayload } from './duplicate.ts'
import { errorPage, faultMatches, faultPhase, GARBAGE_BODY, hugeJson } from './faults.ts'
import type { Fault, InjectedFault, InjectOptions, RequestKind } from './faults.ts'
import { RateLimiter } from './rate-limit.ts'
import type { RateLimitOptions } from './rate-limit.ts'
import { applyOverride, countRead, modelStatusObject, phaseAt, pipelineStatusObject, INACTIVE_STATUSES } from './status.ts'
import type { ModelStatus, Phase, PipelineStatus, RestingStatus, Span, StatusOverride, Timeline } from './status.ts'

export interface SimClock {
  now(): number
}

export interface SimRequest {
  method: string
  path: string
  query: URLSearchParams
  body: string
}

/** What the server must do with the socket instead of (or while) sending the response. */
export type SocketAction = 'reset' | 'hang' | 'truncate' | 'stall'

export interface SimResponse {
  status: number
  headers: Record<string, string>
  body: string
  action?: SocketAction
  /** Send the answer only after this long. */
  delayMs?: number
  /** Send the body in pieces without a content-length. */
  chunked?: boolean
}

export type RequestOutcome = 'ok' | 'rate_limited' | 'unauthorized' | 'not_found' | 'bad_request' | 'fault'

export interface RequestLogEntry {
  at: number
  method: string
  /** Path only: the query string carries the key and token. */
  path: string
  kind: RequestKind
  outcome: RequestOutcome
  /** 0 when no HTTP answer was sent (reset, hang). */
  status: number
  id?: number
  fault?: Fault['type']
}

/**
 * A run's phases last `...Ms` of the clock, or, when `...Reads` is given, that many status reads
 * of the resource: a test of a real process uses reads, so the machine's speed cannot end a run
 * before the action has seen it.
 */
export interface RunSpans {
  queuedMs?: number
  queuedReads?: number
  runningMs?: number
  runningReads?: number
}

export interface PipelineRunSpec extends RunSpans {
  startDelayMs?: number
  startDelayReads?: number
  buildingTablesMs?: number
  outcome?: { status: string; raw_msg: string | null }
}

export interface PipelineSpec {
  id: number
  status?: string
  raw_msg?: string | null
  tablePaths?: string[]
  plan?: 'essentials'
  /** Filled parameters, checked by overwrite_parameters; leave undefined to accept any. */
  parameters?: Record<string, unknown>
  run?: PipelineRunSpec
  script?: StatusOverride[]
}

export interface ModelRunSpec extends RunSpans {
  outcome?: { status: string; kubo_status_type?: string; raw_msg: string | null }
}

/**
 * The dependency switch: the model runs once every one of `pipelines` has ended a run since its
 * last such start, after a delay of `delayReads` status reads of the model (or `delayMs`), as
 * Kondado runs a model after the pipelines it is built from. A run under way then is not doubled.
 */
export interface ModelDependency {
  pipelines: number[]
  delayReads?: number
  delayMs?: number
}

export interface ModelSpec {
  id: number
  status?: string
  kubo_status_type?: string
  raw_msg?: string | null
  run?: ModelRunSpec
  after?: ModelDependency
  script?: StatusOverride[]
}

export type AuthFailure = '401-json' | '403-html' | '200-success-false'

export interface ModelOptions {
  key: string
  token: string
  clock?: SimClock
  rateLimit?: RateLimitOptions | false
  authFailure?: AuthFailure
  /** A created pipeline builds its tables for `buildingTablesMs` (3 s), or for `buildingTablesReads` status reads. */
  duplicate?: { firstId?: number; buildingTablesMs?: number; buildingTablesReads?: number }
  /** Called after every request is logged (e.g. to print it). */
  onRequest?: (entry: RequestLogEntry) => void
}

interface Entity {
  status: string
  raw_msg: string | null
  timeline: Timeline | null
  script: StatusOverride[]
}

interface PipelineState extends Entity {
  spec: PipelineSpec
  tablePaths: string[]
  runCount: number
  runRequests: number
}

interface ModelState extends Entity {
  spec: ModelSpec
  kubo_status_type: string
  /** The pipelines of `spec.after` that have not ended a run since the model last started after them. */
  awaiting: Set<number>
}

interface Answer extends SimResponse {
  outcome: RequestOutcome
  fault?: Fault['type']
}

const JSON_TYPE = 'application/json; charset=utf-8'
const HTML_TYPE = 'text/html; charset=utf-8'
const rateLimitBody = (seconds = 60): string =>
  `{"success": false, "error": "RATE_LIMIT_EXCEEDED", "message": "Too many requests. Please try again in ${seconds} seconds."}`
const INVALID_TOKEN_BODY = '{"success":false,"error":"INVALID_TOKEN","message":"Invalid key or token"}'
const ESSENTIALS_ERROR = 'This endpoint is not available for plans with frequency limitations (Essentials)'
const HTTP_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

function json(status: number, value: unknown, outcome: RequestOutcome): Answer {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(value) ?? 'null', outcome }
}

const span = (ms: number | undefined, reads: number | undefined, defaultMs: number): Span =>
  reads === undefined ? { ms: ms ?? defaultMs } : { reads }

/** Queued 2 s, then running 10 s, unless the spec says otherwise. */
const runPhases = (run: RunSpans): Phase[] => [
  { status: 'scheduled', raw_msg: null, ...span(run.queuedMs, run.queuedReads, 2000) },
  { status: 'running', raw_msg: null, ...span(run.runningMs, run.runningReads, 10000) },
]

function route(method: string, path: string): { kind: RequestKind; id?: number } {
  let m: RegExpExecArray | null
  if (method === 'GET' && (m = /^\/pipelines\/(\d+)\/status$/.exec(path))) return { kind: 'pipeline-status', id: Number(m[1]) }
  if (method === 'GET' && (m = /^\/models\/(\d+)\/status$/.exec(path))) return { kind: 'model-status', id: Number(m[1]) }
  if (method === 'POST' && (m = /^\/pipelines\/(\d+)\/run$/.exec(path))) return { kind: 'run', id: Number(m[1]) }
  if (method === 'POST' && path === '/pipelines') return { kind: 'duplicate' }
  return { kind: 'other' }
}

export class KondadoModel {
  readonly log: RequestLogEntry[] = []
  readonly #key: string
  readonly #token: string
  readonly #clock: SimClock
  readonly #limiter: RateLimiter | null
  readonly #authFailure: AuthFailure
  readonly #duplicateBuild: Span
  readonly #onRequest: ((entry: RequestLogEntry) => void) | undefined
  readonly #pipelines = new Map<number, PipelineState>()
  readonly #models = new Map<number, ModelState>()
  readonly #created: { id: number; payload: DuplicatePayload }[] = []
  #nextId: number
  #faults: InjectedFault[] = []

  constructor(options: ModelOptions) {
    this.#key = options.key
    this.#token = options.token
    this.#clock = options.clock ?? { now: () => Date.now() }
    const limits = options.rateLimit === undefined ? { perSecond: 1, perMinute: 20 } : options.rateLimit
    this.#limiter = limits === false ? null : new RateLimiter(limits)
    this.#authFailure = options.authFailure ?? '401-json'
    this.#duplicateBuild = span(options.duplicate?.buildingTablesMs, options.duplicate?.buildingTablesReads, 3000)
    this.#nextId = options.duplicate?.firstId ?? 900001
    this.#onRequest = options.onRequest
  }

  addPipeline(spec: PipelineSpec): void {
    this.#pipelines.set(spec.id, {
      spec: structuredClone(spec),
      tablePaths: [...(spec.tablePaths ?? [''])],
      status: spec.status ?? 'active',
      raw_msg: spec.raw_msg ?? null,
      timeline: null,
      script: [...(spec.script ?? [])],
      runCount: 0,
      runRequests: 0,
    })
  }

  addModel(spec: ModelSpec): void {
    this.#models.set(spec.id, {
      spec: structuredClone(spec),
      status: spec.status ?? 'active',
      kubo_status_type: spec.kubo_status_type ?? 'operational',
      raw_msg: spec.raw_msg ?? null,
      timeline: null,
      script: [...(spec.script ?? [])],
      awaiting: new Set(spec.after?.pipelines ?? []),
    })
  }

  /** Queues extra script entries, returned by the next successful status reads. */
  scriptPipeline(id: number, ...entries: StatusOverride[]): void {
    this.#pipeline(id).script.push(...entries)
  }

  scriptModel(id: number, ...entries: StatusOverride[]): void {
    this.#model(id).script.push(...entries)
  }

  /** There is no model run endpoint, so tests start model runs here. False if one is already under way. */
  startModelRun(id: number): boolean {
    const m = this.#model(id)
    const now = this.#clock.now()
    this.#settle(m, now)
    if (m.timeline !== null) return false
    this.#beginModelRun(m, now, [])
    return true
  }

  #beginModelRun(m: ModelState, now: number, hold: Phase[]): void {
    const run = m.spec.run ?? {}
    const outcome = run.outcome ?? { status: 'active', raw_msg: null }
    m.timeline = {
      start: now,
      phases: [...hold, ...runPhases(run)],
      reads: 0,
      // A finished run puts a 'rebuilding' model's new configuration into effect.
      outcome: { kubo_status_type: m.kubo_status_type === 'rebuilding' ? 'operational' : m.kubo_status_type, ...outcome },
      includesRun: true,
    }
  }

  /** A pipeline's run ended at `endedAt`: the models built from it run once all their pipelines have. */
  #pipelineRunEnded(id: number, endedAt: number, now: number): void {
    for (const m of this.#models.values()) {
      const after = m.spec.after
      if (!after?.pipelines.includes(id)) continue
      m.awaiting.delete(id)
      if (m.awaiting.size > 0) continue
      m.awaiting = new Set(after.pipelines)
      this.#settle(m, now)
      if (m.timeline !== null) continue
      // From the run's end itself, not from the read that noticed it: Kondado does not wait to be asked.
      this.#beginModelRun(m, endedAt, [{ status: m.status, raw_msg: m.raw_msg, ...span(after.delayMs, after.delayReads, 0) }])
    }
  }

  /** Current status, for assertions: reads neither the script nor the rate limit, and is not logged. */
  pipelineStatus(id: number): PipelineStatus {
    const p = this.#pipeline(id)
    const { status, raw_msg } = this.#current(p, this.#clock.now())
    return pipelineStatusObject(status, raw_msg)
  }

  modelStatus(id: number): ModelStatus {
    const m = this.#model(id)
    const { status, raw_msg } = this.#current(m, this.#clock.now())
    return modelStatusObject(status, m.kubo_status_type, raw_msg)
  }

  /** Runs actually started by POST /run. */
  runCount(id: number): number {
    return this.#pipeline(id).runCount
  }

  /** POST /run requests answered {"success":true}, including those that found a run already under way. */
  runRequests(id: number): number {
    return this.#pipeline(id).runRequests
  }

  createdPipelineIds(): number[] {
    return this.#created.map((c) => c.id)
  }

  /** The validated body that created pipeline `id`, if it was created by POST /pipelines. */
  duplicatePayload(id: number): DuplicatePayload | undefined {
    return this.#created.find((c) => c.id === id)?.payload
  }

  inject(fault: Fault, options: InjectOptions = {}): InjectedFault {
    const injected: InjectedFault = { fault, match: options.match ?? {}, remaining: options.times ?? 1, fired: 0 }
    this.#faults.push(injected)
    return injected
  }

  clearFaults(): void {
    this.#faults = []
  }

  handle(req: SimRequest): SimResponse {
    const now = this.#clock.now()
    const method = req.method.toUpperCase()
    const r = route(method, req.path)
    let answer: Answer
    const before = this.#takeFault('before', method, req.path, r.kind)
    if (before !== undefined) {
      answer = this.#faultBefore(before)
    } else {
      answer = this.#serve(req, r.kind, r.id, now)
      const after = answer.outcome === 'ok' ? this.#takeFault('after', method, req.path, r.kind) : undefined
      if (after !== undefined) answer = this.#faultAfter(after, answer)
    }
    const entry: RequestLogEntry = {
      at: now,
      method,
      path: req.path,
      kind: r.kind,
      outcome: answer.outcome,
      status: answer.action === 'reset' || answer.action === 'hang' ? 0 : answer.status,
    }
    if (r.id !== undefined) entry.id = r.id
    if (answer.fault !== undefined) entry.fault = answer.fault
    this.log.push(entry)
    this.#onRequest?.(entry)
    const response: SimResponse = { status: answer.status, headers: answer.headers, body: answer.body }
    if (answer.action !== undefined) response.action = answer.action
    if (answer.delayMs !== undefined) response.delayMs = answer.delayMs
    if (answer.chunked !== undefined) response.chunked = answer.chunked
    return response
  }

  #serve(req: SimRequest, kind: RequestKind, id: number | undefined, now: number): Answer {
    // Exact comparison of the decoded values: tokens may hold spaces, '+', '%' or non-ASCII.
    if (req.query.get('key') !== this.#key || req.query.get('token') !== this.#token) return this.#unauthorized()
    if (this.#limiter !== null && !this.#limiter.tryAccept(now)) return this.#rateLimited()
    if (kind === 'duplicate') return this.#duplicate(req.body, now)
    if (id === undefined) return json(404, { success: false, error: 'NOT_FOUND', message: 'Route not found' }, 'not_found')
    if (kind === 'model-status') return this.#modelStatusAnswer(id, now)
    const p = this.#pipelines.get(id)
    if (p === undefined) return json(404, { success: false, error: 'NOT_FOUND', message: `Pipeline ${id} not found` }, 'not_found')
    return kind === 'run' ? this.#run(p, id, now) : this.#pipelineStatusAnswer(p, id, now)
  }

  #pipelineStatusAnswer(p: PipelineState, id: number, now: number): Answer {
    const { status, raw_msg } = this.#read(p, now)
    const current = pipelineStatusObject(status, raw_msg)
    const override = p.script.shift()
    const body = override === undefined ? current : applyOverride(current, override, (s) => pipelineStatusObject(s, raw_msg))
    return json(200, { [id]: body }, 'ok')
  }

  #modelStatusAnswer(id: number, now: number): Answer {
    const m = this.#models.get(id)
    if (m === undefined) return json(404, { success: false, error: 'NOT_FOUND', message: `Model ${id} not found` }, 'not_found')
    const { status, raw_msg } = this.#read(m, now)
    const current = modelStatusObject(status, m.kubo_status_type, raw_msg)
    const override = m.script.shift()
    const body =
      override === undefined ? current : applyOverride(current, override, (s) => modelStatusObject(s, m.kubo_status_type, raw_msg))
    return json(200, { success: true, data: { [id]: body } }, 'ok')
  }

  #run(p: PipelineState, id: number, now: number): Answer {
    if (p.spec.plan === 'essentials') return json(200, { success: false, error: ESSENTIALS_ERROR }, 'bad_request')
    const { status } = this.#current(p, now)
    if (INACTIVE_STATUSES.includes(status)) return json(200, { success: false, error: `Pipeline ${id} is not active` }, 'bad_request')
    p.runRequests++
    if (p.timeline?.includesRun) return json(200, { success: true }, 'ok') // already queued or running: no second run
    const run = p.spec.run ?? {}
    const phases: Phase[] = [{ status: 'building_tables', raw_msg: null, ms: run.buildingTablesMs ?? 0 }, ...runPhases(run)]
    const outcome = run.outcome ?? { status: 'active', raw_msg: null }
    if (p.timeline !== null) {
      // Tables still being built after a duplication: the run follows the build.
      p.timeline.phases.push(...phases)
      p.timeline.outcome = outcome
      p.timeline.includesRun = true
    } else {
      const hold: Phase = { status: p.status, raw_msg: p.raw_msg, ...span(run.startDelayMs, run.startDelayReads, 0) }
      p.timeline = { start: now, phases: [hold, ...phases], reads: 0, outcome, includesRun: true }
    }
    p.runCount++
    return json(200, { success: true }, 'ok')
  }

  #duplicate(body: string, now: number): Answer {
    const check = checkDuplicateBody(body, (id) => {
      const base = this.#pipelines.get(id)
      return (
        base &&
        (base.spec.parameters === undefined
          ? { tablePaths: base.tablePaths }
          : { tablePaths: base.tablePaths, parameters: base.spec.parameters })
      )
    })
    if (!check.ok) return json(200, { success: false, error: 'INVALID_PAYLOAD', message: check.message }, 'bad_request')
    const { payload } = check
    const base = this.#pipeline(payload.pipeline_id)
    while (this.#pipelines.has(this.#nextId)) this.#nextId++
    const id = this.#nextId++
    const spec: PipelineSpec = {
      ...structuredClone(base.spec),
      id,
      status: 'building_tables',
      raw_msg: null,
      tablePaths: [...base.tablePaths],
      script: [],
    }
    this.addPipeline(spec)
    const created = this.#pipeline(id)
    const immediately = payload.execute_immediately === 'Y'
    const run = base.spec.run ?? {}
    created.timeline = {
      start: now,
      phases: [{ status: 'building_tables', raw_msg: null, ...this.#duplicateBuild }],
      reads: 0,
      outcome: { status: 'active', raw_msg: null },
      includesRun: false,
    }
    if (immediately) {
      created.timeline.phases.push(...runPhases(run))
      created.timeline.outcome = run.outcome ?? { status: 'active', raw_msg: null }
      created.timeline.includesRun = true
    }
    this.#created.push({ id, payload })
    return json(200, { success: true, data: { success: true, data: { new_pipeline_id: id } } }, 'ok')
  }

  #unauthorized(): Answer {
    switch (this.#authFailure) {
      case '403-html':
        return { status: 403, headers: { 'content-type': HTML_TYPE }, body: errorPage(403, 'Forbidden'), outcome: 'unauthorized' }
      case '200-success-false':
        return { status: 200, headers: { 'content-type': JSON_TYPE }, body: INVALID_TOKEN_BODY, outcome: 'unauthorized' }
      case '401-json':
        return { status: 401, headers: { 'content-type': JSON_TYPE }, body: INVALID_TOKEN_BODY, outcome: 'unauthorized' }
    }
  }

  #rateLimited(seconds?: number): Answer {
    return { status: 200, headers: { 'content-type': JSON_TYPE }, body: rateLimitBody(seconds), outcome: 'rate_limited' }
  }

  #takeFault(phase: 'before' | 'after', method: string, path: string, kind: RequestKind): Fault | undefined {
    const hit = this.#faults.find((f) => faultPhase(f.fault) === phase && faultMatches(f, method, path, kind))
    if (hit === undefined) return undefined
    hit.remaining--
    hit.fired++
    return hit.fault
  }

  #faultBefore(fault: Fault): Answer {
    const base = { outcome: 'fault' as const, fault: fault.type }
    switch (fault.type) {
      case 'http': {
        const body = fault.body ?? errorPage(fault.status, HTTP_TITLES[fault.status] ?? 'Error')
        return { ...base, status: fault.status, headers: { 'content-type': fault.contentType ?? HTML_TYPE }, body }
      }
      case 'rate-limit':
        return { ...this.#rateLimited(fault.seconds), fault: fault.type }
      case 'redirect':
        return { ...base, status: fault.status, headers: { location: fault.location, 'content-type': HTML_TYPE }, body: '' }
      case 'huge':
        return {
          ...base,
          status: 200,
          headers: { 'content-type': JSON_TYPE },
          body: hugeJson(fault.bytes),
          ...(fault.chunked ? { chunked: true } : {}),
        }
      case 'reset':
      case 'hang':
        return { ...base, status: 0, headers: {}, body: '', action: fault.type }
      default:
        throw new Error(`fault ${fault.type} is not a 'before' fault`)
    }
  }

  #faultAfter(fault: Fault, answer: Answer): Answer {
    const base = { outcome: 'fault' as const, fault: fault.type }
    switch (fault.type) {
      case 'status':
        return { ...base, status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(fault.value) ?? 'null' }
      case 'truncate':
      case 'stall':
        return { ...answer, ...base, action: fault.type }
      case 'delay':
        return { ...answer, ...base, delayMs: fault.ms }
      case 'apply-then':
        if (fault.then === 'http-500')
          return { ...base, status: 500, headers: { 'content-type': HTML_TYPE }, body: errorPage(500, 'Internal Server Error') }
        if (fault.then === 'garbage') return { ...base, status: 200, headers: { 'content-type': JSON_TYPE }, body: GARBAGE_BODY }
        return { ...base, status: 0, headers: {}, body: '', action: fault.then }
      default:
        throw new Error(`fault ${fault.type} is not an 'after' fault`)
    }
  }

  /** Folds a finished timeline into the resting status. */
  #settle(e: Entity & { kubo_status_type?: string; spec?: { id: number } }, now: number): void {
    if (e.timeline === null || phaseAt(e.timeline, now) !== undefined) return
    const outcome: RestingStatus = e.timeline.outcome
    const ranPipeline = e.timeline.includesRun && e.kubo_status_type === undefined
    // Once every phase is over, `start` is when the last one ended: the run's end.
    const endedAt = e.timeline.start
    e.status = outcome.status
    e.raw_msg = outcome.raw_msg
    if (outcome.kubo_status_type !== undefined && e.kubo_status_type !== undefined) e.kubo_status_type = outcome.kubo_status_type
    e.timeline = null
    if (ranPipeline && e.spec) this.#pipelineRunEnded(e.spec.id, endedAt, now)
  }

  #current(
    e: Entity & { kubo_status_type?: string; spec?: ModelSpec | PipelineSpec },
    now: number,
  ): { status: string; raw_msg: string | null } {
    // A model read before its pipelines: their runs' ends, due by now, start it first.
    const after = e.spec && 'after' in e.spec ? e.spec.after : undefined
    for (const id of after?.pipelines ?? []) {
      const p = this.#pipelines.get(id)
      if (p) this.#settle(p, now)
    }
    this.#settle(e, now)
    const phase = e.timeline === null ? undefined : phaseAt(e.timeline, now)
    return phase ?? { status: e.status, raw_msg: e.raw_msg }
  }

  /**
   * The status a read answers, counted against a phase that lasts a number of reads. It counts
   * once Kondado has answered, even if a fault then spoils the answer on its way back.
   */
  #read(e: Entity & { kubo_status_type?: string }, now: number): { status: string; raw_msg: string | null } {
    const current = this.#current(e, now)
    if (e.timeline !== null) countRead(e.timeline, now)
    return current
  }

  #pipeline(id: number): PipelineState {
    const p = this.#pipelines.get(id)
    if (p === undefined) throw new Error(`simulator: no pipeline ${id}`)
    return p
  }

  #model(id: number): ModelState {
    const m = this.#models.get(id)
    if (m === undefined) throw new Error(`simulator: no model ${id}`)
    return m
  }
}
