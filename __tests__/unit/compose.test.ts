import { describe, expect, test } from '@jest/globals'
import { VirtualClock } from '../../__fixtures__/virtual-clock.ts'
import { composeStep } from '../../src/core/compose.ts'
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
