import { describe, expect, test } from '@jest/globals'
import { type ReadPace, startWindowMs, type StatusSnapshot } from '../../src/core/vocabulary.ts'
import {
  awaitNext,
  begin,
  isOpen,
  nextReadAt,
  observe,
  pacedReadAt,
  readTransition,
  startWaiting,
  track,
  type Tracked,
  type WaitState,
} from '../../src/core/waiter.ts'
import { RUN_SETTINGS, snap } from './helpers.ts'
import { readPaces } from '../../src/core/step-context.ts'

const settings: ReadPace = { minIntervalMs: 3_000, maxIntervalMs: 120_000, startTimeoutMs: 120_000, readShareMs: 1_000 } // a budget share below poll-interval: one resource alone
const half = () => 0.5

/** Feeds reads at the given times and returns the phase after each one. */
function drive(state: WaitState, reads: readonly [number, StatusSnapshot][], s = settings): { state: WaitState; phases: string[] } {
  const phases: string[] = []
  for (const [at, snapshot] of reads) {
    state = observe(state, snapshot, at, s)
    phases.push(state.phase)
  }
  return { state, phases }
}

/** Reads what `read` says at each time `nextReadAt` asks for, until done; returns the read times. */
function follow(
  state: WaitState,
  start: number,
  read: (at: number) => StatusSnapshot,
  s = settings,
): { state: WaitState; times: number[] } {
  const times: number[] = []
  let at = start
  while (state.phase !== 'done') {
    times.push(at)
    state = observe(state, read(at), at, s)
    if (times.length > 1000) throw new Error('never settled')
    at = nextReadAt(state, at, s, half)
  }
  return { state, times }
}

describe('start confirmation after a trigger', () => {
  test('the old resting state shown first is not an end; the queued run moves the wait to busy', () => {
    let state = startWaiting('pipeline', 1_000, true)
    expect(state).toMatchObject({ kind: 'pipeline', phase: 'starting', since: 1_000 })
    expect(nextReadAt(state, 1_000, settings, half)).toBe(3_000)

    state = observe(state, snap('active'), 1_500, settings)
    expect(state.phase).toBe('starting')
    expect(state.outcome).toBeUndefined()
    expect(state.last?.status).toBe('active')
    expect(nextReadAt(state, 1_500, settings, half)).toBe(3_500)

    state = observe(state, snap('scheduled'), 3_500, settings)
    expect(state.phase).toBe('busy')
    // Age 2.5 s: 8 % of it is far below the minimum.
    expect(nextReadAt(state, 3_500, settings, half)).toBe(6_500)

    state = observe(state, snap('running'), 101_000, settings)
    expect(state.phase).toBe('busy')
    // 100 s after the trigger: 8.5 % is 8.5 s, shortened by the half draw of jitter to 7.863 s.
    expect(nextReadAt(state, 101_000, settings, half)).toBe(101_000 + 7_863)

    state = observe(state, snap('active'), 109_000, settings)
    expect(state.phase).toBe('settling')
    expect(nextReadAt(state, 109_000, settings, half)).toBe(111_000)

    state = observe(state, snap('active'), 111_000, settings)
    expect(state).toMatchObject({ phase: 'done', outcome: 'healthy' })
    expect(nextReadAt(state, 111_000, settings, half)).toBe(Number.POSITIVE_INFINITY)
  })

  test('an old failure shown first is not judged: only the new run counts', () => {
    const { state, phases } = drive(startWaiting('pipeline', 0, true), [
      [0, snap('active', { rawMsg: 'old failure' })],
      [2_000, snap('active', { rawMsg: 'old failure' })],
      [4_000, snap('running')],
      [20_000, snap('active')],
      [22_000, snap('active')],
    ])
    expect(phases).toEqual(['starting', 'starting', 'busy', 'settling', 'done'])
    expect(state.outcome).toBe('healthy')
  })

  test('building_tables counts as started for a pipeline but not for a model', () => {
    expect(observe(startWaiting('pipeline', 0, true), snap('building_tables'), 1_000, settings).phase).toBe('busy')
    expect(observe(startWaiting('model', 0, true), snap('building_tables'), 1_000, settings).phase).toBe('starting')
  })

  test('an unknown status does not count as started', () => {
    expect(observe(startWaiting('pipeline', 0, true), snap('paused'), 1_000, settings).phase).toBe('starting')
  })

  test('without a trigger the wait begins in busy', () => {
    expect(startWaiting('model', 500, false)).toEqual({ kind: 'model', phase: 'busy', since: 500 })
  })
})

describe('start window', () => {
  test('nothing busy within the window ends as not-started, with reads every 2 s up to its end', () => {
    const s = { ...settings, startTimeoutMs: 10_000 }
    const { state, times } = follow(startWaiting('pipeline', 0, true), 0, () => snap('active'), s)
    expect(times).toEqual([0, 2_000, 4_000, 6_000, 8_000, 10_000])
    expect(state).toMatchObject({ phase: 'done', outcome: 'not-started' })
    expect(state.last?.status).toBe('active')
  })

  test('the last read is taken exactly at the end of the window, not a whole interval past it', () => {
    const s = { ...settings, startTimeoutMs: 9_000 }
    const { state, times } = follow(startWaiting('pipeline', 1_000, true), 1_000, () => snap('active'), s)
    expect(times).toEqual([1_000, 3_000, 5_000, 7_000, 9_000, 10_000])
    expect(state.outcome).toBe('not-started')
  })

  test('a read just before the end keeps waiting; a run first seen on the last read counts', () => {
    const s = { ...settings, startTimeoutMs: 9_000 }
    const early = observe(startWaiting('pipeline', 0, true), snap('active'), 8_999, s)
    expect(early.phase).toBe('starting')
    expect(nextReadAt(early, 8_999, s, half)).toBe(9_000)
    const seen = observe(early, snap('scheduled'), 9_000, s)
    expect(seen.phase).toBe('busy')
    expect(seen.outcome).toBeUndefined()
  })

  test('on the real clock (epoch milliseconds) reads still come 2 s apart, then a quarter of the wait', () => {
    const trigger = Date.UTC(2025, 0, 1)
    const state = startWaiting('pipeline', trigger, true)
    expect(nextReadAt(state, trigger, settings, half) - trigger).toBe(2_000)
    expect(nextReadAt(state, trigger + 40_000, settings, half) - trigger).toBe(50_000)
    expect(nextReadAt(state, trigger + 110_000, settings, half) - trigger).toBe(120_000)
  })

  test('a read late past the window ends it at once, and the next read is due now', () => {
    const s = { ...settings, startTimeoutMs: 9_000 }
    const late = startWaiting('pipeline', 0, true)
    expect(nextReadAt(late, 30_000, s, half)).toBe(30_000)
    expect(observe(late, snap('active'), 30_000, s).outcome).toBe('not-started')
  })
})

describe('settling', () => {
  test('a flap (running, active, running, active, active) settles only on two identical resting reads', () => {
    const { state, phases } = drive(startWaiting('pipeline', 0, false), [
      [0, snap('running')],
      [3_000, snap('active')],
      [5_000, snap('running')],
      [8_000, snap('active')],
      [10_000, snap('active')],
    ])
    expect(phases).toEqual(['busy', 'settling', 'busy', 'settling', 'done'])
    expect(state.outcome).toBe('healthy')
  })

  test('a resting state that changes re-arms settling and the second one is judged', () => {
    const { state, phases } = drive(startWaiting('pipeline', 0, false), [
      [0, snap('running')],
      [3_000, snap('active')],
      [5_000, snap('active', { rawMsg: 'destination unreachable' })],
      [7_000, snap('active', { rawMsg: 'destination unreachable' })],
    ])
    expect(phases).toEqual(['busy', 'settling', 'settling', 'done'])
    expect(state.outcome).toBe('unhealthy')
    expect(state.last?.rawMsg).toBe('destination unreachable')
  })

  test('the candidate is the latest resting read', () => {
    const settlingOnce = observe(startWaiting('pipeline', 0, false), snap('active'), 1_000, settings)
    expect(settlingOnce.candidate).toEqual(snap('active'))
    const changed = observe(settlingOnce, snap('not_active'), 3_000, settings)
    expect(changed.candidate).toEqual(snap('not_active'))
    expect(changed.phase).toBe('settling')
    expect(observe(changed, snap('not_active'), 5_000, settings).outcome).toBe('unhealthy')
  })

  test('an unknown resting status ends with outcome unknown', () => {
    const { state } = drive(startWaiting('pipeline', 0, false), [
      [0, snap('running')],
      [3_000, snap('paused')],
      [5_000, snap('paused')],
    ])
    expect(state).toMatchObject({ phase: 'done', outcome: 'unknown' })
  })

  test('a model is judged with its kubo type, and a kubo change re-arms settling', () => {
    const rebuilding = snap('active', { kuboStatusType: 'rebuilding' })
    const operational = snap('active', { kuboStatusType: 'operational' })
    const ok = drive(startWaiting('model', 0, false), [
      [0, snap('running', { kuboStatusType: 'rebuilding' })],
      [3_000, rebuilding],
      [5_000, operational],
      [7_000, operational],
    ])
    expect(ok.phases).toEqual(['busy', 'settling', 'settling', 'done'])
    expect(ok.state.outcome).toBe('healthy')

    const stale = drive(startWaiting('model', 0, false), [
      [0, rebuilding],
      [2_000, rebuilding],
    ])
    expect(stale.state.outcome).toBe('unhealthy')
  })

  test('building_tables on a model is not busy: it settles as unknown', () => {
    const { state } = drive(startWaiting('model', 0, false), [
      [0, snap('building_tables', { kuboStatusType: 'operational' })],
      [2_000, snap('building_tables', { kuboStatusType: 'operational' })],
    ])
    expect(state.outcome).toBe('unknown')
  })

  test('a finished wait ignores further reads', () => {
    const done = drive(startWaiting('pipeline', 0, false), [
      [0, snap('active')],
      [2_000, snap('active')],
    ]).state
    expect(done.outcome).toBe('healthy')
    expect(observe(done, snap('not_active'), 4_000, settings)).toBe(done)
  })
})

describe('nextReadAt', () => {
  test('busy: relative to the age since the wait began, clamped', () => {
    const busy = startWaiting('pipeline', 10_000, false)
    expect(nextReadAt(busy, 10_000, settings, half)).toBe(13_000)
    expect(nextReadAt(busy, 110_000, settings, half)).toBe(117_863)
    expect(nextReadAt(busy, 110_000, settings, () => 0)).toBe(118_500)
    // At the cap the jitter still applies, so long parallel waits drift apart; never past the cap.
    expect(nextReadAt(busy, 10_000 + 4 * 3_600_000, settings, half)).toBe(10_000 + 4 * 3_600_000 + 111_000)
    expect(nextReadAt(busy, 10_000 + 4 * 3_600_000, settings, () => 0)).toBe(10_000 + 4 * 3_600_000 + 120_000)
  })

  test('settling: 2 s later, whatever the age', () => {
    const settling = observe(startWaiting('pipeline', 0, false), snap('active'), 3_600_000, settings)
    expect(settling.phase).toBe('settling')
    expect(nextReadAt(settling, 3_600_000, settings, half)).toBe(3_602_000)
  })

  test('a whole schedule for a 10-minute run', () => {
    const runEnd = 600_000
    const { state, times } = follow(startWaiting('pipeline', 0, false), 0, (at) => snap(at < runEnd ? 'running' : 'active'))
    expect(state.outcome).toBe('healthy')
    const expected = [0]
    let at = 0
    while (at < runEnd) {
      at += Math.round(Math.max(3_000, Math.min(Math.max(at * 0.085, 3_000), 120_000) * (1 - 0.15 * 0.5)))
      expected.push(at)
    }
    expected.push(at + 2_000)
    expect(times).toEqual(expected)
    // A fixed 3 s interval would take 200 reads for the same run.
    expect(times.length).toBe(52)
  })
})

describe('a confirming read taken too soon', () => {
  test('does not settle: a flap is ruled out only by two reads the full interval apart', () => {
    let state = startWaiting('pipeline', 0, false)
    state = observe(state, snap('active'), 10_000, settings)
    expect(state.phase).toBe('settling')
    state = observe(state, snap('active'), 11_200, settings)
    expect(state.phase).toBe('settling')
    state = observe(state, snap('active'), 12_000, settings)
    expect(state).toMatchObject({ phase: 'done', outcome: 'healthy' })
  })
})

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

const MODEL = { kind: 'model', id: 162 } as const
const SETTINGS = { ...RUN_SETTINGS, modelStartTimeoutMs: 600_000 }
const WAITER = { minIntervalMs: 3_000, maxIntervalMs: 120_000, startTimeoutMs: 120_000, readShareMs: 3_050 }

describe('the start window of a next run', () => {
  test("a model's is model-start-timeout, a pipeline's start-timeout", () => {
    expect(startWindowMs('model', SETTINGS)).toBe(600_000)
    expect(startWindowMs('pipeline', SETTINGS)).toBe(120_000)
  })

  test("each kind's read pace carries it, the rest kept", () => {
    expect(readPaces(SETTINGS, 3_050).model).toEqual({ ...WAITER, startTimeoutMs: 600_000 })
    expect(readPaces(SETTINGS, 3_050).pipeline).toEqual(WAITER)
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
