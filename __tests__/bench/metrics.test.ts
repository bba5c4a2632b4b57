import { describe, test, expect } from '@jest/globals'
import { maxInWindow, percentile, smallestGap, summarize, type TrialResult } from '../../bench/metrics.ts'
import type { RequestLogEntry } from '../../simulator/index.ts'

const read = (at: number, outcome: RequestLogEntry['outcome'] = 'ok', id = 1): RequestLogEntry => ({
  at,
  method: 'GET',
  path: `/pipelines/${id}/status`,
  kind: 'pipeline-status',
  outcome,
  status: 200,
  id,
})

describe('sliding window', () => {
  test('counts requests less than 60 s apart together, as Kondado does', () => {
    expect(maxInWindow([0, 59_999])).toBe(2)
    expect(maxInWindow([0, 60_000])).toBe(1)
  })

  test('finds the busiest window wherever it starts, whatever the order', () => {
    const times = [100_000, 0, 30_000, 70_000, 95_000, 125_000, 200_000]
    // 70 s, 95 s, 100 s and 125 s fall within 60 s of 70 s.
    expect(maxInWindow(times)).toBe(4)
  })

  test('is zero for no requests', () => {
    expect(maxInWindow([])).toBe(0)
  })
})

describe('smallest gap and percentile', () => {
  test('smallest gap between any two sorted times', () => {
    expect(smallestGap([5_000, 1_000, 2_100, 9_000])).toBe(1_100)
    expect(smallestGap([3])).toBeUndefined()
  })

  test('nearest-rank percentile returns a value that occurred', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1)
    expect(percentile(values, 0.95)).toBe(19)
    expect(percentile([7, 1, 3], 0.95)).toBe(7)
    expect(percentile([4], 0.5)).toBe(4)
    expect(() => percentile([], 0.95)).toThrow()
  })
})

describe('summarize', () => {
  const trial: TrialResult = {
    requests: [read(0), read(500, 'rate_limited'), read(1_600, 'ok', 2), read(10_000), read(11_000, 'ok', 2)],
    detections: [
      { id: 1, lengthMs: 8_000, endAt: 8_000, detectedAt: 10_200 },
      { id: 2, lengthMs: 10_000, endAt: 10_000 },
    ],
    deadline: 40_000,
  }

  test('reads per run, refusals, window and gap come from the request log', () => {
    const f = summarize([trial])
    expect(f.readsPerRun).toBe(2.5)
    expect(f.refusedTotal).toBe(1)
    expect(f.refusedPerStep).toBe(1)
    expect(f.maxPerWindow).toBe(5)
    expect(f.minGapS).toBe(0.5)
  })

  test('a run never detected counts up to the deadline and is flagged', () => {
    const f = summarize([trial])
    expect(f.undetected).toBe(1)
    // (2.2 s + 30 s) / 2
    expect(f.delayMeanS).toBeCloseTo(16.1, 6)
    expect(f.delayP95S).toBe(30)
    expect(f.delayShareMean).toBeCloseTo((2_200 / 8_000 + 30_000 / 10_000) / 2, 9)
  })

  test('figures over several trials: means per step, extremes over all', () => {
    const quiet: TrialResult = {
      requests: [read(0), read(5_000)],
      detections: [{ id: 1, lengthMs: 4_000, endAt: 4_000, detectedAt: 5_100 }],
      deadline: 40_000,
    }
    const f = summarize([trial, quiet])
    expect(f.trials).toBe(2)
    expect(f.pipelineRuns).toBe(3)
    expect(f.readsPerRun).toBe((2.5 + 2) / 2)
    expect(f.refusedPerStep).toBe(0.5)
    expect(f.maxPerWindow).toBe(5)
    expect(f.minGapS).toBe(0.5)
  })
})
