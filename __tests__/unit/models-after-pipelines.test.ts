import { describe, test, expect } from '@jest/globals'
import { readAt, readNow, releaseModels } from '../../src/core/models-after-pipelines.ts'
import { awaitNext } from '../../src/core/next-run.ts'
import { track, type Tracked } from '../../src/core/tracked.ts'
import type { ResourceReport, Verdict } from '../../src/core/vocabulary.ts'
import { fakeRun } from './fake-run.ts'

const pipeline = (id: number): Tracked => track({ kind: 'pipeline', id }, 0, false)
const held = (id: number): Tracked => awaitNext({ kind: 'model', id }, 0, true)
const ended = (tracked: Tracked, verdict: Verdict): Tracked => ({
  ...tracked,
  report: { resource: tracked.resource, verdict, elapsedMs: 0 },
})

describe('held models, once the pipelines are done', () => {
  test('while a pipeline is open, nothing changes', () => {
    const { run, events } = fakeRun({}, { now: 5_000 })
    const roster = [ended(pipeline(1), 'healthy'), pipeline(2), held(165)]
    expect(releaseModels(run, roster)).toBe(roster)
    expect(events).toEqual([])
  })

  test('every pipeline healthy: each start window opens now, told, due at once', () => {
    const { run, events } = fakeRun({}, { now: 5_000 })
    const done = ended(pipeline(1), 'healthy')
    const roster = releaseModels(run, [done, held(165), held(166)])
    expect(roster).toEqual([done, awaitNext({ kind: 'model', id: 165 }, 5_000, false), awaitNext({ kind: 'model', id: 166 }, 5_000, false)])
    expect(events).toEqual([
      { type: 'awaiting-next', resource: { kind: 'model', id: 165 }, afterPipelines: true },
      { type: 'awaiting-next', resource: { kind: 'model', id: 166 }, afterPipelines: true },
    ])
  })

  test.each(['unhealthy', 'timed-out', 'error', 'already-running'] as const)(
    'one pipeline %s: every held model is not waited for, on its next run',
    (verdict) => {
      const { run, events } = fakeRun({}, { now: 5_000 })
      const roster = releaseModels(run, [ended(pipeline(1), 'healthy'), ended(pipeline(2), verdict), held(165)])
      const expected: ResourceReport = { resource: { kind: 'model', id: 165 }, verdict: 'not-waited', elapsedMs: 5_000, nextRun: true }
      expect(roster[2]?.report).toEqual(expected)
      expect(events).toEqual([{ type: 'settled', report: expected }])
    },
  )

  test('a model already settled (a refused key, say) is left as it is', () => {
    const { run, events } = fakeRun({}, { now: 5_000 })
    const settled = ended(held(165), 'error')
    const roster = [ended(pipeline(1), 'healthy'), settled]
    expect(releaseModels(run, roster)).toBe(roster)
    expect(events).toEqual([])
  })
})

describe('the budget while models are held', () => {
  test('they share it only once read', () => {
    expect(readNow([pipeline(1), pipeline(2), held(165)])).toBe(2)
    expect(readNow([awaitNext({ kind: 'model', id: 165 }, 0, false)])).toBe(1)
  })

  test('a read waits for room for itself and three first reads of each held model', () => {
    const asked: number[] = []
    const { run: planned } = fakeRun({ roomFor: (count) => (asked.push(count), 40_000) })
    const due = { ...pipeline(1), nextAt: 10_000 }
    expect(readAt(planned, [due, held(165), held(166)], due)).toBe(40_000)
    expect(readAt(planned, [due, held(165)], { ...due, nextAt: 50_000 })).toBe(50_000)
    expect(asked).toEqual([7, 4])
    expect(readAt(planned, [due, ended(held(165), 'cancelled')], due)).toBe(10_000)
    expect(asked).toEqual([7, 4])
  })
})
