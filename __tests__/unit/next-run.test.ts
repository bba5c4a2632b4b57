import { describe, test, expect } from '@jest/globals'
import { awaitNext, pacedReadAt, startWindowMs, waiterFor } from '../../src/core/next-run.ts'
import { track, type Tracked } from '../../src/core/tracked.ts'
import { RUN_SETTINGS } from './helpers.ts'

const MODEL = { kind: 'model', id: 162 } as const
const PIPELINE = { kind: 'pipeline', id: 2040 } as const
const SETTINGS = { ...RUN_SETTINGS, modelStartTimeoutMs: 600_000 }
const WAITER = { ...SETTINGS.waiter, readShareMs: 3_050 }

describe('the start window of a next run', () => {
  test("a model's is model-start-timeout, a pipeline's start-timeout", () => {
    expect(startWindowMs('model', SETTINGS)).toBe(600_000)
    expect(startWindowMs('pipeline', SETTINGS)).toBe(120_000)
  })

  test("the waiter's settings carry it, the rest kept", () => {
    expect(waiterFor(WAITER, SETTINGS, 'model')).toEqual({ ...WAITER, startTimeoutMs: 600_000 })
    expect(waiterFor(WAITER, SETTINGS, 'pipeline')).toEqual(WAITER)
  })
})

describe('awaiting a next run', () => {
  test('starts in the start window, judging the next run, due now; held, never due', () => {
    expect(awaitNext(MODEL, 500, false)).toEqual({
      ...track(MODEL, 500, true),
      state: { kind: 'model', phase: 'starting', since: 500 },
      judging: 'next',
      heldForPipelines: false,
      nextAt: 500,
    })
    expect(awaitNext(MODEL, 500, true)).toMatchObject({ heldForPipelines: true, nextAt: Number.POSITIVE_INFINITY })
  })
})

describe('the pace of the reads while a next run is awaited', () => {
  // Window from 1 s to 21 s; two resources share the budget: 6.1 s each.
  const awaiting: Tracked = { ...awaitNext(PIPELINE, 1_000, false) }
  const window = { ...WAITER, startTimeoutMs: 20_000 }

  test('never faster than the share of the budget of each open resource', () => {
    expect(pacedReadAt(awaiting, 3_000, 1_000, 2, window)).toBe(7_100)
    expect(pacedReadAt(awaiting, 9_000, 1_000, 2, window)).toBe(9_000)
    expect(pacedReadAt(awaiting, 3_000, 1_000, 1, { ...window, readShareMs: 3_050.5 })).toBe(4_051)
  })

  test('save the last read, still taken at the end of the window', () => {
    expect(pacedReadAt(awaiting, 20_000, 19_000, 2, window)).toBe(21_000)
    expect(pacedReadAt(awaiting, 21_000, 21_000, 2, window)).toBe(21_000)
  })

  test('a triggered run, a current one, or a next one already seen busy keep their own schedule', () => {
    expect(pacedReadAt(track(PIPELINE, 1_000, true), 3_000, 1_000, 2, window)).toBe(3_000)
    expect(pacedReadAt({ ...awaiting, judging: 'current' }, 3_000, 1_000, 2, window)).toBe(3_000)
    const busy = { ...awaiting, state: { ...awaiting.state, phase: 'busy' } } as const
    expect(pacedReadAt(busy, 3_000, 1_000, 2, window)).toBe(3_000)
  })
})
