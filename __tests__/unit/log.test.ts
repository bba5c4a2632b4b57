import { describe, test, expect } from '@jest/globals'
import { Problem } from '../../src/core/problem.ts'
import type { ResourceRef, ResourceReport, StepEvent, StepSettings } from '../../src/core/vocabulary.ts'
import { EventLog, type Logger } from '../../src/report/log.ts'
import { en } from '../../src/messages/en.ts'
import { ptBR } from '../../src/messages/pt-BR.ts'
import { snap } from './helpers.ts'

const SETTINGS: StepSettings = {
  command: 'run',
  pipelineIds: [2040, 2041],
  modelIds: [],
  wait: true,
  ifRunning: 'wait',
  timeoutMs: 3_600_000,
  polling: { minIntervalMs: 3_000, maxIntervalMs: 120_000, startTimeoutMs: 120_000 },
  waitFor: 'current',
  modelStartTimeoutMs: 600_000,
}

interface Recorded {
  info: string[]
  debug: string[]
  error: { line: string; title: string }[]
}

function setup(m = en, settings = SETTINGS): { log: EventLog; out: Recorded; at: (ms: number) => void } {
  const out: Recorded = { info: [], debug: [], error: [] }
  const logger: Logger = {
    info: (line) => out.info.push(line),
    debug: (line) => out.debug.push(line),
    error: (line, title) => out.error.push({ line, title }),
  }
  let now = 1_000_000
  const log = new EventLog(m, logger, settings, () => now, 20)
  return { log, out, at: (ms) => (now = 1_000_000 + ms) }
}

const P1: ResourceRef = { kind: 'pipeline', id: 2040 }
const P2: ResourceRef = { kind: 'pipeline', id: 2041 }

describe('lines', () => {
  test('one stamped line per event, in order', () => {
    const { log, out, at } = setup()
    const events: [number, StepEvent][] = [
      [0, { type: 'status', resource: P1, snapshot: snap('active') }],
      [1_100, { type: 'triggered', resource: P1 }],
      [3_300, { type: 'status', resource: P1, snapshot: snap('scheduled') }],
      [3_300, { type: 'run-seen', resource: P1 }],
      [75_000, { type: 'status', resource: P1, snapshot: snap('active', { rawMsg: 'Source unreachable' }) }],
    ]
    for (const [ms, event] of events) {
      at(ms)
      log.onEvent(event)
    }
    expect(out.info).toEqual([
      '[     0s] pipeline 2040: active',
      '[     1s] pipeline 2040: run requested; waiting for Kondado to show it queued or running.',
      '[     3s] pipeline 2040: scheduled',
      '[     3s] pipeline 2040: the run has started.',
      '[ 1m 15s] pipeline 2040: active, "Source unreachable"',
    ])
  })

  test('a model line names its kubo type', () => {
    const { log, out } = setup()
    log.onEvent({ type: 'status', resource: { kind: 'model', id: 162 }, snapshot: snap('active', { kuboStatusType: 'rebuilding' }) })
    expect(out.info).toEqual(['[     0s] model 162: active, model rebuilding'])
  })

  test('already running, for each if-running choice', () => {
    const { log, out } = setup()
    for (const ifRunning of ['wait', 'rerun', 'fail'] as const) log.onEvent({ type: 'already-running', resource: P1, ifRunning })
    expect(out.info).toHaveLength(3)
    expect(out.info[0]).toContain('waiting for that run instead of starting a second one')
    expect(out.info[1]).toContain("'if-running: rerun'")
    expect(out.info[2]).toContain("'if-running: fail'")
  })

  test('a lost trigger answer says it is not sent again', () => {
    const { log, out } = setup()
    log.onEvent({ type: 'trigger-unconfirmed', resource: P1, problem: new Problem('network', { networkCode: 'ECONNRESET' }) })
    expect(out.info[0]).toContain('pipeline 2040: the run request got no clear answer')
    expect(out.info[0]).toContain('it is not sent again')
  })

  test('a retry says when and which resource; a rate-limit pause that heals itself is information, not a warning', () => {
    const { log, out, at } = setup()
    at(12_000)
    log.retrying(new Problem('network', { networkCode: 'ECONNREFUSED' }), 2_000, P2)
    at(75_000)
    log.paused(63_000)
    expect(out.info).toEqual([
      '[    12s] pipeline 2041: the read failed (no connection, ECONNREFUSED); retrying in 2s.',
      // Until when, in UTC: the step's clock reads 1,075,000 ms since the epoch, plus the pause.
      "[ 1m 15s] Kondado's rate limit was reached (RATE_LIMIT_EXCEEDED): every request pauses for 1m 3s, until 00:18:58 UTC.",
    ])
    expect(out.error).toEqual([])
  })

  test('a debug line per request: method, path, outcome, time taken and the wait for its turn', () => {
    const { log, out, at } = setup()
    at(3_300)
    log.request({ method: 'GET', path: '/pipelines/2040/status', httpStatus: 200, tookMs: 140, waitedMs: 1_100 })
    log.request({ method: 'POST', path: '/pipelines/2040/run', failure: 'ECONNRESET', tookMs: 20, waitedMs: 0 })
    expect(out.debug).toEqual([
      '[     3s] GET /pipelines/2040/status: HTTP 200 in 140 ms, after 1100 ms waiting for its turn',
      '[     3s] POST /pipelines/2040/run: ECONNRESET in 20 ms, after 0 ms waiting for its turn',
    ])
    expect(out.info).toEqual([])
  })

  test('a created pipeline', () => {
    const { log, out } = setup()
    log.onEvent({ type: 'created', baseId: 2040, newId: 900001 })
    expect(out.info).toEqual(['[     0s] Created pipeline 900001 from pipeline 2040.'])
  })
})

describe('next runs', () => {
  const M1: ResourceRef = { kind: 'model', id: 165 }

  test('the start window opened: after the pipelines, or at the start with wait-for: next, with its length', () => {
    const { log, out } = setup(en, { ...SETTINGS, modelIds: [165], modelStartTimeoutMs: 900_000 })
    log.onEvent({ type: 'awaiting-next', resource: M1, afterPipelines: true })
    log.onEvent({ type: 'awaiting-next', resource: P1, afterPipelines: false })
    expect(out.info).toEqual([
      '[     0s] model 165: its pipelines ended healthy; waiting up to 15m for its next run to show queued or running.',
      "[     0s] pipeline 2040: waiting up to 2m for its next run to show queued or running ('wait-for: next'); the state shown now is not judged.",
    ])
  })

  test('a model not waited for, or not seen to start, is annotated with why', () => {
    const { log, out } = setup(ptBR, { ...SETTINGS, modelIds: [165] })
    log.onEvent({ type: 'settled', report: { resource: M1, verdict: 'not-waited', elapsedMs: 0, nextRun: true } })
    log.onEvent({
      type: 'settled',
      report: {
        resource: M1,
        verdict: 'not-started',
        elapsedMs: 0,
        nextRun: true,
        snapshot: snap('active', { kuboStatusType: 'operational' }),
      },
    })
    expect(out.error).toEqual([
      {
        title: 'modelo 165: não aguardado (0s)',
        line: 'O modelo 165 não foi aguardado: nem todos os pipelines deste step terminaram saudáveis, então a próxima execução dele não usaria dados atualizados.',
      },
      {
        title: 'modelo 165: não começou (0s)',
        line: 'A próxima execução do modelo 165 não apareceu na fila nem em execução em 10m depois do fim dos pipelines (a Kondado ainda mostra active, kubo_status_type operational). O modelo 165 pode ter um agendamento próprio em vez de ser executado depois desses pipelines, ou a execução pode ter terminado entre duas consultas. Confira o histórico de execuções no app.',
      },
    ])
  })
})

describe('verdicts and annotations', () => {
  const healthy: ResourceReport = { resource: P1, verdict: 'healthy', elapsedMs: 60_000, snapshot: snap('active') }
  const unhealthy: ResourceReport = {
    resource: P2,
    verdict: 'unhealthy',
    elapsedMs: 90_000,
    snapshot: snap('active', { rawMsg: 'Destination refused' }),
  }
  const refused: ResourceReport = {
    resource: { kind: 'model', id: 162 },
    verdict: 'error',
    elapsedMs: 1_000,
    problem: new Problem('credentials-refused', { httpStatus: 401 }),
  }

  test('a verdict is said once: a line when it passed, an annotation (its title the verdict and when) when it did not', () => {
    const { log, out } = setup()
    for (const report of [healthy, unhealthy, refused]) log.onEvent({ type: 'settled', report })
    expect(out.error).toEqual([
      { line: 'pipeline 2041 is not healthy: active, "Destination refused".', title: 'pipeline 2041: unhealthy (1m 30s)' },
      {
        line: expect.stringContaining('Kondado refused the key or token while reading model 162 (HTTP 401).'),
        title: 'model 162: error (1s)',
      },
    ])
    expect(out.info).toEqual(['[     0s] pipeline 2040: healthy (active) after 1m'])
  })

  test('a resource not read because the key was refused says so in a line: the refusal has the one annotation', () => {
    const { log, out } = setup()
    log.onEvent({ type: 'settled', report: { ...refused, keyRefusedBefore: true, resource: P2 } })
    expect(out.error).toEqual([])
    expect(out.info).toEqual([
      '[     0s] pipeline 2041 was not read: Kondado had already refused the key or token, and would refuse it here too.',
    ])
  })

  test('nothing is repeated at the end: the verdict line is the last line of each resource', () => {
    const { log, out, at } = setup()
    log.onEvent({ type: 'status', resource: P1, snapshot: snap('running') })
    at(60_000)
    log.onEvent({ type: 'status', resource: P1, snapshot: snap('active') })
    log.onEvent({ type: 'settled', report: healthy })
    expect(out.info).toEqual([
      '[     0s] pipeline 2040: running',
      '[     1m] pipeline 2040: active',
      '[     1m] pipeline 2040: healthy (active) after 1m',
    ])
  })

  test('a cancelled resource raises no annotation of its own: the step fails with one message', () => {
    const { log, out } = setup()
    const cancelled: ResourceReport = {
      resource: P1,
      verdict: 'cancelled',
      elapsedMs: 5_000,
      snapshot: snap('running'),
      problem: new Problem('cancelled'),
    }
    log.onEvent({ type: 'settled', report: cancelled })
    log.onEvent({ type: 'settled', report: { ...cancelled, resource: P2 } })
    expect(out.error).toEqual([])
    expect(out.info).toEqual([
      '[     0s] pipeline 2040: cancelled (running) after 5s',
      '[     0s] pipeline 2041: cancelled (running) after 5s',
    ])
  })

  test('pt-BR words', () => {
    const { log, out } = setup(ptBR)
    log.onEvent({ type: 'settled', report: unhealthy })
    log.retrying(new Problem('server-error', { httpStatus: 502 }), 4_000, P1)
    expect(out.info[0]).toBe('[     0s] pipeline 2040: a consulta falhou (erro de servidor, HTTP 502); nova tentativa em 4s.')
    expect(out.error[0]).toEqual({
      line: 'O pipeline 2041 não está saudável: active, "Destination refused".',
      title: 'pipeline 2041: com problema (1m 30s)',
    })
  })
})

describe('a quiet step', () => {
  test('says what it waits for and until when: the next read, a held trigger, the budget', () => {
    const { log, out, at } = setup()
    log.onEvent({ type: 'status', resource: P1, snapshot: snap('running', { isRunning: true }) })
    at(30_000)
    log.onEvent({ type: 'quiet', until: 1_000_000 + 145_000, reason: { kind: 'next-read', resource: P1, open: 2, phase: 'end' } })
    log.onEvent({ type: 'quiet', until: 1_000_000 + 45_000, reason: { kind: 'next-read', resource: P2, open: 2, phase: 'start' } })
    log.onEvent({ type: 'quiet', until: 1_000_000 + 70_000, reason: { kind: 'trigger-held', resource: P2 } })
    log.held(1_000_000 + 61_000)
    expect(out.info.slice(1)).toEqual([
      '[    30s] pipeline 2040: waiting for its run to end (last read: running); next read at 00:19:05 UTC, in 1m 55s.',
      '[    30s] pipeline 2041: waiting for its run to show queued or running; next read at 00:17:25 UTC, in 15s.',
      '[    30s] pipeline 2041: the run request waits until 00:17:50 UTC (in 40s), when the request budget can also pay for the reads that confirm its start.',
      '[    30s] The request budget (20 a minute) is spent: the next request goes at 00:17:41 UTC, in 31s.',
    ])
  })

  test('in Portuguese', () => {
    const { log, out } = setup(ptBR)
    log.onEvent({ type: 'quiet', until: 1_000_000 + 40_000, reason: { kind: 'next-read', resource: P1, open: 1, phase: 'end' } })
    log.onEvent({ type: 'building-tables', resource: P2 })
    expect(out.info).toEqual([
      '[     0s] pipeline 2040: aguardando a execução terminar (última consulta: sem status); próxima consulta às 00:17:20 (UTC), daqui a 40s.',
      '[     0s] O pipeline 2041 está criando as tabelas: a action espera a criação terminar e depois solicita a execução.',
    ])
  })
})
