import { describe, expect, test } from '@jest/globals'
import { awaitNext, track, type Tracked } from '../../src/core/waiter.ts'
import type { ResourceRef, ResourceReport, Verdict } from '../../src/core/vocabulary.ts'
import { readAt, readNow, releaseModels, waitAll } from '../../src/core/wait-loop.ts'
import { fakeRun } from './fake-run.ts'
import { snap } from './helpers.ts'

const pipeline = (id: number): ResourceRef => ({ kind: 'pipeline', id })
const RUNNING = snap('running', { isRunning: true })
const busyAt = (id: number, nextAt: number): Tracked => ({ ...track(pipeline(id), 0, false), nextAt })
const settlingAt = (id: number, nextAt: number): Tracked => {
  const base = track(pipeline(id), 0, false)
  const idle = snap('active', { isRunning: false })
  return { ...base, nextAt, state: { ...base.state, phase: 'settling', last: idle, candidate: idle, candidateAt: 0 } }
}

describe('which resource is read next', () => {
  test('of two due at the same time, the first in the list', async () => {
    const { run, reads } = fakeRun({ status: async () => Promise.reject(new Error('stop')) })
    await waitAll(run, [busyAt(1, 0), busyAt(2, 0)])
    expect(reads).toEqual(['1@0', '2@0'])
  })

  test('a due confirming read goes before a more overdue one; one not yet due does not', async () => {
    const { run, reads } = fakeRun({ status: async () => Promise.reject(new Error('stop')) }, { now: 300 })
    await waitAll(run, [busyAt(1, 100), settlingAt(2, 10_000), settlingAt(3, 300)])
    expect(reads).toEqual(['3@300', '1@300', '2@10000'])
  })
})

describe('the last read before the deadline', () => {
  // Deadline 10 s: the last read is taken at 8.5 s.
  const deadline = 10_000

  test('a read due exactly at the last moment is an ordinary read, and the final one follows it', async () => {
    const { run, reads } = fakeRun({ status: async () => RUNNING }, { deadline })
    const [report] = await waitAll(run, [busyAt(1, 8_500)])
    expect(reads).toEqual(['1@8500', '1@8500'])
    expect(report).toMatchObject({ verdict: 'timed-out', snapshot: RUNNING })
  })

  test('a read due after the last moment is pulled forward to it, once', async () => {
    const { run, reads } = fakeRun({ status: async () => RUNNING }, { deadline })
    await waitAll(run, [busyAt(1, 9_000)])
    expect(reads).toEqual(['1@8500'])
  })

  test('at the last moment itself the final read is still taken; past it, none', async () => {
    const atIt = fakeRun({ status: async () => RUNNING }, { deadline, now: 8_500 })
    await waitAll(atIt.run, [busyAt(1, 9_000)])
    expect(atIt.reads).toEqual(['1@8500'])
    const past = fakeRun({ status: async () => RUNNING }, { deadline, now: 8_501 })
    const [report] = await waitAll(past.run, [busyAt(1, 9_000)])
    expect(past.reads).toEqual([])
    expect(report).toMatchObject({ resource: pipeline(1), verdict: 'timed-out' })
  })

  test('every resource gets its final read, and the reports keep their order', async () => {
    const { run, reads } = fakeRun({ status: async () => RUNNING }, { deadline })
    const reports = await waitAll(run, [busyAt(1, 9_000), busyAt(2, 9_500)])
    expect(reads).toEqual(['1@8500', '2@8500'])
    expect(reports.map((r) => [r.resource.id, r.verdict])).toEqual([
      [1, 'timed-out'],
      [2, 'timed-out'],
    ])
  })
})

const trackedPipeline = (id: number): Tracked => track({ kind: 'pipeline', id }, 0, false)
const held = (id: number): Tracked => awaitNext({ kind: 'model', id }, 0, true)
const ended = (tracked: Tracked, verdict: Verdict): Tracked => ({
  ...tracked,
  report: { resource: tracked.resource, verdict, elapsedMs: 0 },
})

describe('held models, once the pipelines are done', () => {
  test('while a pipeline is open, nothing changes', () => {
    const { run, events } = fakeRun({}, { now: 5_000 })
    const roster = [ended(trackedPipeline(1), 'healthy'), trackedPipeline(2), held(165)]
    expect(releaseModels(run, roster)).toBe(roster)
    expect(events).toEqual([])
  })

  test('every pipeline healthy: each start window opens now, told, due at once', () => {
    const { run, events } = fakeRun({}, { now: 5_000 })
    const done = ended(trackedPipeline(1), 'healthy')
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
      const roster = releaseModels(run, [ended(trackedPipeline(1), 'healthy'), ended(trackedPipeline(2), verdict), held(165)])
      const expected: ResourceReport = { resource: { kind: 'model', id: 165 }, verdict: 'not-waited', elapsedMs: 5_000, nextRun: true }
      expect(roster[2]?.report).toEqual(expected)
      expect(events).toEqual([{ type: 'settled', report: expected }])
    },
  )

  test('a model already settled (a refused key, say) is left as it is', () => {
    const { run, events } = fakeRun({}, { now: 5_000 })
    const settled = ended(held(165), 'error')
    const roster = [ended(trackedPipeline(1), 'healthy'), settled]
    expect(releaseModels(run, roster)).toBe(roster)
    expect(events).toEqual([])
  })
})

describe('the budget while models are held', () => {
  test('they share it only once read', () => {
    expect(readNow([trackedPipeline(1), trackedPipeline(2), held(165)])).toBe(2)
    expect(readNow([awaitNext({ kind: 'model', id: 165 }, 0, false)])).toBe(1)
  })

  test('a read waits for room for itself and three first reads of each held model', () => {
    const asked: number[] = []
    const { run: planned } = fakeRun({ roomFor: (count) => (asked.push(count), 40_000) })
    const due = { ...trackedPipeline(1), nextAt: 10_000 }
    expect(readAt(planned, [due, held(165), held(166)], due)).toBe(40_000)
    expect(readAt(planned, [due, held(165)], { ...due, nextAt: 50_000 })).toBe(50_000)
    expect(asked).toEqual([7, 4])
    expect(readAt(planned, [due, ended(held(165), 'cancelled')], due)).toBe(10_000)
    expect(asked).toEqual([7, 4])
  })
})
