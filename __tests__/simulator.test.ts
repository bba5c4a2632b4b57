import { describe, test, expect, beforeEach, afterEach } from '@jest/globals'
import { spawn } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { KondadoModel, KondadoSimulator, ManualClock, demoScenario } from '../simulator/index.ts'
import type { ModelOptions, SimResponse } from '../simulator/index.ts'

const KEY = 'key-123'
const TOKEN = 'tök en+/%=&?' // spaces, '+', '%', '&' and non-ASCII must survive the round trip
const RATE_LIMIT_BODY = { success: false, error: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests. Please try again in 60 seconds.' }

function newModel(extra: Partial<ModelOptions> = {}): { model: KondadoModel; clock: ManualClock } {
  const clock = new ManualClock(1_000_000)
  const model = new KondadoModel({ key: KEY, token: TOKEN, clock, rateLimit: false, ...extra })
  return { model, clock }
}

function call(model: KondadoModel, method: string, path: string, opts: { body?: unknown; key?: string; token?: string } = {}): SimResponse {
  const query = new URLSearchParams({ key: opts.key ?? KEY, token: opts.token ?? TOKEN })
  const body = opts.body === undefined ? '' : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)
  return model.handle({ method, path, query, body })
}

function bodyOf(res: SimResponse): unknown {
  return JSON.parse(res.body)
}

const validDuplicate = {
  pipeline_id: 2040,
  dest_collection_id: 678910,
  src_collection_id: 877291,
  full_tables: { '': 'new_main', statuses: 'new_statuses' },
  execute_immediately: 'N',
}

describe('answer shapes', () => {
  test('pipeline status is keyed by id and not wrapped', () => {
    const { model } = newModel()
    model.addPipeline({ id: 2040 })
    const res = call(model, 'GET', '/pipelines/2040/status')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(bodyOf(res)).toEqual({ 2040: { status: 'active', is_running: false, is_active: true, is_blocked: false, raw_msg: null } })
  })

  test('model status is wrapped in success/data', () => {
    const { model } = newModel()
    model.addModel({ id: 162 })
    expect(bodyOf(call(model, 'GET', '/models/162/status'))).toEqual({
      success: true,
      data: { 162: { status: 'active', is_running: false, is_active: true, kubo_status_type: 'operational', raw_msg: null } },
    })
  })

  test('flags follow the status', () => {
    const { model } = newModel()
    const cases: [string, boolean, boolean, boolean][] = [
      ['running', true, true, false],
      ['scheduled', false, true, false],
      ['not_active', false, false, false],
      ['building_tables', false, true, true],
      ['error_building_tables', false, true, false],
      ['too_many_consecutive_failed_builds', false, true, false],
      ['too_many_consecutive_failed_builds__blocked', false, false, true],
    ]
    cases.forEach(([status], i) => model.addPipeline({ id: 10 + i, status, raw_msg: 'why' }))
    cases.forEach(([status, is_running, is_active, is_blocked], i) => {
      expect(model.pipelineStatus(10 + i)).toEqual({ status, is_running, is_active, is_blocked, raw_msg: 'why' })
    })
  })

  test('run answers success, unknown ids and routes answer 404', () => {
    const { model } = newModel()
    model.addPipeline({ id: 2040 })
    expect(bodyOf(call(model, 'POST', '/pipelines/2040/run'))).toEqual({ success: true })
    const missing = call(model, 'GET', '/pipelines/123/status')
    expect(missing.status).toBe(404)
    expect(bodyOf(missing)).toEqual({ success: false, error: 'NOT_FOUND', message: 'Pipeline 123 not found' })
    expect(bodyOf(call(model, 'GET', '/models/9/status'))).toEqual({ success: false, error: 'NOT_FOUND', message: 'Model 9 not found' })
    expect(call(model, 'POST', '/pipelines/123/run').status).toBe(404)
    expect(call(model, 'GET', '/pipelines/2040/run').status).toBe(404)
    expect(call(model, 'GET', '/nope').status).toBe(404)
    expect(model.log.map((e) => e.outcome)).toEqual(['ok', 'not_found', 'not_found', 'not_found', 'not_found', 'not_found'])
  })

  test('essentials plan and inactive pipelines refuse to run', () => {
    const { model } = newModel()
    model.addPipeline({ id: 1, plan: 'essentials' })
    model.addPipeline({ id: 2, status: 'not_active' })
    model.addPipeline({ id: 3, status: 'too_many_consecutive_failed_builds__blocked' })
    for (const id of [1, 2, 3]) {
      const res = call(model, 'POST', `/pipelines/${id}/run`)
      expect(res.status).toBe(200)
      const body = bodyOf(res) as { success: boolean; error: unknown }
      expect(body.success).toBe(false)
      expect(typeof body.error).toBe('string')
      expect(model.runCount(id)).toBe(0)
    }
    expect(model.log.every((e) => e.outcome === 'bad_request' && e.kind === 'run')).toBe(true)
  })

  test('the log holds paths, never the query string', () => {
    const { model } = newModel()
    model.addPipeline({ id: 2040 })
    call(model, 'GET', '/pipelines/2040/status')
    call(model, 'GET', '/pipelines/2040/status', { token: 'wrong' })
    expect(model.log[0]).toMatchObject({
      method: 'GET',
      path: '/pipelines/2040/status',
      kind: 'pipeline-status',
      outcome: 'ok',
      status: 200,
      id: 2040,
    })
    const text = JSON.stringify(model.log)
    expect(text).not.toContain('token')
    expect(text).not.toContain(KEY)
  })
})

describe('auth', () => {
  test('exact decoded key and token pass; anything else is refused (401 JSON by default)', () => {
    const { model } = newModel()
    model.addPipeline({ id: 2040 })
    expect(call(model, 'GET', '/pipelines/2040/status').status).toBe(200)
    for (const creds of [{ token: 'tök en /%=&?' }, { token: `${TOKEN} ` }, { key: 'key-12' }, { token: '' }]) {
      const res = call(model, 'GET', '/pipelines/2040/status', creds)
      expect(res.status).toBe(401)
      expect(bodyOf(res)).toEqual({ success: false, error: 'INVALID_TOKEN', message: 'Invalid key or token' })
    }
    const none = model.handle({ method: 'GET', path: '/pipelines/2040/status', query: new URLSearchParams(), body: '' })
    expect(none.status).toBe(401)
    expect(model.log.filter((e) => e.outcome === 'unauthorized')).toHaveLength(5)
  })

  test('403 HTML and 200 success:false modes', () => {
    const html = newModel({ authFailure: '403-html' }).model
    const res = call(html, 'GET', '/pipelines/1/status', { token: 'x' })
    expect(res.status).toBe(403)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toContain('<html>')
    const ok = newModel({ authFailure: '200-success-false' }).model
    const res2 = call(ok, 'GET', '/pipelines/1/status', { token: 'x' })
    expect(res2.status).toBe(200)
    expect(bodyOf(res2)).toEqual({ success: false, error: 'INVALID_TOKEN', message: 'Invalid key or token' })
  })
})

describe('rate limits (fake clock)', () => {
  test('one per second, counting accepted requests only', () => {
    const { model, clock } = newModel({ rateLimit: undefined })
    model.addPipeline({ id: 2040 })
    expect(call(model, 'GET', '/pipelines/2040/status').body).toContain('"2040"')
    clock.advance(999)
    const refused = call(model, 'GET', '/pipelines/2040/status')
    expect(refused.status).toBe(200)
    expect(refused.body).toBe(
      '{"success": false, "error": "RATE_LIMIT_EXCEEDED", "message": "Too many requests. Please try again in 60 seconds."}',
    )
    expect(bodyOf(refused)).toEqual(RATE_LIMIT_BODY)
    clock.advance(1) // 1000 ms after the accepted one; the refused one does not restart the window
    expect(call(model, 'POST', '/pipelines/2040/run').body).toBe('{"success":true}')
    expect(model.log.map((e) => e.outcome)).toEqual(['ok', 'rate_limited', 'ok'])
    expect(model.runCount(2040)).toBe(1)
  })

  test('rate limited runs do not start', () => {
    const { model } = newModel({ rateLimit: undefined })
    model.addPipeline({ id: 2040 })
    call(model, 'GET', '/pipelines/2040/status')
    expect(bodyOf(call(model, 'POST', '/pipelines/2040/run'))).toEqual(RATE_LIMIT_BODY)
    expect(model.runCount(2040)).toBe(0)
    expect(model.pipelineStatus(2040).status).toBe('active')
  })

  test('twenty per rolling minute', () => {
    const { model, clock } = newModel({ rateLimit: undefined })
    const start = clock.now()
    model.addPipeline({ id: 2040 })
    for (let i = 0; i < 20; i++) {
      clock.set(start + i * 1000)
      expect(call(model, 'GET', '/pipelines/2040/status').body).toContain('"2040"')
    }
    for (const at of [20_000, 30_000, 59_999]) {
      clock.set(start + at)
      expect(bodyOf(call(model, 'GET', '/pipelines/2040/status'))).toEqual(RATE_LIMIT_BODY)
    }
    clock.set(start + 60_000) // the request at `start` has left the window
    expect(call(model, 'GET', '/pipelines/2040/status').body).toContain('"2040"')
    clock.set(start + 61_000)
    expect(call(model, 'GET', '/pipelines/2040/status').body).toContain('"2040"')
    clock.set(start + 61_999)
    expect(bodyOf(call(model, 'GET', '/pipelines/2040/status'))).toEqual(RATE_LIMIT_BODY)
  })

  test('auth is checked first, so bad credentials do not use the quota', () => {
    const { model } = newModel({ rateLimit: undefined })
    model.addPipeline({ id: 2040 })
    expect(call(model, 'GET', '/pipelines/2040/status', { token: 'bad' }).status).toBe(401)
    expect(call(model, 'GET', '/pipelines/2040/status').status).toBe(200)
  })

  test('custom limits and off', () => {
    const { model } = newModel({ rateLimit: { perSecond: 3, perMinute: 100 } })
    model.addPipeline({ id: 1 })
    const outcomes = [0, 1, 2, 3].map(() => call(model, 'GET', '/pipelines/1/status').body.includes('RATE_LIMIT'))
    expect(outcomes).toEqual([false, false, false, true])
    const off = newModel().model
    off.addPipeline({ id: 1 })
    for (let i = 0; i < 50; i++) expect(call(off, 'GET', '/pipelines/1/status').status).toBe(200)
  })
})

describe('run lifecycle (fake clock)', () => {
  test('previous status, then scheduled, running and the outcome', () => {
    const { model, clock } = newModel()
    model.addPipeline({
      id: 7,
      raw_msg: 'old error',
      run: { startDelayMs: 500, queuedMs: 2000, runningMs: 10_000, outcome: { status: 'active', raw_msg: 'Could not connect to source' } },
    })
    const t0 = clock.now()
    call(model, 'POST', '/pipelines/7/run')
    const at = (ms: number) => {
      clock.set(t0 + ms)
      return (bodyOf(call(model, 'GET', '/pipelines/7/status')) as Record<string, unknown>)['7']
    }
    expect(at(0)).toEqual({ status: 'active', is_running: false, is_active: true, is_blocked: false, raw_msg: 'old error' })
    expect(at(499)).toMatchObject({ status: 'active' })
    expect(at(500)).toEqual({ status: 'scheduled', is_running: false, is_active: true, is_blocked: false, raw_msg: null })
    expect(at(2499)).toMatchObject({ status: 'scheduled' })
    expect(at(2500)).toEqual({ status: 'running', is_running: true, is_active: true, is_blocked: false, raw_msg: null })
    expect(at(12_499)).toMatchObject({ status: 'running' })
    expect(at(12_500)).toEqual({
      status: 'active',
      is_running: false,
      is_active: true,
      is_blocked: false,
      raw_msg: 'Could not connect to source',
    })
    expect(at(99_999)).toMatchObject({ status: 'active', raw_msg: 'Could not connect to source' })
  })

  test('defaults: scheduled at once for 2 s, running 10 s, active; optional building_tables phase', () => {
    const { model, clock } = newModel()
    model.addPipeline({ id: 1 })
    model.addPipeline({
      id: 2,
      run: { buildingTablesMs: 1000, outcome: { status: 'too_many_consecutive_failed_builds', raw_msg: 'boom' } },
    })
    const t0 = clock.now()
    call(model, 'POST', '/pipelines/1/run')
    call(model, 'POST', '/pipelines/2/run')
    expect(model.pipelineStatus(1).status).toBe('scheduled')
    expect(model.pipelineStatus(2)).toMatchObject({ status: 'building_tables', is_blocked: true })
    clock.set(t0 + 2000)
    expect(model.pipelineStatus(1).status).toBe('running')
    expect(model.pipelineStatus(2).status).toBe('scheduled')
    clock.set(t0 + 12_000)
    expect(model.pipelineStatus(1)).toEqual({ status: 'active', is_running: false, is_active: true, is_blocked: false, raw_msg: null })
    expect(model.pipelineStatus(2).status).toBe('running')
    clock.set(t0 + 13_000)
    expect(model.pipelineStatus(2)).toMatchObject({ status: 'too_many_consecutive_failed_builds', raw_msg: 'boom' })
  })

  test('a run while one is queued or running is accepted but does not start a second one', () => {
    const { model, clock } = newModel()
    model.addPipeline({ id: 1 })
    const t0 = clock.now()
    expect(bodyOf(call(model, 'POST', '/pipelines/1/run'))).toEqual({ success: true })
    clock.set(t0 + 3000)
    expect(bodyOf(call(model, 'POST', '/pipelines/1/run'))).toEqual({ success: true })
    expect(model.runCount(1)).toBe(1)
    expect(model.runRequests(1)).toBe(2)
    clock.set(t0 + 12_000) // the first run's end, not pushed back by the second request
    expect(model.pipelineStatus(1).status).toBe('active')
    call(model, 'POST', '/pipelines/1/run')
    expect(model.runCount(1)).toBe(2)
    expect(model.pipelineStatus(1).status).toBe('scheduled')
  })

  test('models run only from the test side; rebuilding becomes operational', () => {
    const { model, clock } = newModel()
    model.addModel({ id: 163, kubo_status_type: 'rebuilding', run: { queuedMs: 100, runningMs: 1000 } })
    model.addModel({ id: 9, run: { queuedMs: 0, runningMs: 50, outcome: { status: 'active', raw_msg: 'relation does not exist' } } })
    const t0 = clock.now()
    expect(model.startModelRun(163)).toBe(true)
    expect(model.startModelRun(163)).toBe(false)
    model.startModelRun(9)
    expect(model.modelStatus(163)).toEqual({
      status: 'scheduled',
      is_running: false,
      is_active: true,
      kubo_status_type: 'rebuilding',
      raw_msg: null,
    })
    expect(model.modelStatus(9).status).toBe('running')
    clock.set(t0 + 100)
    expect(bodyOf(call(model, 'GET', '/models/163/status'))).toEqual({
      success: true,
      data: { 163: { status: 'running', is_running: true, is_active: true, kubo_status_type: 'rebuilding', raw_msg: null } },
    })
    clock.set(t0 + 1100)
    expect(model.modelStatus(163)).toMatchObject({ status: 'active', kubo_status_type: 'operational' })
    expect(model.modelStatus(9)).toMatchObject({ status: 'active', kubo_status_type: 'operational', raw_msg: 'relation does not exist' })
  })
})

describe('run lifecycle counted in status reads', () => {
  const HOUR = 3_600_000
  const readPipeline = (model: KondadoModel, id: number): unknown =>
    (bodyOf(call(model, 'GET', `/pipelines/${id}/status`)) as Record<string, unknown>)[id]

  test('each phase answers that many reads, however much time passes between them', () => {
    const { model, clock } = newModel()
    model.addPipeline({
      id: 7,
      raw_msg: 'old error',
      run: { startDelayReads: 1, queuedReads: 1, runningReads: 2, outcome: { status: 'active', raw_msg: 'Could not connect to source' } },
    })
    call(model, 'POST', '/pipelines/7/run')
    clock.advance(HOUR)
    expect(readPipeline(model, 7)).toEqual({
      status: 'active',
      is_running: false,
      is_active: true,
      is_blocked: false,
      raw_msg: 'old error',
    })
    clock.advance(HOUR)
    expect(readPipeline(model, 7)).toEqual({ status: 'scheduled', is_running: false, is_active: true, is_blocked: false, raw_msg: null })
    // Assertion reads, and reads an instant apart, count as nothing or as reads, never as time.
    expect(model.pipelineStatus(7).status).toBe('running')
    expect(model.pipelineStatus(7).status).toBe('running')
    expect(readPipeline(model, 7)).toEqual({ status: 'running', is_running: true, is_active: true, is_blocked: false, raw_msg: null })
    expect(readPipeline(model, 7)).toMatchObject({ status: 'running' })
    expect(readPipeline(model, 7)).toEqual({
      status: 'active',
      is_running: false,
      is_active: true,
      is_blocked: false,
      raw_msg: 'Could not connect to source',
    })
    clock.advance(HOUR)
    expect(readPipeline(model, 7)).toMatchObject({ status: 'active', raw_msg: 'Could not connect to source' })
    expect(model.runCount(7)).toBe(1)
  })

  test('reads refused before Kondado (rate limit, a proxy page) do not count; a read spoiled on its way back does', () => {
    const { model, clock } = newModel({ rateLimit: undefined })
    model.addPipeline({ id: 1, run: { queuedReads: 0, runningReads: 2 } })
    call(model, 'POST', '/pipelines/1/run')
    expect(bodyOf(call(model, 'GET', '/pipelines/1/status'))).toEqual(RATE_LIMIT_BODY)
    clock.advance(1000)
    model.inject({ type: 'http', status: 502 })
    expect(call(model, 'GET', '/pipelines/1/status').status).toBe(502)
    model.inject({ type: 'truncate' })
    expect(call(model, 'GET', '/pipelines/1/status')).toMatchObject({ action: 'truncate' })
    clock.advance(1000)
    expect(readPipeline(model, 1)).toMatchObject({ status: 'running' })
    clock.advance(1000)
    expect(readPipeline(model, 1)).toMatchObject({ status: 'active' })
  })

  test('a phase in reads hands over to one in milliseconds at its last read', () => {
    const { model, clock } = newModel()
    model.addPipeline({ id: 1, run: { queuedReads: 1, runningMs: 5_000 } })
    call(model, 'POST', '/pipelines/1/run')
    clock.advance(HOUR)
    expect(readPipeline(model, 1)).toMatchObject({ status: 'scheduled' })
    clock.advance(4_999)
    expect(model.pipelineStatus(1).status).toBe('running')
    clock.advance(1)
    expect(model.pipelineStatus(1).status).toBe('active')
  })

  test('a run busy for Infinity reads stays busy, and a second POST is accepted without a second run', () => {
    const { model, clock } = newModel({ rateLimit: false })
    model.addPipeline({ id: 1, run: { queuedReads: 0, runningReads: Infinity } })
    call(model, 'POST', '/pipelines/1/run')
    for (let i = 0; i < 50; i++) {
      clock.advance(HOUR)
      expect(readPipeline(model, 1)).toMatchObject({ status: 'running' })
    }
    expect(bodyOf(call(model, 'POST', '/pipelines/1/run'))).toEqual({ success: true })
    expect({ runs: model.runCount(1), requests: model.runRequests(1) }).toEqual({ runs: 1, requests: 2 })
  })

  test('models: a run counted in reads of the model', () => {
    const { model, clock } = newModel()
    model.addModel({ id: 163, kubo_status_type: 'rebuilding', run: { queuedReads: 1, runningReads: 1 } })
    model.startModelRun(163)
    const readModel = (): unknown => (bodyOf(call(model, 'GET', '/models/163/status')) as { data: Record<string, unknown> }).data[163]
    clock.advance(HOUR)
    expect(readModel()).toMatchObject({ status: 'scheduled', kubo_status_type: 'rebuilding' })
    expect(readModel()).toMatchObject({ status: 'running', kubo_status_type: 'rebuilding' })
    expect(readModel()).toMatchObject({ status: 'active', kubo_status_type: 'operational' })
  })

  test('a model after its pipelines: it runs once every one has ended a run, after a delay in reads of the model', () => {
    const { model, clock } = newModel()
    model.addPipeline({ id: 1, run: { queuedReads: 0, runningReads: 1 } })
    model.addPipeline({ id: 2, run: { queuedReads: 0, runningReads: 1 } })
    model.addModel({ id: 165, run: { queuedReads: 1, runningReads: 1 }, after: { pipelines: [1, 2], delayReads: 2 } })
    const readModel = (): unknown => (bodyOf(call(model, 'GET', '/models/165/status')) as { data: Record<string, unknown> }).data[165]
    call(model, 'POST', '/pipelines/1/run')
    call(model, 'POST', '/pipelines/2/run')
    expect([readPipeline(model, 1), readPipeline(model, 1)]).toMatchObject([{ status: 'running' }, { status: 'active' }])
    // One pipeline of two has ended: the model waits for the other, however long.
    clock.advance(HOUR)
    expect(readModel()).toMatchObject({ status: 'active', is_running: false })
    expect(readPipeline(model, 2)).toMatchObject({ status: 'running' })
    // The second run's end is due: a read of the model itself starts it, then the delay counts its reads.
    expect([readModel(), readModel()]).toMatchObject([{ status: 'active' }, { status: 'active' }])
    expect([readModel(), readModel(), readModel()]).toMatchObject([{ status: 'scheduled' }, { status: 'running' }, { status: 'active' }])
    // Another round needs both pipelines again; a run under way when they end is not doubled.
    call(model, 'POST', '/pipelines/1/run')
    readPipeline(model, 1)
    readPipeline(model, 1)
    clock.advance(HOUR)
    expect(readModel()).toMatchObject({ status: 'active' })
    expect(model.startModelRun(165)).toBe(true)
    call(model, 'POST', '/pipelines/2/run')
    readPipeline(model, 2)
    readPipeline(model, 2)
    expect([readModel(), readModel(), readModel()]).toMatchObject([{ status: 'scheduled' }, { status: 'running' }, { status: 'active' }])
    expect(readModel()).toMatchObject({ status: 'active' })
  })

  test('a duplicate run immediately: the tables build by the clock, then the run counts reads of the new pipeline', () => {
    const { model, clock } = newModel({ duplicate: { firstId: 50, buildingTablesMs: 3_000 } })
    model.addPipeline({ id: 2040, tablePaths: ['', 'statuses'], run: { queuedReads: 1, runningReads: 1 } })
    call(model, 'POST', '/pipelines', { body: { ...validDuplicate, execute_immediately: 'Y' } })
    expect(readPipeline(model, 50)).toMatchObject({ status: 'building_tables' })
    clock.advance(3_000)
    expect([readPipeline(model, 50), readPipeline(model, 50), readPipeline(model, 50)]).toMatchObject([
      { status: 'scheduled' },
      { status: 'running' },
      { status: 'active' },
    ])
  })
})

describe('scripts', () => {
  test('successive reads return the script, then the lifecycle resumes', () => {
    const { model } = newModel()
    model.addPipeline({
      id: 5,
      script: [{ status: 'running' }, { status: 'active' }, { status: 'running' }, { status: 'active', is_running: true }],
    })
    const read = () => (bodyOf(call(model, 'GET', '/pipelines/5/status')) as Record<string, unknown>)['5']
    expect(read()).toEqual({ status: 'running', is_running: true, is_active: true, is_blocked: false, raw_msg: null })
    expect(read()).toMatchObject({ status: 'active', is_running: false })
    expect(read()).toMatchObject({ status: 'running', is_running: true })
    expect(read()).toMatchObject({ status: 'active', is_running: true }) // deliberately inconsistent
    expect(read()).toEqual(model.pipelineStatus(5))
  })

  test('odd values and extra entries; assertion reads do not consume the script', () => {
    const { model } = newModel()
    model.addPipeline({ id: 5 })
    model.addModel({ id: 6 })
    model.scriptPipeline(5, { status: 'paused_by_owner', raw_msg: 'new thing', extra: 1 })
    model.scriptModel(6, { kubo_status_type: 'mystery', raw_msg: undefined })
    expect(model.pipelineStatus(5).status).toBe('active')
    expect(bodyOf(call(model, 'GET', '/pipelines/5/status'))).toEqual({
      5: { status: 'paused_by_owner', is_running: false, is_active: true, is_blocked: false, raw_msg: 'new thing', extra: 1 },
    })
    expect(bodyOf(call(model, 'GET', '/models/6/status'))).toEqual({
      success: true,
      data: { 6: { status: 'active', is_running: false, is_active: true, kubo_status_type: 'mystery' } },
    })
  })
})

describe('duplicate', () => {
  function base(): { model: KondadoModel; clock: ManualClock } {
    const m = newModel()
    m.model.addPipeline({
      id: 2040,
      tablePaths: ['', 'statuses'],
      parameters: { __kdd_ad_account: ['act_1'], empty: '' },
      run: { queuedMs: 100, runningMs: 200 },
    })
    return m
  }

  const bad: [string, Record<string, unknown> | string, RegExp][] = [
    ['not JSON', '{', /^body:/],
    ['an array', '[]', /^body:/],
    ['no pipeline_id', { pipeline_id: undefined }, /^pipeline_id:/],
    ['string pipeline_id', { pipeline_id: '2040' }, /^pipeline_id:/],
    ['float pipeline_id', { pipeline_id: 2040.5 }, /^pipeline_id:/],
    ['unknown pipeline_id', { pipeline_id: 99 }, /^pipeline_id: pipeline 99 not found/],
    ['no dest', { dest_collection_id: undefined }, /^dest_collection_id:/],
    ['string src', { src_collection_id: '1' }, /^src_collection_id:/],
    ['bad client_id', { client_id: 'acme' }, /^client_id:/],
    ['null client_id', { client_id: null }, /^client_id:/],
    ['no full_tables', { full_tables: undefined }, /^full_tables: required/],
    ['full_tables array', { full_tables: ['a'] }, /^full_tables:/],
    ['missing main path', { full_tables: { statuses: 'x' } }, /^full_tables: missing table path ""/],
    ['missing path', { full_tables: { '': 'x' } }, /^full_tables: missing table path "statuses"/],
    ['extra path', { full_tables: { '': 'x', statuses: 'y', other: 'z' } }, /^full_tables: unknown table path "other"/],
    ['non-string name', { full_tables: { '': 'x', statuses: 3 } }, /^full_tables: table name/],
    ['partial deltas', { deltas_tables: { '': 'x' } }, /^deltas_tables: missing table path "statuses"/],
    ['no execute_immediately', { execute_immediately: undefined }, /^execute_immediately:/],
    ['lower-case y', { execute_immediately: 'y' }, /^execute_immediately:/],
    ['boolean execute', { execute_immediately: true }, /^execute_immediately:/],
    ['numeric name', { name: 5 }, /^name:/],
    ['array overwrite', { overwrite_parameters: [] }, /^overwrite_parameters:/],
    ['unknown parameter', { overwrite_parameters: { nope: 1 } }, /^overwrite_parameters: parameter "nope" does not exist/],
    ['unfilled parameter', { overwrite_parameters: { empty: 'x' } }, /^overwrite_parameters: parameter "empty" is not filled/],
  ]

  test.each(bad)('rejects %s with INVALID_PAYLOAD naming the field', (_name, change, message) => {
    const { model } = base()
    const body = typeof change === 'string' ? change : JSON.stringify({ ...validDuplicate, ...change })
    const res = call(model, 'POST', '/pipelines', { body })
    expect(res.status).toBe(200)
    const parsed = bodyOf(res) as { success: boolean; error: string; message: string }
    expect(parsed).toMatchObject({ success: false, error: 'INVALID_PAYLOAD' })
    expect(parsed.message).toMatch(message)
    expect(model.createdPipelineIds()).toEqual([])
    expect(model.log[0]).toMatchObject({ kind: 'duplicate', outcome: 'bad_request' })
  })

  test('creates pipelines with the doubly nested answer; twice makes two', () => {
    const { model, clock } = base()
    const t0 = clock.now()
    const full = {
      ...validDuplicate,
      client_id: 7,
      name: 'copy',
      deltas_tables: { '': 'd', statuses: 'ds' },
      overwrite_parameters: { __kdd_ad_account: ['act_2'] },
    }
    const first = call(model, 'POST', '/pipelines', { body: full })
    expect(bodyOf(first)).toEqual({ success: true, data: { success: true, data: { new_pipeline_id: 900001 } } })
    const second = call(model, 'POST', '/pipelines', { body: validDuplicate })
    expect(bodyOf(second)).toEqual({ success: true, data: { success: true, data: { new_pipeline_id: 900002 } } })
    expect(model.createdPipelineIds()).toEqual([900001, 900002])
    expect(model.duplicatePayload(900001)).toEqual(full)
    expect(model.pipelineStatus(900001)).toEqual({
      status: 'building_tables',
      is_running: false,
      is_active: true,
      is_blocked: true,
      raw_msg: null,
    })
    clock.set(t0 + 2999)
    expect(model.pipelineStatus(900001).status).toBe('building_tables')
    clock.set(t0 + 3000)
    expect(model.pipelineStatus(900001).status).toBe('active')
    // The copy has the base's table paths: duplicating the copy needs the same keys.
    const again = call(model, 'POST', '/pipelines', { body: { ...validDuplicate, pipeline_id: 900001 } })
    expect(bodyOf(again)).toMatchObject({ success: true })
    expect(model.runCount(2040)).toBe(0)
  })

  test('execute_immediately Y builds tables then runs with the base settings', () => {
    const { model, clock } = base()
    const t0 = clock.now()
    call(model, 'POST', '/pipelines', { body: { ...validDuplicate, execute_immediately: 'Y' } })
    const at = (ms: number) => {
      clock.set(t0 + ms)
      return model.pipelineStatus(900001).status
    }
    expect([at(0), at(2999), at(3000), at(3099), at(3100), at(3299), at(3300)]).toEqual([
      'building_tables',
      'building_tables',
      'scheduled',
      'scheduled',
      'running',
      'running',
      'active',
    ])
  })

  test('a run requested while tables are being built follows the build', () => {
    const { model, clock } = base()
    const t0 = clock.now()
    call(model, 'POST', '/pipelines', { body: validDuplicate })
    clock.set(t0 + 1000)
    expect(bodyOf(call(model, 'POST', '/pipelines/900001/run'))).toEqual({ success: true })
    expect(model.runCount(900001)).toBe(1)
    expect(model.pipelineStatus(900001).status).toBe('building_tables')
    clock.set(t0 + 3000)
    expect(model.pipelineStatus(900001).status).toBe('scheduled')
    clock.set(t0 + 3300)
    expect(model.pipelineStatus(900001).status).toBe('active')
  })

  test('ids skip existing pipelines and honour options', () => {
    const { model } = newModel({ duplicate: { firstId: 50, buildingTablesMs: 0 } })
    model.addPipeline({ id: 50 })
    const res = call(model, 'POST', '/pipelines', { body: { ...validDuplicate, pipeline_id: 50, full_tables: { '': 't' } } })
    expect(bodyOf(res)).toEqual({ success: true, data: { success: true, data: { new_pipeline_id: 51 } } })
    expect(model.pipelineStatus(51).status).toBe('active')
  })
})

describe('faults on the model', () => {
  test('times, match and clearFaults', () => {
    const { model } = newModel()
    model.addPipeline({ id: 1 })
    model.addPipeline({ id: 2 })
    const f = model.inject({ type: 'http', status: 502 }, { match: { path: /^\/pipelines\/2\//, method: 'get' }, times: 2 })
    expect(call(model, 'GET', '/pipelines/1/status').status).toBe(200)
    expect(call(model, 'POST', '/pipelines/2/run').status).toBe(200)
    const hit = call(model, 'GET', '/pipelines/2/status')
    expect(hit.status).toBe(502)
    expect(hit.headers['content-type']).toMatch(/^text\/html/)
    expect(hit.body).toContain('502 Bad Gateway')
    expect(call(model, 'GET', '/pipelines/2/status').status).toBe(502)
    expect(call(model, 'GET', '/pipelines/2/status').status).toBe(200)
    expect(f).toMatchObject({ fired: 2, remaining: 0 })
    model.inject({ type: 'rate-limit' }, { times: Infinity, match: { kind: 'model-status' } })
    model.inject({ type: 'http', status: 200, body: '<html>maintenance</html>' }, { match: { path: '/pipelines/1/status' } })
    expect(call(model, 'GET', '/models/1/status').body).toContain('RATE_LIMIT_EXCEEDED')
    expect(call(model, 'GET', '/models/1/status').body).toContain('RATE_LIMIT_EXCEEDED')
    expect(call(model, 'GET', '/pipelines/1/status')).toMatchObject({ status: 200, body: '<html>maintenance</html>' })
    model.clearFaults()
    expect(call(model, 'GET', '/models/1/status').status).toBe(404)
    expect(model.log.filter((e) => e.fault !== undefined).map((e) => [e.fault, e.outcome])).toEqual([
      ['http', 'fault'],
      ['http', 'fault'],
      ['rate-limit', 'rate_limited'],
      ['rate-limit', 'rate_limited'],
      ['http', 'fault'],
    ])
  })

  test('before-faults never reach Kondado: no run, no quota used', () => {
    const { model } = newModel({ rateLimit: undefined })
    model.addPipeline({ id: 1 })
    model.inject({ type: 'http', status: 503 })
    model.inject({ type: 'reset' })
    expect(call(model, 'POST', '/pipelines/1/run').status).toBe(503)
    expect(call(model, 'POST', '/pipelines/1/run')).toMatchObject({ action: 'reset' })
    expect(model.runCount(1)).toBe(0)
    expect(bodyOf(call(model, 'POST', '/pipelines/1/run'))).toEqual({ success: true })
    expect(model.log.map((e) => e.status)).toEqual([503, 0, 200])
  })

  test('status fault replaces a successful status read only, and waits for one', () => {
    const { model, clock } = newModel({ rateLimit: undefined })
    model.addPipeline({ id: 1 })
    const f = model.inject({ type: 'status', value: { success: true, data: { 1: { status: 'running' } } } })
    expect(bodyOf(call(model, 'POST', '/pipelines/1/run'))).toEqual({ success: true }) // not a status read
    expect(bodyOf(call(model, 'GET', '/pipelines/1/status'))).toEqual(RATE_LIMIT_BODY) // not a success
    expect(f.fired).toBe(0)
    clock.advance(1000)
    expect(bodyOf(call(model, 'GET', '/pipelines/1/status'))).toEqual({ success: true, data: { 1: { status: 'running' } } })
    expect(f.fired).toBe(1)
  })

  test('redirect, huge, apply-then and truncate responses', () => {
    const { model } = newModel()
    model.addPipeline({ id: 1 })
    model.inject({ type: 'redirect', status: 307, location: 'https://elsewhere.example/' })
    expect(call(model, 'GET', '/pipelines/1/status')).toMatchObject({ status: 307, headers: { location: 'https://elsewhere.example/' } })
    model.inject({ type: 'huge', bytes: 100_000 })
    const huge = call(model, 'GET', '/pipelines/1/status')
    expect(huge.body.length).toBe(100_000)
    expect(() => JSON.parse(huge.body) as unknown).not.toThrow()
    model.inject({ type: 'apply-then', then: 'garbage' })
    expect(() => JSON.parse(call(model, 'GET', '/pipelines/1/status').body) as unknown).not.toThrow() // only POSTs
    expect(() => JSON.parse(call(model, 'POST', '/pipelines/1/run').body) as unknown).toThrow()
    expect(model.runCount(1)).toBe(1)
    model.inject({ type: 'apply-then', then: 'http-500' })
    expect(call(model, 'POST', '/pipelines', { body: { ...validDuplicate, pipeline_id: 1, full_tables: { '': 't' } } }).status).toBe(500)
    expect(model.createdPipelineIds()).toHaveLength(1)
    model.inject({ type: 'truncate' })
    const t = call(model, 'GET', '/pipelines/1/status')
    expect(t).toMatchObject({ status: 200, action: 'truncate' })
    expect(bodyOf(t)).toHaveProperty('1')
  })
})

// ---------------------------------------------------------------- over real HTTP

interface RawResult {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** node:http without keep-alive, so each call sees exactly what its own socket did. */
function raw(url: string, method = 'GET', timeoutMs = 10_000): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('aborted', () => reject(new Error('aborted')))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('timeout', () => req.destroy(new Error('client timeout')))
    req.on('error', reject)
    req.end()
  })
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (err) {
    const e = err as { code?: string; message?: string; cause?: { code?: string } }
    return e.code ?? e.cause?.code ?? e.message ?? 'unknown'
  }
  throw new Error('expected a failure')
}

describe('server', () => {
  let sim: KondadoSimulator
  let auth: string
  const url = (path: string) => `${sim.baseUrl}${path}?${auth}`

  beforeEach(async () => {
    sim = new KondadoSimulator({ key: KEY, token: TOKEN, rateLimit: false })
    sim.model.addPipeline({ id: 2040, tablePaths: ['', 'statuses'] })
    sim.model.addModel({ id: 162 })
    auth = new URLSearchParams({ key: KEY, token: TOKEN }).toString()
    await sim.start()
  })

  afterEach(async () => {
    await sim.stop()
  })

  test('listens on 127.0.0.1 and answers with fetch; encoded tokens match, raw "+" does not', async () => {
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await fetch(url('/pipelines/2040/status'))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ 2040: { status: 'active', is_running: false, is_active: true, is_blocked: false, raw_msg: null } })
    const run = await fetch(url('/pipelines/2040/run'), { method: 'POST' })
    expect(await run.json()).toEqual({ success: true })
    const dup = await fetch(url('/pipelines'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validDuplicate),
    })
    expect(await dup.json()).toEqual({ success: true, data: { success: true, data: { new_pipeline_id: 900001 } } })
    const unencoded = await fetch(
      `${sim.baseUrl}/models/162/status?key=${KEY}&token=${TOKEN.replace(/[^+ ]/g, (c) => encodeURIComponent(c))}`,
    )
    expect(unencoded.status).toBe(401)
    expect(sim.model.log.map((e) => e.outcome)).toEqual(['ok', 'ok', 'ok', 'unauthorized'])
    expect(sim.model.runCount(2040)).toBe(1)
  })

  test('http fault: an HTML 502 page from a proxy', async () => {
    sim.inject({ type: 'http', status: 502 })
    const res = await fetch(url('/pipelines/2040/status'))
    expect(res.status).toBe(502)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain('Bad Gateway')
  })

  test('status, rate-limit, redirect and huge faults', async () => {
    sim.inject({ type: 'status', value: {} })
    expect(await (await fetch(url('/pipelines/2040/status'))).json()).toEqual({})
    sim.inject({ type: 'rate-limit' })
    expect(await (await fetch(url('/models/162/status'))).json()).toEqual(RATE_LIMIT_BODY)
    sim.inject({ type: 'redirect', status: 301, location: 'http://127.0.0.1:9/elsewhere' })
    const redirected = await fetch(url('/pipelines/2040/status'), { redirect: 'manual' })
    expect(redirected.status).toBe(301)
    expect(redirected.headers.get('location')).toBe('http://127.0.0.1:9/elsewhere')
    sim.inject({ type: 'huge', bytes: 5_000_000 })
    const huge = await fetch(url('/pipelines/2040/status'))
    expect(huge.headers.get('content-length')).toBe('5000000')
    expect((await huge.text()).length).toBe(5_000_000)
  })

  test('reset: no answer and nothing applied', async () => {
    sim.inject({ type: 'reset' }, { match: { kind: 'run' } })
    expect(await errorCode(raw(url('/pipelines/2040/run'), 'POST'))).toBe('ECONNRESET')
    expect(sim.model.runCount(2040)).toBe(0)
    await expect(fetch(url('/pipelines/2040/status'))).resolves.toHaveProperty('status', 200)
  })

  test('apply-then reset: the run starts but the answer is lost', async () => {
    sim.inject({ type: 'apply-then', then: 'reset' })
    expect(await errorCode(raw(url('/pipelines/2040/run'), 'POST'))).toBe('ECONNRESET')
    expect(sim.model.runCount(2040)).toBe(1)
    expect(sim.model.pipelineStatus(2040).status).toBe('scheduled')
  })

  test('apply-then hang on duplicate: created, never answered', async () => {
    sim.inject({ type: 'apply-then', then: 'hang' })
    const err = await fetch(url('/pipelines'), {
      method: 'POST',
      body: JSON.stringify(validDuplicate),
      signal: AbortSignal.timeout(200),
    }).catch((e: unknown) => e)
    expect((err as Error).name).toBe('TimeoutError')
    expect(sim.model.createdPipelineIds()).toEqual([900001])
  })

  test('hang: a client-side timeout fires and nothing is applied', async () => {
    sim.inject({ type: 'hang' })
    const started = Date.now()
    const err = await fetch(url('/pipelines/2040/run'), { method: 'POST', signal: AbortSignal.timeout(200) }).catch((e: unknown) => e)
    expect((err as Error).name).toBe('TimeoutError')
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    expect(sim.model.runCount(2040)).toBe(0)
  })

  test('truncate: headers and half the body, then the socket dies', async () => {
    sim.inject({ type: 'truncate' })
    const res = await fetch(url('/pipelines/2040/status'))
    expect(res.status).toBe(200)
    // The length of the whole answer, of which only half comes.
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(JSON.stringify({ 2040: sim.model.pipelineStatus(2040) })))
    await expect(res.text()).rejects.toThrow()
    sim.inject({ type: 'truncate' })
    expect(await errorCode(raw(url('/pipelines/2040/status')))).toMatch(/aborted|ECONNRESET/)
  })

  test('refuseConnectionsFor: ECONNREFUSED, then the same port works again', async () => {
    const before = sim.baseUrl
    await fetch(url('/pipelines/2040/status')) // leaves a keep-alive socket that the outage must drop
    await sim.refuseConnectionsFor(1_500) // long enough for the two refused calls below on a busy machine
    expect(await errorCode(raw(url('/pipelines/2040/status')))).toBe('ECONNREFUSED')
    expect(await errorCode(fetch(url('/pipelines/2040/status')))).toMatch(/ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET/)
    // Back once the re-listen is done, however long a busy machine takes to get there.
    while ((await raw(url('/pipelines/2040/status')).catch(() => null)) === null) await new Promise((r) => setTimeout(r, 50))
    expect(sim.baseUrl).toBe(before)
    expect((await raw(url('/pipelines/2040/status'))).status).toBe(200)
    expect((await fetch(url('/pipelines/2040/status'))).status).toBe(200)
  })

  test('refuseConnectionsUntil: ECONNREFUSED however long it takes, until released; then the same port works', async () => {
    const before = sim.baseUrl
    const release = Promise.withResolvers<void>()
    await sim.refuseConnectionsUntil(release.promise)
    expect(await errorCode(raw(url('/pipelines/2040/status')))).toBe('ECONNREFUSED')
    await new Promise((r) => setTimeout(r, 300))
    expect(await errorCode(raw(url('/pipelines/2040/status')))).toBe('ECONNREFUSED')
    release.resolve()
    while ((await raw(url('/pipelines/2040/status')).catch(() => null)) === null) await new Promise((r) => setTimeout(r, 50))
    expect(sim.baseUrl).toBe(before)
    expect(sim.model.log.map((e) => e.outcome)).toEqual(['ok'])
  })

  test('stop() returns promptly with a hanging connection open', async () => {
    sim.inject({ type: 'hang' }, { times: Infinity })
    // The clients would wait 50 s: a stop() that waited for the hanging requests could not end first.
    const pending = [raw(url('/pipelines/2040/status'), 'GET', 50_000), raw(url('/models/162/status'), 'GET', 50_000)]
    const settled = Promise.allSettled(pending)
    while (sim.model.log.length < 2) await new Promise((r) => setTimeout(r, 5))
    const started = Date.now()
    await sim.stop()
    expect(Date.now() - started).toBeLessThan(10_000)
    const results = await settled
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
  })

  test('stop() during an outage cancels the re-listen', async () => {
    const port = sim.port
    await sim.refuseConnectionsFor(100)
    await sim.stop()
    await new Promise((r) => setTimeout(r, 200))
    expect(await errorCode(raw(`http://127.0.0.1:${port}/models/162/status?${auth}`))).toBe('ECONNREFUSED')
  })
})

describe('demo scenario and CLI', () => {
  test('demo pipelines and models', () => {
    const { model, clock } = newModel()
    demoScenario(model)
    expect(model.pipelineStatus(2042)).toMatchObject({
      status: 'too_many_consecutive_failed_builds__blocked',
      is_active: false,
      is_blocked: true,
    })
    expect(model.pipelineStatus(2042).raw_msg).toEqual(expect.any(String))
    expect(model.pipelineStatus(2043)).toMatchObject({ status: 'not_active', is_active: false })
    expect(model.modelStatus(162)).toMatchObject({ status: 'active', kubo_status_type: 'operational' })
    expect(model.modelStatus(163)).toMatchObject({ status: 'active', kubo_status_type: 'rebuilding' })
    expect(model.modelStatus(164)).toMatchObject({ status: 'running', is_running: true })
    const t0 = clock.now()
    call(model, 'POST', '/pipelines/2040/run')
    call(model, 'POST', '/pipelines/2041/run')
    clock.set(t0 + 2000)
    expect(model.pipelineStatus(2040).status).toBe('running')
    clock.set(t0 + 8000)
    expect(model.pipelineStatus(2040)).toEqual({ status: 'active', is_running: false, is_active: true, is_blocked: false, raw_msg: null })
    expect(model.pipelineStatus(2041)).toMatchObject({ status: 'active', raw_msg: 'Could not connect to the source: connection timed out' })
    expect(model.modelStatus(164)).toMatchObject({ status: 'active', kubo_status_type: 'operational' })
    // Model 165 runs 20 s after 2040's run ended (at 8 s), however late that end is noticed: queued 2 s, running 10 s.
    clock.set(t0 + 27_999)
    expect(model.modelStatus(165)).toMatchObject({ status: 'active' })
    clock.set(t0 + 28_000)
    expect(model.modelStatus(165)).toMatchObject({ status: 'scheduled' })
    clock.set(t0 + 30_000)
    expect(model.modelStatus(165)).toMatchObject({ status: 'running', is_running: true })
    clock.set(t0 + 40_000)
    expect(model.modelStatus(165)).toMatchObject({ status: 'active', kubo_status_type: 'operational' })
    const dup = call(model, 'POST', '/pipelines', { body: validDuplicate })
    expect(bodyOf(dup)).toMatchObject({ success: true })
  })

  test('cli prints one URL line, serves the demo and exits cleanly on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../simulator/cli.ts', import.meta.url))
    const child = spawn(process.execPath, [cli, '--port', '0', '--key', 'k', '--token', 't t', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (d: string) => {
      out += d
    })
    while (!out.includes('\n')) {
      if (child.exitCode !== null) throw new Error('cli exited early')
      await new Promise((r) => setTimeout(r, 10))
    }
    const match = /^KONDADO_SIMULATOR_URL=(http:\/\/127\.0\.0\.1:\d+)\n$/.exec(out)
    expect(match).not.toBeNull()
    const res = await fetch(`${match?.[1]}/models/163/status?key=k&token=t%20t`)
    expect(await res.json()).toMatchObject({ success: true, data: { 163: { kubo_status_type: 'rebuilding' } } })
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const [code] = (await exited) as [number | null]
    expect(code).toBe(0)
    expect(out.split('\n').filter(Boolean)).toHaveLength(1)
  })
})
