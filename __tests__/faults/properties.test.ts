// Property-based tests: random sequences of statuses, faults and throttling, answered by a
// scripted transport in virtual time, driven through the real composition root (executeStep,
// KondadoClient, RequestScheduler), and rendered with the real log, summary and outputs.

import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { testClient } from '../../__fixtures__/kondado-client.ts'
import { seededRandom, VirtualClock } from '../../harness/virtual-clock.ts'
import { composeStep } from '../../src/core/index.ts'
import type { HttpRequest, HttpResponse, Transport } from '../../src/core/http.ts'
import { Problem } from '../../src/core/problem.ts'
import type { Command, DuplicateRequest, ResourceKind, StepReport, StepSettings } from '../../src/core/vocabulary.ts'
import { EventLog, type Logger } from '../../src/report/log.ts'
import { messagesFor } from '../../src/messages/index.ts'
import { outputsOf } from '../../src/report/outputs.ts'
import { renderSummary } from '../../src/report/summary.ts'
import { faultSuite, KEY, REQUEST_TIMEOUT_MS, secretForms, TOKEN } from './harness.ts'

const { write, name: file } = faultSuite(import.meta.filename, 'Properties')

export const SEED = 20_240_611
export const RUNS = 200

// ---- what the scripted Kondado answers ------------------------------------------------------

type ReadFault =
  | 'http-502'
  | 'html-200'
  | 'reset'
  | 'refused'
  | 'hang'
  | 'truncated'
  | 'garbage'
  | 'empty'
  | 'missing-id'
  | 'not-a-string'
  | 'refused-credentials'
type PostAnswer =
  'ok' | 'rejected' | 'throttle' | 'refused' | 'proxy-502' | 'applied-reset' | 'applied-500' | 'applied-garbage' | 'applied-hang'

interface Snapshot {
  readonly status: string
  readonly rawMsg: string | null
  readonly kubo: string
}
type Read =
  | { readonly type: 'status'; readonly snapshot: Snapshot; readonly wrapped: boolean }
  | { readonly type: 'fault'; readonly fault: ReadFault }
  | { readonly type: 'throttle'; readonly seconds: number }

interface Scenario {
  readonly command: Command
  readonly kind: ResourceKind
  readonly wait: boolean
  readonly executeImmediately: boolean
  readonly timeoutS: number
  readonly startTimeoutS: number
  readonly pollS: number
  readonly reads: readonly Read[]
  /** What every read answers once `reads` is used up. */
  readonly final: Snapshot
  readonly posts: readonly PostAnswer[]
  readonly latencyMs: number
  readonly language: 'en' | 'pt-BR'
  readonly randomSeed: number
}

/** Both secrets in every form, as a careless server might echo them. */
const ECHO = [KEY, TOKEN].flatMap((s) => secretForms(s).filter((f) => !/%[0-9a-f]{2}/.test(f.replace(/%[0-9A-F]{2}/g, '')))).join(' ')
const URL_ECHO = `GET /pipelines/1/status?${new URLSearchParams({ key: KEY, token: TOKEN }).toString()}`

/** Busy and healthy statuses come up most, so many runs reach a verdict worth checking. */
const STATUSES = [
  'running',
  'running',
  'running',
  'scheduled',
  'scheduled',
  'building_tables',
  'active',
  'active',
  'active',
  'not_active',
  'error_building_tables',
  'too_many_consecutive_failed_builds__blocked',
  'paused',
  'ACTIVE',
  'active ',
  '',
]
const RAW_MSGS: Array<string | null> = [
  null,
  null,
  null,
  null,
  null,
  null,
  '',
  'Could not connect to the source',
  `token rejected: ${ECHO}`,
  `::error::pwned\n\u001b[31m${URL_ECHO}`,
]
const KUBO = ['operational', 'operational', 'operational', 'rebuilding', 'not_published']
const READ_FAULTS: readonly ReadFault[] = [
  'http-502',
  'html-200',
  'reset',
  'refused',
  'hang',
  'truncated',
  'garbage',
  'empty',
  'missing-id',
  'not-a-string',
  'refused-credentials',
]

const snapshotArb = fc.record({
  status: fc.constantFrom(...STATUSES),
  rawMsg: fc.constantFrom(...RAW_MSGS),
  kubo: fc.constantFrom(...KUBO),
})
const healthyRest: Snapshot = { status: 'active', rawMsg: null, kubo: 'operational' }
const readArb: fc.Arbitrary<Read> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ type: fc.constant('status' as const), snapshot: snapshotArb, wrapped: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('fault' as const), fault: fc.constantFrom(...READ_FAULTS) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('throttle' as const), seconds: fc.constantFrom(1, 2, 5, 30, 60) }) },
)
const postArb = fc.constantFrom<PostAnswer>(
  'ok',
  'ok',
  'rejected',
  'throttle',
  'refused',
  'proxy-502',
  'applied-reset',
  'applied-500',
  'applied-garbage',
  'applied-hang',
)

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    command: fc.constantFrom<Command>('run', 'run', 'wait', 'wait', 'status', 'duplicate'),
    model: fc.boolean(),
    wait: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    executeImmediately: fc.boolean(),
    timeoutS: fc.integer({ min: 10, max: 600 }),
    startTimeoutS: fc.integer({ min: 3, max: 120 }),
    pollS: fc.integer({ min: 1, max: 5 }),
    reads: fc.array(readArb, { maxLength: 30 }),
    final: fc.oneof({ weight: 3, arbitrary: fc.constant(healthyRest) }, { weight: 2, arbitrary: snapshotArb }),
    posts: fc.array(postArb, { minLength: 1, maxLength: 4 }),
    latencyMs: fc.integer({ min: 0, max: 2_000 }),
    language: fc.constantFrom<'en' | 'pt-BR'>('en', 'pt-BR'),
    randomSeed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  })
  .map(({ model, ...s }) => ({ ...s, kind: model && (s.command === 'wait' || s.command === 'status') ? 'model' : 'pipeline' }))

// ---- one step, recorded ---------------------------------------------------------------------

interface Exchange {
  readonly at: number
  readonly method: 'GET' | 'POST'
  readonly path: string
  /** For a POST: whether Kondado applied it (in this script's world). */
  readonly applied?: boolean
  /** For a POST: whether the client could know it was not applied. */
  readonly provablyNotApplied?: boolean
  /** For a GET answered with a readable status. */
  readonly delivered?: Snapshot
}

interface Outcome {
  readonly scenario: Scenario
  readonly settings: StepSettings
  readonly report: StepReport
  readonly exchanges: readonly Exchange[]
  readonly startedAt: number
  readonly endedAt: number
  readonly rendered: string
}

const NEW_ID = 900_001
const GARBAGE = '\u0000\u001f garbage }{'

function statusBody(kind: ResourceKind, id: number, s: Snapshot, wrapped: boolean): string {
  const entry =
    kind === 'pipeline'
      ? { status: s.status, is_running: s.status === 'running', is_active: s.status !== 'not_active', is_blocked: false, raw_msg: s.rawMsg }
      : {
          status: s.status,
          is_running: s.status === 'running',
          is_active: s.status !== 'not_active',
          kubo_status_type: s.kubo,
          raw_msg: s.rawMsg,
        }
  const body = { [id]: entry }
  return JSON.stringify(kind === 'model' || wrapped ? { success: true, data: body } : body)
}

const html = (status: number, text: string): HttpResponse => ({
  status,
  body: `<html><head><title>${status}</title></head><body><h1>${text}</h1><p>${URL_ECHO}</p></body></html>`,
})
const json = (status: number, value: unknown): HttpResponse => ({ status, body: JSON.stringify(value) })
const rateLimited = (seconds: number): HttpResponse =>
  json(200, { success: false, error: 'RATE_LIMIT_EXCEEDED', message: `Too many requests. Please try again in ${seconds} seconds.` })

function settingsOf(s: Scenario, id: number): StepSettings {
  const duplicate: DuplicateRequest = {
    basePipelineId: id,
    sourceCollectionId: 1,
    destinationCollectionId: 2,
    fullTables: { '': 'orders_prod' },
    runAtOnce: s.executeImmediately,
  }
  const common = {
    pipelineIds: s.kind === 'pipeline' ? [id] : [],
    modelIds: s.kind === 'model' ? [id] : [],
    wait: s.wait,
    ifRunning: 'wait',
    timeoutMs: s.timeoutS * 1000,
    polling: { minIntervalMs: s.pollS * 1000, maxIntervalMs: 120_000, startTimeoutMs: s.startTimeoutS * 1000 },
    waitFor: 'current',
    modelStartTimeoutMs: 600_000,
  } as const
  return s.command === 'duplicate' ? { ...common, command: s.command, duplicate } : { ...common, command: s.command }
}

async function play(s: Scenario, abortAtMs?: number): Promise<Outcome> {
  const clock = new VirtualClock(1_000_000)
  const random = seededRandom(s.randomSeed)
  const id = 2040
  const settings = settingsOf(s, id)
  const exchanges: Exchange[] = []
  let readIndex = 0
  let postIndex = 0

  const transport: Transport = async (req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> => {
    const at = clock.now()
    const path = req.url.pathname
    const hang = async (): Promise<never> => {
      // The real transport gives up after its request timeout; the client's deadline may come first.
      await clock.sleep(REQUEST_TIMEOUT_MS, signal)
      throw new Problem('network', { networkCode: 'ETIMEDOUT' })
    }
    if (req.method === 'POST') {
      const answer = s.posts[Math.min(postIndex++, s.posts.length - 1)] as PostAnswer
      const applied = answer === 'ok' || answer.startsWith('applied-')
      exchanges.push({
        at,
        method: 'POST',
        path,
        applied,
        provablyNotApplied: answer === 'rejected' || answer === 'throttle' || answer === 'refused',
      })
      if (answer === 'refused') throw new Problem('network', { networkCode: 'ECONNREFUSED', notSent: true })
      await clock.sleep(s.latencyMs, signal)
      switch (answer) {
        case 'ok':
          return json(
            200,
            path === '/pipelines' ? { success: true, data: { success: true, data: { new_pipeline_id: NEW_ID } } } : { success: true },
          )
        case 'rejected':
          return json(200, { success: false, error: 'PIPELINE_NOT_ACTIVE', message: `refused for ${ECHO}` })
        case 'throttle':
          return rateLimited(2)
        case 'proxy-502':
          return html(502, 'Bad Gateway')
        case 'applied-reset':
          throw new Problem('network', { networkCode: 'ECONNRESET' })
        case 'applied-500':
          return html(500, 'Internal Server Error')
        case 'applied-garbage':
          return { status: 200, body: GARBAGE }
        case 'applied-hang':
          return hang()
      }
    }
    const kind: ResourceKind = path.startsWith('/models/') ? 'model' : 'pipeline'
    const readId = Number(/\/(\d+)\/status$/.exec(path)?.[1])
    const read: Read = s.reads[readIndex++] ?? { type: 'status', snapshot: s.final, wrapped: false }
    if (read.type === 'fault' && read.fault === 'refused') {
      exchanges.push({ at, method: 'GET', path })
      throw new Problem('network', { networkCode: 'ECONNREFUSED', notSent: true })
    }
    await clock.sleep(s.latencyMs, signal)
    if (read.type === 'status') {
      // An empty status is not a status: the client rejects the answer, so it is not delivered.
      exchanges.push({ at, method: 'GET', path, ...(read.snapshot.status === '' ? {} : { delivered: read.snapshot }) })
      return { status: 200, body: statusBody(kind, readId, read.snapshot, read.wrapped) }
    }
    exchanges.push({ at, method: 'GET', path })
    if (read.type === 'throttle') return rateLimited(read.seconds)
    switch (read.fault) {
      case 'http-502':
        return html(502, 'Bad Gateway')
      case 'html-200':
        return html(200, 'Maintenance')
      case 'reset':
        throw new Problem('network', { networkCode: 'ECONNRESET' })
      case 'hang':
        return hang()
      case 'truncated':
        return { status: 200, body: statusBody(kind, readId, s.final, false).slice(0, 20) }
      case 'garbage':
        return { status: 200, body: GARBAGE }
      case 'empty':
        return json(200, {})
      case 'missing-id':
        return { status: 200, body: statusBody(kind, 9999, s.final, false) }
      case 'not-a-string':
        return json(200, { [readId]: { status: 5, raw_msg: null } })
      case 'refused-credentials':
        return json(401, { success: false, error: 'INVALID_TOKEN', message: `token ${ECHO} is invalid` })
      case 'refused':
        throw new Error('handled above')
    }
  }

  const m = messagesFor(s.language)
  const lines: string[] = []
  // The raw text, before src/main.ts's last redaction: the core must not rely on it.
  const logger: Logger = {
    info: (line) => lines.push(line),
    debug: (line) => lines.push(line),
    error: (line, title) => lines.push(title, line),
  }
  const log = new EventLog(m, logger, settings, clock.now, 20)
  const controller = new AbortController()
  if (abortAtMs !== undefined) void clock.sleep(abortAtMs).then(() => controller.abort(new Error('cancelled')))
  const signal = controller.signal
  const startedAt = clock.now()
  const { report } = await composeStep(
    {
      settings,
      requestsPerMinute: 20,
      credentials: { key: KEY, token: TOKEN },
      baseUrl: new URL('https://k2.kondado.com.br'),
      transport,
    },
    {
      clock,
      random,
      signal,
      onEvent: log.onEvent,
      onPause: (ms) => log.paused(ms),
      onRetry: (problem, delayMs, resource) => log.retrying(problem, delayMs, resource),
      onRequest: (record) => log.request(record),
    },
  )
  const endedAt = clock.now()
  const outputs = outputsOf(report)
  const rendered = [...lines, renderSummary(m, report, settings), ...Object.values(outputs)].join('\n')
  return { scenario: s, settings, report, exchanges, startedAt, endedAt, rendered }
}

// ---- the invariants -------------------------------------------------------------------------

const same = (a: Snapshot, b: Snapshot, kind: ResourceKind): boolean =>
  a.status === b.status && a.rawMsg === b.rawMsg && (kind === 'pipeline' || a.kubo === b.kubo)
const noError = (s: Snapshot): boolean => s.rawMsg === null || s.rawMsg === ''
const modelReady = (s: Snapshot, kind: ResourceKind): boolean => kind === 'pipeline' || s.kubo === 'operational'
/** Healthy at rest, by this test's own reading of the API document, not the action's table. */
const healthyAtRest = (s: Snapshot, kind: ResourceKind): boolean => s.status === 'active' && noError(s) && modelReady(s, kind)
const BUSY = (kind: ResourceKind): string[] =>
  kind === 'pipeline' ? ['running', 'scheduled', 'building_tables'] : ['running', 'scheduled']
const healthyNow = (s: Snapshot, kind: ResourceKind): boolean =>
  (s.status === 'active' || BUSY(kind).includes(s.status)) && noError(s) && modelReady(s, kind)

/** A healthy verdict only on a healthy last stable state: for a wait, two equal healthy resting reads in a row. */
function verdictProblems(o: Outcome): string[] {
  const problems: string[] = []
  for (const r of o.report.resources) {
    if (r.verdict !== 'healthy' && r.verdict !== 'started') continue
    const path = `/${r.resource.kind === 'pipeline' ? 'pipelines' : 'models'}/${r.resource.id}/status`
    const reads = o.exchanges.filter((e) => e.method === 'GET' && e.path === path && e.delivered).map((e) => e.delivered as Snapshot)
    const last = reads.at(-1)
    const kind = r.resource.kind
    if (!last) {
      problems.push(`${r.verdict} without a single readable status`)
      continue
    }
    if (r.verdict === 'started') {
      const firstPost = o.exchanges.findIndex((e) => e.method === 'POST')
      const seenBusy = o.exchanges.some(
        (e, i) => e.path === path && e.delivered && BUSY(kind).includes(e.delivered.status) && (i > firstPost || firstPost === -1),
      )
      if (!seenBusy) problems.push('started without a queued or running status seen')
      continue
    }
    if (o.settings.command === 'status') {
      if (!healthyNow(last, kind)) problems.push(`healthy on ${JSON.stringify(last)}`)
      continue
    }
    const before = reads.at(-2)
    if (!before || !same(before, last, kind) || !healthyAtRest(last, kind))
      problems.push(`healthy on ${JSON.stringify(before)} then ${JSON.stringify(last)}`)
    const postAt = o.exchanges.findIndex(
      (e) => e.method === 'POST' && (e.path.endsWith('/run') || (o.settings.command === 'duplicate' && o.settings.duplicate.runAtOnce)),
    )
    if (postAt !== -1 && !r.alreadyRunning) {
      const busyAfter = o.exchanges.slice(postAt + 1).some((e) => e.path === path && e.delivered && BUSY(kind).includes(e.delivered.status))
      if (!busyAfter) problems.push('healthy after a trigger without the run ever seen busy')
    }
  }
  return problems
}

/** After a POST that may have been applied, the same POST is never sent again. */
function repeatedPosts(o: Outcome): number {
  let repeats = 0
  const posts = o.exchanges.filter((e) => e.method === 'POST')
  posts.forEach((post, i) => {
    if (post.provablyNotApplied) return
    repeats += posts.slice(i + 1).filter((later) => later.path === post.path).length
  })
  return repeats
}

const appliedCount = (o: Outcome): number => o.exchanges.filter((e) => e.method === 'POST' && e.applied).length

function secretHitsIn(text: string): number {
  let hits = 0
  for (const form of [KEY, TOKEN].flatMap(secretForms)) hits += text.split(form).length - 1
  return hits
}

// ---- the properties -------------------------------------------------------------------------

async function recordProperty(
  id: string,
  name: string,
  seed: number,
  figures: () => Record<string, number>,
  runs: () => number,
  check: () => Promise<void>,
): Promise<void> {
  let failure: Error | undefined
  try {
    await check()
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error))
  }
  write({
    kind: 'property',
    file,
    id,
    name,
    runs: runs(),
    seed,
    pass: !failure,
    ...(failure
      ? {
          error: failure.message.split('\n').slice(0, 4).join(' ').slice(0, 400),
        }
      : {}),
    figures: figures(),
  })
  if (failure !== undefined) throw failure
}

describe('properties (fast-check, fixed seed)', () => {
  test(`P1 statuses, faults and throttling: verdicts, deadline, POSTs and secrets (${RUNS} runs)`, async () => {
    const t = {
      runs: 0,
      worstOverrunMs: Number.NEGATIVE_INFINITY,
      repeatedPosts: 0,
      maxApplied: 0,
      secretHits: 0,
      healthy: 0,
      notHealthy: 0,
      requests: 0,
      faults: 0,
    }
    await recordProperty(
      'P1',
      'random statuses, read faults, POST faults and throttling, in virtual time',
      SEED,
      () => ({
        'worst overrun past timeout (ms, virtual)': t.worstOverrunMs,
        'POSTs repeated after they may have been applied': t.repeatedPosts,
        'most POSTs applied in one run': t.maxApplied,
        'secret occurrences in rendered log, summary and outputs': t.secretHits,
        'healthy verdicts': t.healthy,
        'other verdicts': t.notHealthy,
        'requests answered': t.requests,
      }),
      () => t.runs,
      async () => {
        await fc.assert(
          fc.asyncProperty(scenarioArb, async (scenario) => {
            const o = await play(scenario)
            t.runs++
            const overrun = o.endedAt - o.startedAt - o.settings.timeoutMs
            t.worstOverrunMs = Math.max(t.worstOverrunMs, overrun)
            t.repeatedPosts += repeatedPosts(o)
            t.maxApplied = Math.max(t.maxApplied, appliedCount(o))
            t.secretHits += secretHitsIn(o.rendered)
            t.healthy += o.report.resources.filter((r) => r.verdict === 'healthy').length
            t.notHealthy += o.report.resources.filter((r) => r.verdict !== 'healthy').length
            t.requests += o.exchanges.length
            expect(verdictProblems(o)).toEqual([])
            // The bound is the deadline plus one request timeout; every request is also cut
            // at the deadline, so the step in fact never runs past it at all.
            expect(overrun).toBeLessThanOrEqual(REQUEST_TIMEOUT_MS)
            expect(overrun).toBeLessThanOrEqual(0)
            expect(repeatedPosts(o)).toBe(0)
            expect(appliedCount(o)).toBeLessThanOrEqual(1)
            expect(secretHitsIn(o.rendered)).toBe(0)
          }),
          { seed: SEED, numRuns: RUNS },
        )
      },
    )
    expect(t.runs).toBe(RUNS)
    // The generator must reach the interesting cases, or the property proves little.
    expect(t.healthy).toBeGreaterThan(RUNS / 10)
    expect(t.maxApplied).toBe(1)
  })

  test(`P2 flapping statuses only: healthy only on two equal healthy resting reads (${RUNS} runs)`, async () => {
    const t = { runs: 0, healthy: 0, notHealthy: 0, requests: 0 }
    const flapping = fc.record({
      command: fc.constantFrom<Command>('wait', 'run'),
      reads: fc.array(
        fc.record({
          type: fc.constant('status' as const),
          snapshot: fc.record({
            status: fc.constantFrom('running', 'active', 'scheduled', 'not_active'),
            rawMsg: fc.constantFrom(null, 'failed'),
            kubo: fc.constant('operational'),
          }),
          wrapped: fc.constant(false),
        }),
        { maxLength: 40 },
      ),
      final: fc.record({
        status: fc.constantFrom('active', 'not_active'),
        rawMsg: fc.constantFrom(null, 'failed'),
        kubo: fc.constant('operational'),
      }),
      randomSeed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    })
    await recordProperty(
      'P2',
      'flapping statuses (running/active/scheduled/not_active, with and without an error), no faults',
      SEED + 1,
      () => ({
        'healthy verdicts': t.healthy,
        'other verdicts': t.notHealthy,
        'requests answered': t.requests,
      }),
      () => t.runs,
      async () => {
        await fc.assert(
          fc.asyncProperty(flapping, async (f) => {
            const scenario: Scenario = {
              ...f,
              kind: 'pipeline',
              wait: true,
              executeImmediately: false,
              timeoutS: 900,
              startTimeoutS: 120,
              pollS: 1,
              posts: ['ok'],
              latencyMs: 100,
              language: 'en',
            }
            const o = await play(scenario)
            t.runs++
            t.healthy += o.report.resources.filter((r) => r.verdict === 'healthy').length
            t.notHealthy += o.report.resources.filter((r) => r.verdict !== 'healthy').length
            t.requests += o.exchanges.length
            expect(verdictProblems(o)).toEqual([])
          }),
          { seed: SEED + 1, numRuns: RUNS },
        )
      },
    )
    expect(t.runs).toBe(RUNS)
    expect(t.healthy).toBeGreaterThan(RUNS / 10)
  })

  test(`P3 cancellation at a random moment: the step returns at once and sends nothing more (${RUNS} runs)`, async () => {
    const t = { runs: 0, cancelled: 0, afterCancel: 0, worstLateMs: 0, repeatedPosts: 0, secretHits: 0 }
    await recordProperty(
      'P3',
      'cancellation at a random virtual moment, over the same random scenarios',
      SEED + 2,
      () => ({
        'runs cancelled before their end': t.cancelled,
        'requests sent after the cancellation': t.afterCancel,
        'worst time from cancellation to the end of the step (ms, virtual)': t.worstLateMs,
        'POSTs repeated after they may have been applied': t.repeatedPosts,
        'secret occurrences in rendered log, summary and outputs': t.secretHits,
      }),
      () => t.runs,
      async () => {
        await fc.assert(
          fc.asyncProperty(scenarioArb, fc.integer({ min: 0, max: 120_000 }), async (scenario, abortAtMs) => {
            const o = await play({ ...scenario, timeoutS: Math.max(scenario.timeoutS, 200) }, abortAtMs)
            t.runs++
            t.secretHits += secretHitsIn(o.rendered)
            t.repeatedPosts += repeatedPosts(o)
            const abortAt = o.startedAt + abortAtMs
            if (o.report.cancelled) {
              t.cancelled++
              t.afterCancel += o.exchanges.filter((e) => e.at > abortAt).length
              t.worstLateMs = Math.max(t.worstLateMs, o.endedAt - abortAt)
              // Virtual time stands still while the step winds up: it ends the moment it is told.
              expect(o.endedAt).toBe(abortAt)
              expect(o.exchanges.filter((e) => e.at > abortAt)).toEqual([])
              expect(o.report.resources.every((r) => r.verdict !== 'healthy' || r.elapsedMs <= abortAtMs)).toBe(true)
            } else {
              expect(o.endedAt).toBeLessThanOrEqual(abortAt)
            }
            expect(repeatedPosts(o)).toBe(0)
            expect(secretHitsIn(o.rendered)).toBe(0)
          }),
          { seed: SEED + 2, numRuns: RUNS },
        )
      },
    )
    expect(t.runs).toBe(RUNS)
    expect(t.cancelled).toBeGreaterThan(RUNS / 4)
  })

  test('the secret scan finds a secret in each of its forms (a check that could not fail would prove nothing)', () => {
    for (const form of [KEY, TOKEN].flatMap(secretForms)) expect(secretHitsIn(`x ${form} y`)).toBeGreaterThan(0)
  })
})

describe('the bounds the properties rely on, one by one', () => {
  function client(transport: Transport, deadlineMs: number, random: () => number = () => 0) {
    return testClient(transport, { key: KEY, token: TOKEN }, { perWindow: 20, deadline: deadlineMs, random, schedulerRandom: random })
  }
  const ok: HttpResponse = {
    status: 200,
    body: JSON.stringify({ 2040: { status: 'active', is_running: false, is_active: true, is_blocked: false, raw_msg: null } }),
  }

  test('a transport that ignores its signal and never answers is cut at the deadline, as a deadline problem', async () => {
    let seen: AbortSignal | undefined
    const { clock, kondado } = client((_req, signal) => {
      seen = signal
      return new Promise<HttpResponse>(() => undefined)
    }, 8_000)
    const error = await kondado.status({ kind: 'pipeline', id: 2040 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Problem)
    expect((error as Problem).code).toBe('deadline')
    expect(clock.now()).toBe(8_000)
    // A transport that listens is told to stop.
    expect(seen?.aborted).toBe(true)
  })

  test('an answer in time is not disturbed by the deadline timer, and the timer is cleared', async () => {
    const { clock, kondado } = client(async () => ok, 8_000)
    expect((await kondado.status({ kind: 'pipeline', id: 2040 })).status).toBe('active')
    // A timer left behind would fire once the program is idle and move virtual time to 8 s.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(clock.now()).toBe(0)
  })

  test('read retries back off on the injected clock: 2 s then 4 s (x 0.5 to 1.5 of jitter), never past the deadline', async () => {
    const at: number[] = []
    const fail = (): Promise<HttpResponse> => Promise.resolve({ status: 502, body: '<html>Bad Gateway</html>' })
    const { clock, kondado } = client(
      async () => {
        at.push(clock.now())
        return at.length < 3 ? fail() : ok
      },
      60_000,
      () => 0.5,
    )
    expect((await kondado.status({ kind: 'pipeline', id: 2040 })).status).toBe('active')
    expect(at).toEqual([0, 2_000, 6_000])

    const late: number[] = []
    const { clock: clock2, kondado: kondado2 } = client(
      async () => {
        late.push(clock2.now())
        return fail()
      },
      5_000,
      () => 0.5,
    )
    const error = await kondado2.status({ kind: 'pipeline', id: 2040 }).catch((e: unknown) => e)
    expect((error as Problem).code).toBe('server-error')
    // The second retry (at 2 s + 4 s) would start past the 5 s deadline, so it is not started.
    expect(late).toEqual([0, 2_000])
  })
})
