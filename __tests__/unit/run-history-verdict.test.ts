// A planted run history changes at worst when reads are spent, never a verdict: the real
// composition root, the simulator's model and the virtual clock, given memories read back as the
// cache would hand them over, however absurd.

import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { seededRandom, VirtualClock } from '../../harness/virtual-clock.ts'
import { composeStep, type StepResult } from '../../src/core/index.ts'
import { emptyHistory, parseHistory, type RunHistory } from '../../src/core/run-history.ts'
import { DURATION_RANGE_MS } from '../../src/inputs/inputs.ts'
import { KondadoModel } from '../../simulator/index.ts'
import { modelTransport } from '../../simulator/transport.ts'
import { RUN_SETTINGS } from './helpers.ts'

const KEY = 'history-key'
const TOKEN = 'history-token'
const START = 1_750_000_000_000
const LONGEST = DURATION_RANGE_MS.max

/** A `run` of pipeline 2040 whose run lasts `runMs` from the trigger, with the memory given. */
async function runFor(runMs: number, timeoutMs: number, history: RunHistory | undefined, seed = 1): Promise<StepResult> {
  const clock = new VirtualClock(START)
  const model = new KondadoModel({ key: KEY, token: TOKEN, clock })
  model.addPipeline({ id: 2040, run: { runningMs: runMs } })
  return composeStep(
    {
      settings: { ...RUN_SETTINGS, timeoutMs },
      requestsPerMinute: 20,
      credentials: { key: KEY, token: TOKEN },
      baseUrl: new URL('https://k2.kondado.com.br'),
      transport: modelTransport(model),
    },
    { clock, random: seededRandom(seed), ...(history ? { history } : {}) },
  )
}

/** A memory as the cache hands it to the step: read back through the range checks. */
const planted = (runs: readonly unknown[]): RunHistory =>
  parseHistory(JSON.stringify({ format: 1, runs: { 'pipeline-2040': runs } }), START, LONGEST).history

describe('a planted memory never changes a verdict', () => {
  test('the issue: run lengths of 1e12 ms three times, seen in the future: a 4 s run is still healthy within seconds, not timed out', async () => {
    const absurd = { minMs: 1e12, maxMs: 1e12, seenAt: START + 1e12 }
    const history = planted([absurd, absurd, absurd])
    expect(history).toEqual(emptyHistory)
    const { report } = await runFor(4_000, 600_000, history)
    expect(report.resources.map((r) => r.verdict)).toEqual(['healthy'])
    expect(report.elapsedMs).toBeLessThan(15_000)
  })

  test('lengths within the limits but far longer than the timeout (72 h, for a 10 min timeout) are not used to predict: healthy in seconds', async () => {
    const long = { minMs: LONGEST, maxMs: LONGEST, seenAt: START }
    const history = planted([long, long, long])
    expect(history.runs['pipeline-2040']).toHaveLength(3)
    const { report, history: saved } = await runFor(4_000, 600_000, history)
    expect(report.resources.map((r) => r.verdict)).toEqual(['healthy'])
    expect(report.elapsedMs).toBeLessThan(15_000)
    // Kept and saved again with the new run: they may be another step's, with a longer timeout.
    expect(saved?.runs['pipeline-2040']).toHaveLength(4)
  })

  test('a memory that says "long" within the timeout: the short run is seen later, but seen, and healthy', async () => {
    // 9 to 10 min runs, a 10 min timeout: reads are spaced for a long run, and the 4 s run is
    // still seen to end and judged healthy well before the deadline.
    const history = planted([
      { minMs: 540_000, maxMs: 600_000, seenAt: START - 2 },
      { minMs: 540_000, maxMs: 600_000, seenAt: START - 1 },
    ])
    const { report } = await runFor(4_000, 600_000, history)
    expect(report.resources.map((r) => r.verdict)).toEqual(['healthy'])
    expect(report.elapsedMs).toBeLessThan(600_000 * 0.5)
  })

  test('property: whatever lengths the memory holds, a run that ends well within the timeout gets the verdict it gets without one', async () => {
    const stored = fc.record({
      minMs: fc.integer({ min: 0, max: LONGEST }),
      spread: fc.integer({ min: 0, max: LONGEST }),
      ageMs: fc.integer({ min: 0, max: 30 * 86_400_000 }),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(stored, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 60_000, max: 6 * 3_600_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 1_000 }),
        async (runs, timeoutMs, share, seed) => {
          // Any length the range checks let through, short or long, for a run that lasts from 4 s
          // to 70 % of the timeout less 15 s.
          const memory = planted(
            runs.map(({ minMs, spread, ageMs }) => ({ minMs, maxMs: Math.min(LONGEST, minMs + spread), seenAt: START - ageMs })),
          )
          const runMs = Math.round(4_000 + share * (0.7 * timeoutMs - 19_000))
          const without = await runFor(runMs, timeoutMs, undefined, seed)
          const withMemory = await runFor(runMs, timeoutMs, memory, seed)
          expect(without.report.resources.map((r) => r.verdict)).toEqual(['healthy'])
          expect(withMemory.report.resources.map((r) => r.verdict)).toEqual(['healthy'])
          expect(withMemory.report.elapsedMs).toBeLessThan(timeoutMs)
        },
      ),
      { seed: 20_250_611, numRuns: 150 },
    )
  })
})
