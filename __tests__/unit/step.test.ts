import { describe, expect, test } from '@jest/globals'
import { VirtualClock } from '../../harness/virtual-clock.ts'
import { composeStep } from '../../src/core/index.ts'
import type { HttpRequest } from '../../src/core/http.ts'
import { Problem } from '../../src/core/problem.ts'
import type { DuplicateRequest, ResourceRef, ResourceReport, StepEvent, StepReport, StepSettings } from '../../src/core/vocabulary.ts'
import { en } from '../../src/messages/en.ts'
import { ptBR } from '../../src/messages/pt-BR.ts'
import { KondadoModel, type RequestLogEntry } from '../../simulator/index.ts'
import { modelTransport } from '../../simulator/transport.ts'
import { RUN_SETTINGS, snap } from './helpers.ts'
import { executeStep, statusOnce } from '../../src/core/step.ts'
import { fakeRun } from './fake-run.ts'
import type { KondadoClient } from '../../src/core/kondado-client.ts'

const KEY = 'key-1'
const TOKEN = 'tök en+/%'
const MINUTE = 60_000
const BASE_URL = new URL('https://k2.kondado.com.br')

const SETTINGS = RUN_SETTINGS
const settings = (over: Partial<StepSettings>): StepSettings => ({ ...SETTINGS, ...over }) as StepSettings

interface RunOptions {
  token?: string
  signal?: AbortSignal
  onEvent?: (event: StepEvent) => void
  /** Called before the model sees each request; may throw to stand for a failed exchange. */
  beforeRequest?: (req: HttpRequest) => void
  /** Send times of an earlier step on the key. */
  sentBefore?: readonly number[]
}

/**
 * The real composition root (client, scheduler, step) over the simulator's pure model, all in virtual time. The model
 * enforces Kondado's rate limits, so a test also shows the step never goes over them.
 */
function harness() {
  const clock = new VirtualClock(0)
  const model = new KondadoModel({ key: KEY, token: TOKEN, clock, duplicate: { firstId: 900001, buildingTablesMs: 3_000 } })

  async function run(step: StepSettings, options: RunOptions = {}): Promise<{ report: StepReport; events: StepEvent[] }> {
    const { signal } = options
    const transport = modelTransport(model, options.beforeRequest ? { beforeRequest: options.beforeRequest } : {})
    const events: StepEvent[] = []
    const { report } = await composeStep(
      { settings: step, requestsPerMinute: 20, credentials: { key: KEY, token: options.token ?? TOKEN }, baseUrl: BASE_URL, transport },
      {
        clock,
        random: () => 0.5,
        ...(signal ? { signal } : {}),
        ...(options.sentBefore ? { sentBefore: options.sentBefore } : {}),
        onEvent: (event) => {
          events.push(event)
          options.onEvent?.(event)
        },
      },
    )
    return { report, events }
  }

  /** A request made by hand, as another tool sharing the key would. */
  function direct(method: string, path: string): void {
    model.handle({ method, path, query: new URLSearchParams({ key: KEY, token: TOKEN }), body: '' })
    clock.advance(1_100)
  }

  const log = (): RequestLogEntry[] => model.log
  const reads = (): RequestLogEntry[] => model.log.filter((e) => e.method === 'GET')
  const posts = (): RequestLogEntry[] => model.log.filter((e) => e.method === 'POST')
  return { clock, model, run, direct, log, reads, posts }
}

const only = (report: StepReport): ResourceReport => {
  expect(report.resources).toHaveLength(1)
  return report.resources[0] as ResourceReport
}
const statuses = (events: readonly StepEvent[]): string[] => events.flatMap((e) => (e.type === 'status' ? [e.snapshot.status] : []))
const types = (events: readonly StepEvent[]): string[] => events.map((e) => (e.type === 'status' ? `status:${e.snapshot.status}` : e.type))
const at = (log: readonly RequestLogEntry[]): string[] => log.map((e) => `${e.at} ${e.method} ${e.path}`)
const neverRateLimited = (log: readonly RequestLogEntry[]): void => expect(log.filter((e) => e.outcome === 'rate_limited')).toEqual([])

describe('run', () => {
  test('an idle pipeline: read, one trigger, seen to start, waited for, healthy', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 10_000 } })
    const { report, events } = await h.run(SETTINGS)
    expect(only(report)).toMatchObject({
      resource: { kind: 'pipeline', id: 2040 },
      verdict: 'healthy',
      snapshot: { status: 'active', rawMsg: null },
    })
    expect(report).toMatchObject({ command: 'run', cancelled: false })
    expect(h.log().map((e) => [e.at, e.method])).toEqual([
      [0, 'GET'],
      [1_100, 'POST'],
      [2_200, 'GET'],
      // One resource's share of 20 requests per 61 s: 3.05 s, just over poll-interval.
      [5_250, 'GET'],
      [8_300, 'GET'],
      [11_350, 'GET'],
      [14_400, 'GET'],
      [16_400, 'GET'],
    ])
    expect(h.model.runCount(2040)).toBe(1)
    expect(report.elapsedMs).toBe(16_400)
    // One status event per change, not per read.
    expect(types(events)).toEqual([
      'status:active',
      'triggered',
      'status:scheduled',
      'run-seen',
      'status:running',
      'status:active',
      'settled',
    ])
    neverRateLimited(h.log())
  })

  test('wait: false returns once the run is seen to start', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 600_000 } })
    const { report } = await h.run(settings({ wait: false }))
    expect(only(report)).toMatchObject({ verdict: 'started', snapshot: { status: 'scheduled' } })
    expect(h.log()).toHaveLength(3)
    expect(report.elapsedMs).toBe(2_200)
  })

  test('wait: false on a pipeline already running returns at once, without a trigger', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, status: 'running' })
    const { report } = await h.run(settings({ wait: false }))
    expect(only(report)).toMatchObject({ verdict: 'started', alreadyRunning: true, snapshot: { status: 'running' } })
    expect(h.posts()).toEqual([])
    expect(h.log()).toHaveLength(1)
  })

  test('a run that ends with an error message is unhealthy', async () => {
    const h = harness()
    h.model.addPipeline({
      id: 2041,
      run: { queuedMs: 2_000, runningMs: 10_000, outcome: { status: 'active', raw_msg: 'Could not connect to the source' } },
    })
    const { report } = await h.run(settings({ pipelineIds: [2041] }))
    expect(only(report)).toMatchObject({ verdict: 'unhealthy', snapshot: { status: 'active', rawMsg: 'Could not connect to the source' } })
  })

  test('a trigger Kondado refuses is an error with its reason, sent once, and the status read is kept', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, plan: 'essentials' })
    const { report } = await h.run(SETTINGS)
    const r = only(report)
    expect(r.verdict).toBe('error')
    expect(r.problem?.code).toBe('rejected')
    expect(r.problem?.details.excerpt).toContain('Essentials')
    expect(h.posts()).toHaveLength(1)
    expect(r.snapshot?.status).toBe('active')
  })

  test('a run that never shows within the start window is not-started', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { startDelayMs: 10 * MINUTE } })
    const { report } = await h.run(settings({ polling: { ...SETTINGS.polling, startTimeoutMs: 30_000 } }))
    expect(only(report)).toMatchObject({ verdict: 'not-started', snapshot: { status: 'active' } })
    expect(only(report).triggerUnconfirmed).toBeUndefined()
    // The window opens with the trigger (sent at 1.1 s, after the scheduler's gap), not with the
    // read before it; its last read comes at its end, give or take the 1.1 s gap between requests.
    const last = h.reads().at(-1)?.at ?? 0
    expect(last).toBeGreaterThanOrEqual(1_100 + 30_000)
    expect(last).toBeLessThanOrEqual(1_100 + 30_000 + 1_100)
  })

  test('several pipelines: each is read once right after its trigger, before the next trigger', async () => {
    const h = harness()
    for (const id of [1, 2, 3]) h.model.addPipeline({ id, run: { queuedMs: 2_000, runningMs: 5_000 } })
    const { report } = await h.run(settings({ pipelineIds: [1, 2, 3] }))
    expect(report.resources.map((r) => [r.resource.id, r.verdict])).toEqual([
      [1, 'healthy'],
      [2, 'healthy'],
      [3, 'healthy'],
    ])
    expect(
      h
        .log()
        .slice(0, 9)
        .map((e) => `${e.method} ${e.id}`),
    ).toEqual(['GET 1', 'POST 1', 'GET 1', 'GET 2', 'POST 2', 'GET 2', 'GET 3', 'POST 3', 'GET 3'])
    expect(h.posts()).toHaveLength(3)
    neverRateLimited(h.log())
  })
})

describe('run on a pipeline that is already running', () => {
  function busy() {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 10_000 } })
    h.direct('POST', '/pipelines/2040/run') // someone else's run, from t=0 to t=12 s
    return h
  }

  test('if-running wait: no POST, that run is waited for and judged', async () => {
    const h = busy()
    const { report, events } = await h.run(SETTINGS)
    expect(only(report)).toMatchObject({ verdict: 'healthy', alreadyRunning: true, snapshot: { status: 'active' } })
    expect(h.posts()).toHaveLength(1)
    expect(h.model.runRequests(2040)).toBe(1)
    expect(types(events).slice(0, 2)).toEqual(['status:scheduled', 'already-running'])
    expect(events.some((e) => e.type === 'triggered')).toBe(false)
  })

  test('if-running fail: one read, no POST, verdict already-running', async () => {
    const h = busy()
    const { report } = await h.run(settings({ ifRunning: 'fail' }))
    expect(only(report)).toMatchObject({ verdict: 'already-running', alreadyRunning: true, snapshot: { status: 'scheduled' } })
    expect(h.reads()).toHaveLength(1)
    expect(h.posts()).toHaveLength(1)
  })

  test('if-running rerun: waits for the run to end, then triggers a fresh one and waits for it', async () => {
    const h = busy()
    const { report, events } = await h.run(settings({ ifRunning: 'rerun' }))
    const r = only(report)
    expect(r.verdict).toBe('healthy')
    expect(r.alreadyRunning).toBeUndefined()
    expect(h.model.runCount(2040)).toBe(2)
    const ours = h.posts()[1] as RequestLogEntry
    expect(ours.at).toBeGreaterThanOrEqual(12_000)
    expect(events.filter((e) => e.type === 'triggered')).toHaveLength(1)
    expect(h.reads().at(-1)?.at).toBeGreaterThanOrEqual(ours.at + 12_000)
  })
})

describe('a trigger whose answer is lost', () => {
  test('applied, then the connection reset: no second POST, the run is seen, healthy', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 10_000 } })
    h.model.inject({ type: 'apply-then', then: 'reset' }, { match: { kind: 'run' } })
    const { report, events } = await h.run(SETTINGS)
    expect(only(report)).toMatchObject({ verdict: 'healthy', triggerUnconfirmed: true })
    expect(h.posts()).toHaveLength(1)
    expect(h.model.runCount(2040)).toBe(1)
    expect(types(events)).toContain('trigger-unconfirmed')
    expect(types(events)).not.toContain('triggered')
    expect(types(events)).toContain('run-seen')
  })

  test.each(['http-500', 'garbage'] as const)('applied, then answered with %s: the same', async (then) => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 10_000 } })
    h.model.inject({ type: 'apply-then', then }, { match: { kind: 'run' } })
    const { report } = await h.run(SETTINGS)
    expect(only(report)).toMatchObject({ verdict: 'healthy', triggerUnconfirmed: true })
    expect(h.posts()).toHaveLength(1)
  })

  test('never applied (reset before): no second POST, no run seen, not-started with the outcome unknown', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 10_000 } })
    h.model.inject({ type: 'reset' }, { match: { kind: 'run' } })
    const { report } = await h.run(SETTINGS)
    expect(only(report)).toMatchObject({ verdict: 'not-started', triggerUnconfirmed: true, snapshot: { status: 'active' } })
    expect(h.posts()).toHaveLength(1)
    expect(h.model.runCount(2040)).toBe(0)
    // The start window is counted from the trigger.
    expect(report.elapsedMs).toBeGreaterThanOrEqual(1_100 + 120_000)
  })
})

describe('status', () => {
  test('one read per resource; running counts as healthy; models judged with their kubo type', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040 })
    h.model.addPipeline({ id: 2042, status: 'too_many_consecutive_failed_builds__blocked', raw_msg: 'disabled after 10 failures' })
    h.model.addPipeline({ id: 2044, run: { queuedMs: 0, runningMs: 10 * MINUTE } })
    h.model.addPipeline({ id: 2045, script: [{ status: 'paused' }] })
    h.model.addModel({ id: 162 })
    h.model.addModel({ id: 163, kubo_status_type: 'rebuilding' })
    h.direct('POST', '/pipelines/2044/run')
    const { report, events } = await h.run(settings({ command: 'status', pipelineIds: [2040, 2042, 2044, 2045], modelIds: [162, 163] }))
    expect(report.resources.map((r) => [r.resource.kind, r.resource.id, r.verdict, r.snapshot?.status])).toEqual([
      ['pipeline', 2040, 'healthy', 'active'],
      ['pipeline', 2042, 'unhealthy', 'too_many_consecutive_failed_builds__blocked'],
      ['pipeline', 2044, 'healthy', 'running'],
      ['pipeline', 2045, 'unknown-status', 'paused'],
      ['model', 162, 'healthy', 'active'],
      ['model', 163, 'unhealthy', 'active'],
    ])
    expect(h.reads()).toHaveLength(6)
    expect(h.posts()).toHaveLength(1) // the one made by hand
    expect(events.filter((e) => e.type === 'settled')).toHaveLength(6)
    neverRateLimited(h.log())
  })

  test('a resource that cannot be read is an error; the others are still read', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040 })
    const { report } = await h.run(settings({ command: 'status', pipelineIds: [999, 2040] }))
    expect(report.resources.map((r) => [r.resource.id, r.verdict, r.problem?.code])).toEqual([
      [999, 'error', 'not-found'],
      [2040, 'healthy', undefined],
    ])
  })
})

describe('wait', () => {
  test('several resources, each ending at its own time', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 2 * MINUTE } })
    h.model.addPipeline({
      id: 2041,
      run: { queuedMs: 2_000, runningMs: 5 * MINUTE, outcome: { status: 'active', raw_msg: 'Destination refused the load' } },
    })
    h.model.addModel({ id: 164, run: { queuedMs: 0, runningMs: 2 * MINUTE } })
    h.direct('POST', '/pipelines/2040/run') // runs until 122 s
    h.direct('POST', '/pipelines/2041/run') // runs until 303.1 s
    // Let the hand-made requests leave Kondado's one-minute window, so the step has the whole budget.
    h.clock.advance(61_000)
    const start = h.clock.now()
    h.model.startModelRun(164) // runs until start + 120 s
    const { report } = await h.run(settings({ command: 'wait', pipelineIds: [2040, 2041], modelIds: [164] }))
    const [p1, p2, m] = report.resources as [ResourceReport, ResourceReport, ResourceReport]
    expect([p1.verdict, p2.verdict, m.verdict]).toEqual(['healthy', 'unhealthy', 'healthy'])
    expect(p2.snapshot?.rawMsg).toBe('Destination refused the load')
    expect(m.snapshot?.kuboStatusType).toBe('operational')
    // Each verdict comes after its own run ended, and the short ones do not wait for the long one.
    expect(start + p1.elapsedMs).toBeGreaterThanOrEqual(122_000)
    expect(start + m.elapsedMs).toBeGreaterThanOrEqual(start + 2 * MINUTE)
    expect(start + p2.elapsedMs).toBeGreaterThanOrEqual(303_100)
    expect(p1.elapsedMs).toBeLessThan(m.elapsedMs)
    expect(m.elapsedMs).toBeLessThan(p2.elapsedMs)
    expect(p2.elapsedMs - (303_100 - start)).toBeLessThan(60_000)
    neverRateLimited(h.log())
    expect(h.posts()).toHaveLength(2)
  })

  test('an idle resource is judged on two identical reads', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2043, status: 'not_active' })
    const { report } = await h.run(settings({ command: 'wait', pipelineIds: [2043] }))
    expect(only(report).verdict).toBe('unhealthy')
    expect(h.reads()).toHaveLength(2)
  })

  test('a model whose kubo type changes is logged on the change', async () => {
    const h = harness()
    h.model.addModel({
      id: 163,
      kubo_status_type: 'rebuilding',
      script: [
        { status: 'active', kubo_status_type: 'rebuilding' },
        { status: 'active', kubo_status_type: 'operational' },
        { status: 'active', kubo_status_type: 'operational' },
      ],
    })
    const { report, events } = await h.run(settings({ command: 'wait', pipelineIds: [], modelIds: [163] }))
    expect(only(report).verdict).toBe('healthy')
    const kubos = events.flatMap((e) => (e.type === 'status' ? [e.snapshot.kuboStatusType] : []))
    expect(kubos).toEqual(['rebuilding', 'operational'])
  })

  test('a rate limit hit by another job sharing the key is waited out', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 10_000 } })
    h.model.inject({ type: 'rate-limit' }, { match: { kind: 'pipeline-status' } })
    const { report } = await h.run(SETTINGS)
    expect(only(report).verdict).toBe('healthy')
    const [limited, next] = h.log() as [RequestLogEntry, RequestLogEntry]
    expect(limited.outcome).toBe('rate_limited')
    expect(next.at - limited.at).toBeGreaterThanOrEqual(60_000)
    expect(h.posts()).toHaveLength(1)
  })
})

describe('timeout', () => {
  test('a run longer than the timeout: timed-out, with the last status kept, and no read after the deadline', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 10 * 60 * MINUTE } })
    h.direct('POST', '/pipelines/2040/run')
    const start = h.clock.now()
    const timeoutMs = 5 * MINUTE
    const { report } = await h.run(settings({ command: 'wait', timeoutMs }))
    expect(only(report)).toMatchObject({ verdict: 'timed-out', snapshot: { status: 'running' } })
    expect(report.elapsedMs).toBeLessThanOrEqual(timeoutMs)
    // The final read is taken just before the deadline, so its answer is in time.
    expect(h.reads().at(-1)?.at).toBe(start + timeoutMs - 1_500)
    expect(h.log().every((e) => e.at <= start + timeoutMs)).toBe(true)
  })

  test('several long resources all time out before the deadline', async () => {
    const h = harness()
    for (const id of [1, 2, 3]) h.model.addPipeline({ id, run: { queuedMs: 0, runningMs: 10 * 60 * MINUTE } })
    for (const id of [1, 2, 3]) h.direct('POST', `/pipelines/${id}/run`)
    const start = h.clock.now()
    const { report } = await h.run(settings({ command: 'wait', pipelineIds: [1, 2, 3], timeoutMs: 2 * MINUTE }))
    expect(report.resources.map((r) => [r.verdict, r.snapshot?.status])).toEqual([
      ['timed-out', 'running'],
      ['timed-out', 'running'],
      ['timed-out', 'running'],
    ])
    expect(h.log().every((e) => e.at <= start + 2 * MINUTE)).toBe(true)
    expect(h.clock.now()).toBeLessThanOrEqual(start + 2 * MINUTE)
  })
})

describe('refused credentials stop all reads', () => {
  test('wait: one refused read settles every resource', async () => {
    const h = harness()
    h.model.addPipeline({ id: 1 })
    h.model.addPipeline({ id: 2 })
    h.model.addModel({ id: 3 })
    const { report } = await h.run(settings({ command: 'wait', pipelineIds: [1, 2], modelIds: [3] }), { token: 'wrong' })
    expect(report.resources.map((r) => [r.verdict, r.problem?.code])).toEqual([
      ['error', 'credentials-refused'],
      ['error', 'credentials-refused'],
      ['error', 'credentials-refused'],
    ])
    expect(h.log()).toHaveLength(1)
  })

  test('status: one refused read settles every resource', async () => {
    const h = harness()
    h.model.addPipeline({ id: 1 })
    h.model.addPipeline({ id: 2 })
    h.model.addModel({ id: 3 })
    const { report } = await h.run(settings({ command: 'status', pipelineIds: [1, 2], modelIds: [3] }), { token: 'wrong' })
    expect(report.resources.map((r) => r.problem?.code)).toEqual(['credentials-refused', 'credentials-refused', 'credentials-refused'])
    expect(h.log()).toHaveLength(1)
  })

  test('run: one refused read, no trigger, every pipeline settled', async () => {
    const h = harness()
    h.model.addPipeline({ id: 1 })
    h.model.addPipeline({ id: 2 })
    const { report } = await h.run(settings({ pipelineIds: [1, 2] }), { token: 'wrong' })
    expect(report.resources.map((r) => r.problem?.code)).toEqual(['credentials-refused', 'credentials-refused'])
    expect(h.posts()).toHaveLength(0)
    expect(h.log()).toHaveLength(1)
  })
})

describe('a 403 on one resource', () => {
  test("is that resource's failure only: a token may see some pipelines and not others", async () => {
    const h = harness()
    for (const id of [1, 2040, 2041]) h.model.addPipeline({ id })
    h.model.inject(
      { type: 'http', status: 403, body: '<html>Forbidden</html>', contentType: 'text/html' },
      { match: { path: '/pipelines/1/status' } },
    )
    const { report } = await h.run(settings({ command: 'status', pipelineIds: [1, 2040, 2041] }))
    expect(report.resources.map((r) => [r.resource.id, r.verdict, r.problem?.code])).toEqual([
      [1, 'error', 'credentials-refused'],
      [2040, 'healthy', undefined],
      [2041, 'healthy', undefined],
    ])
    expect(h.reads()).toHaveLength(3)
  })
})

describe('a POST the deadline stops before it is sent', () => {
  test('run: no POST, and the report does not claim a lost trigger', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040 })
    // The first read takes the first slot; 1.1 s later too little time is left to send the POST.
    const { report } = await h.run(settings({ timeoutMs: 3_500 }))
    expect(h.posts()).toHaveLength(0)
    expect(only(report).triggerUnconfirmed).toBeUndefined()
    expect(only(report)).toMatchObject({ verdict: 'timed-out', problem: { code: 'deadline' } })
  })

  test('duplicate: no POST, and the outcome is known: nothing was created', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040 })
    const duplicate: DuplicateRequest = {
      basePipelineId: 2040,
      sourceCollectionId: 1,
      destinationCollectionId: 2,
      fullTables: { '': 'x' },
      runAtOnce: false,
    }
    const { report } = await h.run(settings({ command: 'duplicate', duplicate, timeoutMs: 2_000 }))
    expect(h.posts()).toHaveLength(0)
    expect(report).toMatchObject({ outcomeUnknown: false, problem: { code: 'deadline' } })
  })
})

describe('duplicate', () => {
  const REQUEST: DuplicateRequest = {
    basePipelineId: 2040,
    sourceCollectionId: 877291,
    destinationCollectionId: 678910,
    fullTables: { '': 'orders_prod', statuses: 'statuses_prod' },
    runAtOnce: false,
  }
  const dup = (over: Partial<DuplicateRequest> = {}, step: Partial<StepSettings> = {}): StepSettings =>
    settings({ command: 'duplicate', duplicate: { ...REQUEST, ...over }, ...step })
  const base = () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, tablePaths: ['', 'statuses'], run: { queuedMs: 2_000, runningMs: 10_000 } })
    return h
  }

  test('without execute_immediately: waits for the table build, no run', async () => {
    const h = base()
    const { report, events } = await h.run(dup())
    expect(report.newPipelineId).toBe(900001)
    expect(only(report)).toMatchObject({ resource: { kind: 'pipeline', id: 900001 }, verdict: 'healthy', snapshot: { status: 'active' } })
    expect(statuses(events)).toEqual(['building_tables', 'active'])
    expect(events[0]).toEqual({ type: 'created', baseId: 2040, newId: 900001 })
    expect(h.posts()).toHaveLength(1)
    expect(h.model.duplicatePayload(900001)).toEqual({
      pipeline_id: 2040,
      src_collection_id: 877291,
      dest_collection_id: 678910,
      full_tables: { '': 'orders_prod', statuses: 'statuses_prod' },
      execute_immediately: 'N',
    })
    expect(h.model.runCount(900001)).toBe(0)
  })

  test('with execute_immediately: the run is seen and waited for', async () => {
    const h = base()
    const { report, events } = await h.run(dup({ runAtOnce: true }))
    expect(only(report)).toMatchObject({ verdict: 'healthy', snapshot: { status: 'active' } })
    expect(statuses(events)).toContain('running')
    expect(types(events)).toContain('run-seen')
    expect(h.posts()).toHaveLength(1)
  })

  test('wait: false reports created without reading', async () => {
    const h = base()
    const { report } = await h.run(dup({}, { wait: false }))
    expect(only(report)).toMatchObject({ verdict: 'created', resource: { id: 900001 } })
    expect(report.newPipelineId).toBe(900001)
    expect(h.log()).toHaveLength(1)
  })

  test('a refused duplicate is a step problem, not an unknown outcome', async () => {
    const h = base()
    const { report } = await h.run(dup({ fullTables: { '': 'orders_prod' } }))
    expect(report.resources).toEqual([])
    expect(report.problem?.code).toBe('rejected')
    expect(report.outcomeUnknown).toBe(false)
    expect(report.newPipelineId).toBeUndefined()
  })

  test.each(['http-500', 'reset'] as const)('created but answered with %s: outcome unknown, never sent twice', async (then) => {
    const h = base()
    h.model.inject({ type: 'apply-then', then }, { match: { kind: 'duplicate' } })
    const { report } = await h.run(dup())
    expect(report.outcomeUnknown).toBe(true)
    expect(report.resources).toEqual([])
    expect(h.posts()).toHaveLength(1)
    expect(h.model.createdPipelineIds()).toEqual([900001])
  })
})

describe('cancellation', () => {
  test('an abort while waiting stops the reads and keeps the last status', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 10 * MINUTE } })
    const controller = new AbortController()
    let readsAtAbort = -1
    const { report } = await h.run(SETTINGS, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'status' && event.snapshot.status === 'running') {
          readsAtAbort = h.log().length
          controller.abort(new Error('cancelled'))
        }
      },
    })
    expect(report.cancelled).toBe(true)
    expect(only(report)).toMatchObject({ verdict: 'cancelled', snapshot: { status: 'running' } })
    expect(h.log()).toHaveLength(readsAtAbort)
    expect(h.clock.now()).toBeLessThan(MINUTE)
  })

  test('an abort during a read ends as cancelled, not as an error', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 10 * MINUTE } })
    const controller = new AbortController()
    let count = 0
    const { report } = await h.run(SETTINGS, {
      signal: controller.signal,
      beforeRequest: () => {
        if (++count === 5) {
          controller.abort(new Error('cancelled'))
          throw controller.signal.reason
        }
      },
    })
    expect(report.cancelled).toBe(true)
    expect(only(report).verdict).toBe('cancelled')
    expect(only(report).problem).toBeUndefined()
    expect(h.log()).toHaveLength(4)
  })

  test('an abort while the run POST is in flight: it may have been applied, and the report says so', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040 })
    const controller = new AbortController()
    const { report } = await h.run(SETTINGS, {
      signal: controller.signal,
      beforeRequest: (req) => {
        if (req.method === 'POST') {
          controller.abort(new Error('cancelled'))
          throw controller.signal.reason
        }
      },
    })
    expect(only(report)).toMatchObject({ verdict: 'cancelled', triggerUnconfirmed: true })
  })

  test('an abort before a status check reads nothing', async () => {
    const h = harness()
    h.model.addPipeline({ id: 1 })
    h.model.addPipeline({ id: 2 })
    const controller = new AbortController()
    controller.abort(new Error('cancelled'))
    const { report } = await h.run(settings({ command: 'status', pipelineIds: [1, 2] }), { signal: controller.signal })
    expect(report.resources.map((r) => r.verdict)).toEqual(['cancelled', 'cancelled'])
    expect(report.cancelled).toBe(true)
    expect(h.log()).toEqual([])
  })
})

describe('a bug is a bug, not a network problem', () => {
  const typeError = (req: HttpRequest): never => {
    throw new TypeError(`cannot read ${req.url.href}`)
  }

  test("a transport that throws a TypeError yields an internal error naming it, in the user's language, without its message", async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040 })
    const { report } = await h.run(settings({ command: 'status' }), { beforeRequest: typeError })
    expect(only(report)).toMatchObject({ verdict: 'error', problem: { code: 'internal', details: { errorName: 'TypeError' } } })
    const problem = only(report).problem as Problem
    expect(en.problem(problem.code, problem.details, 'pipeline 2040')).toBe(
      "The Kondado action itself failed (TypeError) while working on pipeline 2040: a bug, not an answer from Kondado. Please report this at the action's repository.",
    )
    expect(ptBR.problem(problem.code, problem.details, 'pipeline 2040')).toBe(
      'A própria action da Kondado falhou (TypeError) ao tratar o pipeline 2040: é um bug da action, não uma resposta da Kondado. Por favor, abra uma issue no repositório da action.',
    )
    expect(en.problemLabel(problem.code, problem.details)).toBe('internal error, TypeError')
  })

  test('a bug during a wait is not retried and ends that resource with the internal error', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, status: 'running' })
    const { report } = await h.run(settings({ command: 'wait' }), { beforeRequest: typeError })
    expect(only(report)).toMatchObject({ verdict: 'error', problem: { code: 'internal' } })
    expect(h.log()).toEqual([])
  })
})

describe('run with models: each judged on its next run, after the pipelines', () => {
  const withModel = (over: Partial<StepSettings> = {}): StepSettings => settings({ modelIds: [165], ...over })

  test('held, never read, while the pipeline runs; then seen busy and at rest again', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 4_000 } })
    h.model.addModel({ id: 165, run: { queuedMs: 1_000, runningMs: 5_000 }, after: { pipelines: [2040], delayMs: 3_000 } })
    const { report, events } = await h.run(withModel())
    expect(report.resources.map((r) => [r.resource.id, r.verdict, r.nextRun])).toEqual([
      [2040, 'healthy', undefined],
      [165, 'healthy', true],
    ])
    // The pipeline at its usual pace; the model (run by Kondado 3 s after the pipeline's end, at 7.1 s)
    // first read 1.1 s after the pipeline's verdict.
    expect(at(h.log())).toEqual([
      '0 GET /pipelines/2040/status',
      '1100 POST /pipelines/2040/run',
      '2200 GET /pipelines/2040/status',
      '5250 GET /pipelines/2040/status',
      '8300 GET /pipelines/2040/status',
      '10300 GET /pipelines/2040/status',
      '11400 GET /models/165/status',
      '14450 GET /models/165/status',
      '17500 GET /models/165/status',
      '19500 GET /models/165/status',
    ])
    expect(types(events)).toEqual([
      'status:active',
      'triggered',
      'status:scheduled',
      'run-seen',
      'status:running',
      'status:active',
      'settled',
      'awaiting-next',
      'status:running',
      'run-seen',
      'status:active',
      'settled',
    ])
    expect(report.resources[1]).toMatchObject({ elapsedMs: 19_500, snapshot: { status: 'active', kuboStatusType: 'operational' } })
    neverRateLimited(h.log())
  })

  test('a pipeline that fails: the model is not waited for, and never read', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 4_000, outcome: { status: 'active', raw_msg: 'boom' } } })
    h.model.addModel({ id: 165, after: { pipelines: [2040] } })
    const { report } = await h.run(withModel())
    expect(report.resources.map((r) => [r.resource.id, r.verdict])).toEqual([
      [2040, 'unhealthy'],
      [165, 'not-waited'],
    ])
    expect(report.resources[1]).toEqual({ resource: { kind: 'model', id: 165 }, verdict: 'not-waited', elapsedMs: 10_300, nextRun: true })
    expect(h.reads().filter((e) => e.kind === 'model-status')).toEqual([])
  })

  test('a model that never starts: read at its share of the budget, the last read at the window end, then not-started', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 4_000 } })
    h.model.addModel({ id: 166 })
    const { report } = await h.run(settings({ modelIds: [166], modelStartTimeoutMs: 20_000 }))
    expect(report.resources[1]).toMatchObject({ verdict: 'not-started', nextRun: true, snapshot: { status: 'active' } })
    // From the pipeline's verdict at 10.3 s: every 3.05 s (one resource's share), then a quarter of
    // the window's age, the last read right at its end, 20 s on.
    expect(at(h.reads().filter((e) => e.kind === 'model-status'))).toEqual([
      '11400 GET /models/166/status',
      '14450 GET /models/166/status',
      '17500 GET /models/166/status',
      '20550 GET /models/166/status',
      '23600 GET /models/166/status',
      '26925 GET /models/166/status',
      '30300 GET /models/166/status',
    ])
    expect(report.resources[1]?.elapsedMs).toBe(30_300)
  })

  test('the budget is planned: with the window spent by another tool, the pipeline read waits until the model can read at once', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 2_000, runningMs: 4_000 } })
    h.model.addModel({ id: 165, run: { queuedMs: 1_000, runningMs: 60_000 }, after: { pipelines: [2040], delayMs: 0 } })
    // An earlier step on the key sent 15 requests in the last 16.5 s.
    const sentBefore = Array.from({ length: 15 }, (_, i) => i * 1_100)
    h.clock.advance(16_500)
    const { report } = await h.run(withModel(), { sentBefore })
    // 3.05 s after 18.7 s the window held 18 sends: the read waits until it has room for itself and the
    // model's three first reads (58.8 s), so the model is read 1.1 s after the pipeline's verdict.
    expect(at(h.log())).toEqual([
      '16500 GET /pipelines/2040/status',
      '17600 POST /pipelines/2040/run',
      '18700 GET /pipelines/2040/status',
      '58800 GET /pipelines/2040/status',
      '60800 GET /pipelines/2040/status',
      '61900 GET /models/165/status',
      '64950 GET /models/165/status',
      '68000 GET /models/165/status',
      '71050 GET /models/165/status',
      '74100 GET /models/165/status',
      '77150 GET /models/165/status',
      '80200 GET /models/165/status',
      '83250 GET /models/165/status',
      '86300 GET /models/165/status',
      '88300 GET /models/165/status',
    ])
    expect(report.resources.map((r) => r.verdict)).toEqual(['healthy', 'healthy'])
    neverRateLimited(h.log())
  })
})

describe('wait-for: next', () => {
  test('a resource at rest is judged only once seen busy and at rest again', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { startDelayMs: 10_000, queuedMs: 2_000, runningMs: 4_000 } })
    h.direct('POST', '/pipelines/2040/run')
    const { report, events } = await h.run(settings({ command: 'wait', waitFor: 'next' }))
    expect(only(report)).toMatchObject({ verdict: 'healthy', nextRun: true })
    // From 1.1 s: at rest three times (the last run's state: never judged), queued, running, at rest twice.
    expect(at(h.reads())).toEqual([
      '1100 GET /pipelines/2040/status',
      '4150 GET /pipelines/2040/status',
      '7200 GET /pipelines/2040/status',
      '10250 GET /pipelines/2040/status',
      '13300 GET /pipelines/2040/status',
      '16350 GET /pipelines/2040/status',
      '18350 GET /pipelines/2040/status',
    ])
    // Told as a window opened at the step's start, not after pipelines.
    expect(events[0]).toEqual({ type: 'awaiting-next', resource: { kind: 'pipeline', id: 2040 }, afterPipelines: false })
    expect(types(events)).toEqual([
      'awaiting-next',
      'status:active',
      'status:scheduled',
      'run-seen',
      'status:running',
      'status:active',
      'settled',
    ])
  })

  test('a next run never seen within start-timeout is not-started; a model gets model-start-timeout', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040 })
    h.model.addModel({ id: 162 })
    const { report } = await h.run(
      settings({
        command: 'wait',
        waitFor: 'next',
        modelIds: [162],
        polling: { ...SETTINGS.polling, startTimeoutMs: 10_000 },
        modelStartTimeoutMs: 30_000,
      }),
    )
    expect(report.resources.map((r) => [r.resource.id, r.verdict, r.elapsedMs])).toEqual([
      [2040, 'not-started', 10_000],
      [162, 'not-started', 30_000],
    ])
  })
})

describe('status after the workflow was cancelled', () => {
  test('reads nothing and reports each resource cancelled, with no problem of a read', async () => {
    const controller = new AbortController()
    controller.abort(new Error('cancelled'))
    const { run, reads } = fakeRun({ status: async () => Promise.reject(new Error('not to be read')) }, { signal: controller.signal })
    const reports = await statusOnce(run, [{ kind: 'pipeline', id: 1 }])
    expect(reads).toEqual([])
    expect(reports).toEqual([{ resource: { kind: 'pipeline', id: 1 }, verdict: 'cancelled', elapsedMs: 0 }])
  })
})

describe('run on several pipelines', () => {
  test('one that already failed does not count against the read budget of the next', async () => {
    const clock = new VirtualClock(0)
    const reads: string[] = []
    let readsOf2 = 0
    const client = {
      status: async (resource: ResourceRef) => {
        reads.push(`${resource.id}@${clock.now()}`)
        if (resource.id === 1) throw new Problem('not-found', { httpStatus: 404 })
        return readsOf2++ === 0 ? snap('active', { isRunning: false }) : snap('running', { isRunning: true })
      },
      run: async () => undefined,
    } as unknown as KondadoClient
    const report = await executeStep(
      { ...RUN_SETTINGS, pipelineIds: [1, 2], timeoutMs: 12_000 },
      { client, deadline: 12_000, clock, random: () => 0.5, readShareMs: 3_050 },
    )
    expect(report.resources.map((r) => r.verdict)).toEqual(['error', 'timed-out'])
    expect(reads).toEqual(['1@0', '2@0', '2@0', '2@3050', '2@6100', '2@9150', '2@10500'])
  })
})

describe('what run does with the state it reads first', () => {
  test('a pipeline building its tables: waited for, then triggered once, and judged on that run', async () => {
    const h = harness()
    h.model.addPipeline({
      id: 2040,
      run: { queuedMs: 1_000, runningMs: 5_000 },
      script: [{ status: 'building_tables' }, { status: 'building_tables' }],
    })
    const { report, events } = await h.run(SETTINGS)
    expect(only(report)).toMatchObject({ verdict: 'healthy', snapshot: { status: 'active' } })
    expect(report.resources[0]?.alreadyRunning).toBeUndefined()
    expect(h.model.runCount(2040)).toBe(1)
    // Two reads of the build, two of the table build's end (the second confirms it), then the trigger.
    expect(h.log().map((e) => e.method)).toEqual(['GET', 'GET', 'GET', 'GET', 'POST', 'GET', 'GET', 'GET', 'GET'])
    expect(types(events).slice(0, 5)).toEqual(['status:building_tables', 'building-tables', 'status:active', 'triggered', 'status:running'])
  })

  test('a blocked and a disabled pipeline are not triggered; the others are', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 1_000, runningMs: 3_000 } })
    h.model.addPipeline({
      id: 2042,
      status: 'too_many_consecutive_failed_builds__blocked',
      raw_msg: 'destination rejected the credentials',
    })
    h.model.addPipeline({ id: 2043, status: 'not_active' })
    const { report } = await h.run(settings({ pipelineIds: [2040, 2042, 2043] }))
    expect(h.posts().map((e) => e.path)).toEqual(['/pipelines/2040/run'])
    expect(report.resources.map((r) => [r.resource.id, r.verdict, r.notTriggered])).toEqual([
      [2040, 'healthy', undefined],
      [2042, 'unhealthy', 'blocked'],
      [2043, 'unhealthy', 'disabled'],
    ])
    expect(report.resources[1]?.snapshot?.rawMsg).toBe('destination rejected the credentials')
  })
})

describe('a key or token Kondado refuses', () => {
  test('one request; every other resource, models included, is reported as not read because of it', async () => {
    const h = harness()
    for (const id of [2040, 2041, 2042]) h.model.addPipeline({ id })
    h.model.addModel({ id: 162 })
    h.model.addModel({ id: 163 })
    const { report } = await h.run(settings({ pipelineIds: [2040, 2041, 2042], modelIds: [162, 163] }), { token: 'wrong' })
    expect(h.log()).toHaveLength(1)
    expect(report.resources.map((r) => [r.resource.id, r.verdict, r.problem?.code, r.keyRefusedBefore ?? false])).toEqual([
      [2040, 'error', 'credentials-refused', false],
      [2041, 'error', 'credentials-refused', true],
      [2042, 'error', 'credentials-refused', true],
      [162, 'error', 'credentials-refused', true],
      [163, 'error', 'credentials-refused', true],
    ])
  })

  test('status: the same, one request', async () => {
    const h = harness()
    for (const id of [2040, 2041]) h.model.addPipeline({ id })
    const { report } = await h.run(settings({ command: 'status', pipelineIds: [2040, 2041] }), { token: 'wrong' })
    expect(h.log()).toHaveLength(1)
    expect(report.resources.map((r) => r.keyRefusedBefore ?? false)).toEqual([false, true])
  })
})

describe('a quiet step says what it waits for, and until when', () => {
  test('every gap of 10 s or more between two requests is told before it begins, with its end', async () => {
    const h = harness()
    h.model.addPipeline({ id: 2040, run: { queuedMs: 5_000, runningMs: 20 * MINUTE } })
    const told: { at: number; event: StepEvent }[] = []
    await h.run(SETTINGS, { onEvent: (event) => told.push({ at: h.clock.now(), event }) })
    const quiet = told.flatMap(({ at, event }) => (event.type === 'quiet' ? [{ at, until: event.until, reason: event.reason }] : []))
    const log = h.log()
    const gaps = log.slice(1).flatMap((e, i) => (e.at - (log[i]?.at ?? 0) >= 10_000 ? [[log[i]?.at, e.at]] : []))
    expect(gaps.length).toBeGreaterThan(5)
    for (const [from, to] of gaps) {
      // Told at the start of the gap, naming the request that ends it.
      expect(quiet).toContainEqual({
        at: from,
        until: to,
        reason: { kind: 'next-read', resource: { kind: 'pipeline', id: 2040 }, open: 1, phase: 'end' },
      })
    }
    // And never for a short wait.
    for (const q of quiet) expect(q.until - q.at).toBeGreaterThanOrEqual(10_000)
  })
})
