import { describe, test, expect } from '@jest/globals'
import { begin, isOpen, track } from '../../src/core/tracked.ts'
import { snap } from './helpers.ts'

const PIPELINE = { kind: 'pipeline', id: 2040 } as const

describe('tracked', () => {
  test('a resource starts open, due now, with nothing noted about it', () => {
    expect(track(PIPELINE, 500, false)).toEqual({
      resource: PIPELINE,
      state: { kind: 'pipeline', phase: 'busy', since: 500 },
      nextAt: 500,
      alreadyRunning: false,
      triggerUnconfirmed: false,
      rerunPending: false,
      finalReadTaken: false,
      judging: 'current',
      heldForPipelines: false,
    })
    expect(isOpen(track(PIPELINE, 0, true))).toBe(true)
  })

  test('a trigger opens the start window now and keeps the last state read', () => {
    const last = snap('active')
    const read = { ...track(PIPELINE, 0, false), state: { kind: 'pipeline', phase: 'busy', since: 0, last } as const, nextAt: 99 }
    expect(begin(read, 1_000)).toEqual({ ...read, state: { kind: 'pipeline', phase: 'starting', since: 1_000, last }, nextAt: 1_000 })
    expect(begin(track(PIPELINE, 0, false), 7).state).toEqual({ kind: 'pipeline', phase: 'starting', since: 7 })
  })
})
