import { describe, test, expect } from '@jest/globals'
import { actionTrial } from '../../bench/action.ts'
import { summarize } from '../../bench/metrics.ts'
import { actionInputs } from '../../bench/settings.ts'
import { actionDefaults } from '../../harness/action-defaults.ts'
import type { RunPlan } from '../../bench/world.ts'

const plans: RunPlan[] = [
  { id: 1001, lengthMs: 40_000, startedBeforeMs: 500 },
  { id: 1002, lengthMs: 25_000, startedBeforeMs: 0 },
]

describe('the action in virtual time', () => {
  test('one pipeline: judged after its end, within an interval, the confirming read and the trips', async () => {
    const result = await actionTrial([{ id: 1001, lengthMs: 40_000, startedBeforeMs: 500 }], 11)
    const [d] = result.detections
    // An end never detected leaves NaN, which fails both bounds.
    const delay = (d?.detectedAt ?? Number.NaN) - (d?.endAt ?? 0)
    expect(delay).toBeGreaterThan(2_000)
    // Interval at 40 s of age: 8 % of it, +15 % jitter = 3.7 s; then 2 s to confirm; four trips of at most 140 ms.
    expect(delay).toBeLessThan(3_700 + 2_000 + 4 * 140)
    expect(result.requests.every((r) => r.kind === 'pipeline-status' && r.outcome === 'ok')).toBe(true)
  })

  test('several pipelines: every run judged after its end, no read refused, the budget kept', async () => {
    const result = await actionTrial(plans, 11)
    for (const d of result.detections) {
      expect(d.detectedAt ?? Number.NaN).toBeGreaterThan(d.endAt)
    }
    const f = summarize([result])
    expect(f.refusedTotal).toBe(0)
    expect(f.maxPerWindow).toBeLessThanOrEqual(20)
    expect(f.minGapS).toBeGreaterThanOrEqual(1)
  })

  test('the same seed gives the same trial, request for request', async () => {
    const a = await actionTrial(plans, 5)
    const b = await actionTrial(plans, 5)
    expect(b).toEqual(a)
    const c = await actionTrial(plans, 6)
    expect(c.requests.map((r) => r.at)).not.toEqual(a.requests.map((r) => r.at))
  })
})

describe('settings', () => {
  test('come from action.yml through the action’s own parser', () => {
    const defaults = actionDefaults()
    const inputs = actionInputs({ command: 'wait', key: 'k', token: 't', 'pipeline-id': '1' })
    expect(inputs.step.polling.minIntervalMs).toBe(Number(defaults['poll-interval']) * 1000)
    expect(inputs.step.polling.maxIntervalMs).toBe(Number(defaults['max-poll-interval']) * 1000)
    expect(inputs.requestsPerMinute).toBe(Number(defaults['requests-per-minute']))
    expect(inputs.step.command).toBe('wait')
  })
})
