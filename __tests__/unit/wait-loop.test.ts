import { describe, test, expect } from '@jest/globals'
import { track, type Tracked } from '../../src/core/tracked.ts'
import type { ResourceRef } from '../../src/core/types.ts'
import { waitAll } from '../../src/core/wait-loop.ts'
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
