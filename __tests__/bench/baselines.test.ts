import { describe, test, expect } from '@jest/globals'
import { fixedTrial, IDEAL_GAP_MS, idealTrial } from '../../bench/baselines.ts'
import { smallestGap, summarize } from '../../bench/metrics.ts'
import { KEY, planRuns, stageRuns, StagingClock, TOKEN, type RunPlan } from '../../bench/world.ts'
import { KondadoModel } from '../../simulator/index.ts'
import { seededRandom } from '../../harness/virtual-clock.ts'

const one: RunPlan[] = [{ id: 1001, lengthMs: 30_000, startedBeforeMs: 0 }]
const many = (n: number, lengthMs = 30_000): RunPlan[] =>
  Array.from({ length: n }, (_, i) => ({ id: 1001 + i, lengthMs, startedBeforeMs: 0 }))

describe('staging', () => {
  test('runs are under way when the wait begins, end when planned, and leave the whole budget', () => {
    let now = 0
    const clock = new StagingClock({ now: () => now })
    const model = new KondadoModel({ key: KEY, token: TOKEN, clock })
    const plans: RunPlan[] = [{ id: 1001, lengthMs: 10_000, startedBeforeMs: 1_500 }, ...many(19).map((p) => ({ ...p, id: p.id + 1 }))]
    const ends = stageRuns(model, clock, plans, 0)
    expect(ends.get(1001)).toBe(8_500)
    expect(model.pipelineStatus(1001).status).toBe('running')
    now = 8_499
    expect(model.pipelineStatus(1001).status).toBe('running')
    now = 8_500
    expect(model.pipelineStatus(1001).status).toBe('active')
    // Twenty reads a second apart from the wait's start: none refused, so setup spent nothing.
    const query = new URLSearchParams({ key: KEY, token: TOKEN })
    for (let i = 0; i < 20; i++) {
      now = i * 1_000
      model.handle({ method: 'GET', path: `/pipelines/${1001 + i}/status`, query, body: '' })
    }
    expect(model.log.filter((e) => e.at >= 0 && e.outcome === 'rate_limited')).toHaveLength(0)
  })

  test('plans vary lengths within the spread and are reproducible', () => {
    const a = planRuns(50, 100_000, seededRandom(3))
    expect(planRuns(50, 100_000, seededRandom(3))).toEqual(a)
    for (const p of a) {
      expect(p.lengthMs).toBeGreaterThanOrEqual(90_000)
      expect(p.lengthMs).toBeLessThanOrEqual(110_000)
      expect(p.startedBeforeMs).toBeGreaterThanOrEqual(0)
      expect(p.startedBeforeMs).toBeLessThanOrEqual(2_000)
    }
    expect(new Set(a.map((p) => p.lengthMs)).size).toBeGreaterThan(40)
  })
})

describe('fixed polling', () => {
  test('one pipeline: a read every interval, detection at the first read after the end', () => {
    const result = fixedTrial(5_000, one, 1)
    const [d] = result.detections
    const delay = (d?.detectedAt ?? Number.NaN) - 30_000
    expect(delay).toBeGreaterThan(0)
    expect(delay).toBeLessThan(5_000 + 4 * 140 + 1)
    // Reads at about 0, 5.2, 10.4 ... s: seven reach past 30 s.
    expect(result.requests.filter((r) => r.kind === 'pipeline-status')).toHaveLength(7)
    expect(result.requests.every((r) => r.outcome === 'ok')).toBe(true)
  })

  test('many pipelines at 5 s: Kondado refuses reads, and a refused read detects nothing', () => {
    const result = fixedTrial(5_000, many(20), 2)
    const refused = result.requests.filter((r) => r.outcome === 'rate_limited')
    // Twenty pipelines read every 5 s is 240 reads a minute against Kondado's 20.
    expect(refused).toHaveLength(152)
    for (const d of result.detections) {
      const accepted = result.requests.filter((r) => r.id === d.id && r.outcome === 'ok' && r.at >= d.endAt)
      if (d.detectedAt === undefined) continue
      // Detection is the answer to the first accepted read after the end, one trip back.
      const trip = d.detectedAt - (accepted[0]?.at ?? Number.NaN)
      expect(trip).toBeLessThanOrEqual(140)
      expect(trip).toBeGreaterThanOrEqual(60)
    }
    expect(summarize([result]).minGapS).toBeLessThan(1)
  })
})

describe('ideal round-robin', () => {
  test('spends exactly the budget: a read every 3 s, 20 in a minute, none refused', () => {
    const result = idealTrial(many(20))
    const times = result.requests.map((r) => r.at)
    expect(smallestGap(times)).toBe(IDEAL_GAP_MS)
    const f = summarize([result])
    expect(f.maxPerWindow).toBe(20)
    expect(f.refusedTotal).toBe(0)
    expect(f.undetected).toBe(0)
  })

  test('round robin over unfinished pipelines; detection on the first read after the end', () => {
    const result = idealTrial(many(3, 10_000))
    const order = result.requests.map((r) => r.id)
    // 0, 3, 6 s: all running; 9 s: 1001 still running (ends at 10 s); 12, 15 s: 1002, 1003 at rest; 18 s: 1001.
    expect(order).toEqual([1001, 1002, 1003, 1001, 1002, 1003, 1001])
    expect(result.detections.map((d) => d.detectedAt)).toEqual([18_200, 12_200, 15_200])
  })

  test('confirming: the read after one at rest goes to the same pipeline, and only it detects', () => {
    const result = idealTrial(many(3, 10_000), true)
    const order = result.requests.map((r) => r.id)
    // 12 s: 1002 at rest, confirmed at 15 s; 18 s: 1003 at rest, confirmed at 21 s; then 1001 twice.
    expect(order).toEqual([1001, 1002, 1003, 1001, 1002, 1002, 1003, 1003, 1001, 1001])
    expect(result.detections.map((d) => d.detectedAt)).toEqual([27_200, 15_200, 21_200])
    expect(summarize([result]).refusedTotal).toBe(0)
  })
})
