import { describe, expect, test } from '@jest/globals'
import { VirtualClock } from '../../harness/virtual-clock.ts'
import { composeStep } from '../../src/core/index.ts'
import { emptyHistory, type RunHistory } from '../../src/core/run-history.ts'
import { KondadoModel } from '../../simulator/index.ts'
import { modelTransport } from '../../simulator/transport.ts'
import { RUN_SETTINGS } from './helpers.ts'

const KEY = 'compose-key'
const TOKEN = 'compose-token'

/** A `wait` on one long run, with `requestsPerMinute` as the whole budget. */
async function waitOnLongRun(requestsPerMinute: number, sentBefore: readonly number[] = []) {
  const clock = new VirtualClock(0)
  const model = new KondadoModel({ key: KEY, token: TOKEN, clock })
  model.addPipeline({ id: 2040, status: 'running' })
  const result = await composeStep(
    {
      settings: { ...RUN_SETTINGS, command: 'wait', timeoutMs: 30_000 },
      requestsPerMinute,
      credentials: { key: KEY, token: TOKEN },
      baseUrl: new URL('https://k2.kondado.com.br'),
      transport: modelTransport(model),
    },
    { clock, random: () => 0.5, sentBefore },
  )
  return { result, reads: model.log.map((e) => e.at) }
}

describe('the composition root', () => {
  test('the deadline is the timeout from the start, and every read of one resource takes its share of the budget', async () => {
    // 20 requests per 61 s: a read every 3.05 s, just over poll-interval's 3 s.
    const { result, reads } = await waitOnLongRun(20)
    expect(result.deadline).toBe(30_000)
    expect(reads.slice(0, 4)).toEqual([0, 3_050, 6_100, 9_150])
    expect(result.report.resources[0]?.verdict).toBe('timed-out')
  })

  test('requests-per-minute 10 halves the pace: a read every 6.1 s', async () => {
    const { reads } = await waitOnLongRun(10)
    expect(reads.slice(0, 3)).toEqual([0, 6_100, 12_200])
  })

  test('the send times come back for the next step, and an earlier step on the runner counts against the budget', async () => {
    const first = await waitOnLongRun(20)
    expect(first.result.recentSends).toEqual(first.reads)
    const earlier = Array.from({ length: 20 }, (_, i) => -60_000 + i * 1_000)
    const { reads } = await waitOnLongRun(20, earlier)
    // The window holds 20 sends already: the first read waits for the oldest to leave it.
    expect(reads[0]).toBe(1_000)
  })
})

/** A `wait` on a run the model shows running for 3 reads, then at rest, with the memory given (or none). */
async function waitWithHistory(history?: RunHistory) {
  const clock = new VirtualClock(0)
  const model = new KondadoModel({ key: KEY, token: TOKEN, clock })
  model.addPipeline({ id: 2040, status: 'running' })
  model.scriptPipeline(
    2040,
    { status: 'running' },
    { status: 'running' },
    { status: 'running' },
    { status: 'active' },
    { status: 'active' },
  )
  const result = await composeStep(
    {
      settings: { ...RUN_SETTINGS, command: 'wait', timeoutMs: 600_000 },
      requestsPerMinute: 20,
      credentials: { key: KEY, token: TOKEN },
      baseUrl: new URL('https://k2.kondado.com.br'),
      transport: modelTransport(model),
    },
    { clock, random: () => 0.5, ...(history ? { history } : {}) },
  )
  return { result, reads: model.log.map((e) => e.at) }
}

describe('the composition root with a run history', () => {
  test('no memory given (run-history off): the usual schedule, and nothing to save', async () => {
    const { result, reads } = await waitWithHistory()
    expect(reads).toEqual([0, 3_050, 6_100, 9_150, 11_150])
    expect(result.history).toBeUndefined()
  })

  test('an empty memory: the usual schedule, and the run seen is handed back to save', async () => {
    const { result } = await waitWithHistory(emptyHistory)
    expect(result.history).toEqual({ runs: { 'pipeline-2040': [{ minMs: 6_100, maxMs: 9_150, seenAt: 11_150 }] } })
  })

  test('a memory of a run that took 100 to 110 s: reads spaced by a tenth of that while the run is young', async () => {
    const history: RunHistory = { runs: { 'pipeline-2040': [{ minMs: 100_000, maxMs: 110_000, seenAt: 0 }] } }
    const { result, reads } = await waitWithHistory(history)
    // 10 % of the window's end (121 s), less the 7.5 % jitter of a 0.5 draw.
    expect(reads).toEqual([0, 11_193, 22_386, 33_579, 35_579])
    expect(result.history?.runs['pipeline-2040']).toEqual([
      { minMs: 100_000, maxMs: 110_000, seenAt: 0 },
      { minMs: 22_386, maxMs: 33_579, seenAt: 35_579 },
    ])
  })
})

const REDACT_KEY = 'compose-key-5'
const REDACT_TOKEN = 'compose-token-8'

describe('the composition root hides the credentials', () => {
  test('what Kondado echoes of the key or token never reaches the report', async () => {
    const { report } = await composeStep(
      {
        settings: { ...RUN_SETTINGS, command: 'status' },
        requestsPerMinute: 20,
        credentials: { key: REDACT_KEY, token: REDACT_TOKEN },
        baseUrl: new URL('https://k2.kondado.com.br'),
        transport: async () => ({
          status: 200,
          body: JSON.stringify({ 2040: { status: 'active', raw_msg: `bad key ${REDACT_KEY}, token ${REDACT_TOKEN}` } }),
        }),
      },
      { clock: new VirtualClock(0), random: () => 0.5 },
    )
    expect(report.resources[0]?.snapshot?.rawMsg).toBe('bad key ***, token ***')
  })
})
