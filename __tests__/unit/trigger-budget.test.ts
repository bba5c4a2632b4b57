import { describe, test, expect } from '@jest/globals'
import { seededRandom, VirtualClock } from '../../harness/virtual-clock.ts'
import { composeStep } from '../../src/core/index.ts'
import { MIN_GAP_MS } from '../../src/core/scheduler.ts'
import { CONFIRMING_READS } from '../../src/core/start-and-read.ts'
import { KondadoModel } from '../../simulator/index.ts'
import { modelTransport } from '../../simulator/transport.ts'
import { RUN_SETTINGS } from './helpers.ts'

const KEY = 'budget-key'
const TOKEN = 'budget-token'
const START = 1_000_000

/** A `run` of 2040 and 2041, whose runs last 8 s, after earlier steps on the key sent `earlier` requests a second apart. */
async function runAfter(earlier: number) {
  const clock = new VirtualClock(START)
  const model = new KondadoModel({ key: KEY, token: TOKEN, clock })
  for (const id of [2040, 2041]) model.addPipeline({ id, run: { queuedMs: 500, runningMs: 8_000 } })
  const posts: number[] = []
  const transport = modelTransport(model, {
    beforeRequest: (req) => {
      if (req.method === 'POST') posts.push(clock.now() - START)
    },
  })
  const sentBefore = Array.from({ length: earlier }, (_, i) => START - 20_000 + i * MIN_GAP_MS)
  const { report } = await composeStep(
    {
      settings: { ...RUN_SETTINGS, pipelineIds: [2040, 2041] },
      requestsPerMinute: 20,
      credentials: { key: KEY, token: TOKEN },
      baseUrl: new URL('https://k2.kondado.com.br'),
      transport,
    },
    { clock, random: seededRandom(1), sentBefore },
  )
  return { verdicts: report.resources.map((r) => r.verdict), posts, elapsed: report.elapsedMs }
}

describe('a trigger the budget can watch', () => {
  test('confirming reads: the three right after a trigger', () => {
    expect(CONFIRMING_READS).toBe(3)
  })

  test('on a nearly spent shared budget, a short run is triggered only when its start can be read, and is judged as it ended', async () => {
    const { verdicts, posts } = await runAfter(15)
    expect(verdicts).toEqual(['healthy', 'healthy'])
    // The second trigger waits for the window to have room for it and its confirming reads.
    expect(posts[1]).toBeGreaterThan(30_000)
  })

  test('on a fresh budget nothing is held back', async () => {
    const { verdicts, posts } = await runAfter(0)
    expect(verdicts).toEqual(['healthy', 'healthy'])
    expect(posts[1]).toBeLessThan(10_000)
  })
})
