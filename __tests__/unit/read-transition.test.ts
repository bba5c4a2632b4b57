import { describe, test, expect } from '@jest/globals'
import { readTransition } from '../../src/core/read-transition.ts'
import { track } from '../../src/core/tracked.ts'
import { RUN_SETTINGS, snap } from './helpers.ts'

const PIPELINE = { kind: 'pipeline', id: 2040 } as const
const WAITER = { ...RUN_SETTINGS.waiter, readShareMs: 3_050 }
const RUNNING = snap('running', { isRunning: true })

describe('a read of a run already seen under way', () => {
  test('tells no run-seen again and, with wait: false, does not return on it', () => {
    const before = { ...track(PIPELINE, 0, false), state: { kind: 'pipeline', phase: 'busy', since: 0, last: RUNNING } as const }
    const { events, next } = readTransition(before, RUNNING, 5_000, WAITER, false)
    expect(events).toEqual([])
    expect(next).toEqual({ move: 'read-again' })
  })

  test('the first read showing the triggered run under way tells it, after the status', () => {
    const { events, next } = readTransition(track(PIPELINE, 0, true), RUNNING, 5_000, WAITER, false)
    expect(events).toEqual([
      { type: 'status', resource: PIPELINE, snapshot: RUNNING },
      { type: 'run-seen', resource: PIPELINE },
    ])
    expect(next).toEqual({ move: 'settle', verdict: 'started' })
  })
})
