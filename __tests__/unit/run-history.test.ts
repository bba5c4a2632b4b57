import { describe, test, expect } from '@jest/globals'
import {
  addRuns,
  emptyHistory,
  HISTORY_FORMAT,
  HISTORY_MAX_AGE_MS,
  measuredRun,
  parseHistory,
  resourceKey,
  RESOURCES_KEPT,
  type RunHistory,
  RUNS_KEPT,
  runsOf,
  serializeHistory,
} from '../../src/core/run-history.ts'
import { observe, startWaiting, type WaitState } from '../../src/core/waiter.ts'
import type { ReadPace } from '../../src/core/vocabulary.ts'
import { snap } from './helpers.ts'

const settings: ReadPace = { minIntervalMs: 3_000, maxIntervalMs: 120_000, startTimeoutMs: 120_000, readShareMs: 1_000 }
const pipeline = { kind: 'pipeline', id: 2040 } as const
const model = { kind: 'model', id: 162 } as const
const DAY = 86_400_000

function after(state: WaitState, reads: readonly [number, string][]): WaitState {
  return reads.reduce((s, [at, status]) => observe(s, snap(status), at, settings), state)
}

describe('measuredRun: what the reads tell of a run that ended', () => {
  test('the constants', () => {
    expect([HISTORY_FORMAT, RUNS_KEPT, HISTORY_MAX_AGE_MS, RESOURCES_KEPT]).toEqual([1, 5, 30 * DAY, 100])
  })

  test('busy until the last busy read, at rest by the first read of the state it settled on, from the start of the wait', () => {
    const state = after(startWaiting('pipeline', 1_000, false), [
      [1_000, 'running'],
      [61_000, 'running'],
      [91_000, 'active'],
      [93_000, 'active'],
    ])
    expect(measuredRun(state)).toEqual({ minMs: 60_000, maxMs: 90_000 })
  })

  test('after a trigger, counted from the trigger', () => {
    const state = after(startWaiting('pipeline', 0, true), [
      [2_000, 'active'],
      [4_000, 'running'],
      [40_000, 'active'],
      [42_000, 'active'],
    ])
    expect(measuredRun(state)).toEqual({ minMs: 4_000, maxMs: 40_000 })
  })

  test('a flap: the end is the rest the run settled on, not the first one seen', () => {
    const state = after(startWaiting('pipeline', 0, false), [
      [0, 'running'],
      [10_000, 'active'],
      [12_000, 'running'],
      [30_000, 'active'],
      [32_000, 'active'],
    ])
    expect(measuredRun(state)).toEqual({ minMs: 12_000, maxMs: 30_000 })
  })

  test('nothing for a run never seen busy, one still going, or one that never started', () => {
    expect(
      measuredRun(
        after(startWaiting('pipeline', 0, false), [
          [0, 'active'],
          [2_000, 'active'],
        ]),
      ),
    ).toBeUndefined()
    expect(
      measuredRun(
        after(startWaiting('pipeline', 0, false), [
          [0, 'running'],
          [5_000, 'active'],
        ]),
      ),
    ).toBeUndefined()
    expect(
      measuredRun(
        after(startWaiting('pipeline', 0, true), [
          [0, 'active'],
          [130_000, 'active'],
        ]),
      ),
    ).toBeUndefined()
  })
})

describe('the memory: added to, trimmed, saved and read back', () => {
  test('runs are added per resource, most recent last, each with when it was seen', () => {
    const once = addRuns(emptyHistory, [{ resource: pipeline, runLength: { minMs: 1, maxMs: 2 } }, { resource: model }], 100)
    const twice = addRuns(once, [{ resource: pipeline, runLength: { minMs: 3, maxMs: 4 } }], 200)
    expect(runsOf(twice, pipeline)).toEqual([
      { minMs: 1, maxMs: 2, seenAt: 100 },
      { minMs: 3, maxMs: 4, seenAt: 200 },
    ])
    expect(runsOf(twice, model)).toEqual([])
    expect(resourceKey(model)).toBe('model-162')
  })

  test(`only the last ${RUNS_KEPT} runs of a resource are kept`, () => {
    let history: RunHistory = emptyHistory
    for (let i = 1; i <= 7; i++) history = addRuns(history, [{ resource: pipeline, runLength: { minMs: i, maxMs: i } }], i)
    expect(runsOf(history, pipeline).map((r) => r.minMs)).toEqual([3, 4, 5, 6, 7])
  })

  test(`runs older than 30 days are dropped, and only the ${RESOURCES_KEPT} resources seen last are kept`, () => {
    const old = addRuns(emptyHistory, [{ resource: model, runLength: { minMs: 1, maxMs: 1 } }], 0)
    const now = addRuns(old, [{ resource: pipeline, runLength: { minMs: 2, maxMs: 2 } }], 30 * DAY + 1)
    expect(Object.keys(now.runs)).toEqual(['pipeline-2040'])
    let many: RunHistory = emptyHistory
    for (let id = 1; id <= RESOURCES_KEPT + 2; id++)
      many = addRuns(many, [{ resource: { kind: 'pipeline', id }, runLength: { minMs: 1, maxMs: 1 } }], id)
    expect(Object.keys(many.runs)).toHaveLength(RESOURCES_KEPT)
    expect(runsOf(many, { kind: 'pipeline', id: 2 })).toEqual([])
    expect(runsOf(many, { kind: 'pipeline', id: 3 })).toEqual([{ minMs: 1, maxMs: 1, seenAt: 3 }])
  })

  test('a resource counts as seen at its latest run: one that ran long ago and again now is kept', () => {
    const regular = { kind: 'pipeline', id: 1 } as const
    let history = addRuns(emptyHistory, [{ resource: regular, runLength: { minMs: 1, maxMs: 1 } }], 0)
    for (let id = 2; id <= RESOURCES_KEPT; id++)
      history = addRuns(history, [{ resource: { kind: 'pipeline', id }, runLength: { minMs: 1, maxMs: 1 } }], id)
    history = addRuns(history, [{ resource: regular, runLength: { minMs: 2, maxMs: 2 } }], 1_000)
    history = addRuns(history, [{ resource: { kind: 'model', id: 1 }, runLength: { minMs: 1, maxMs: 1 } }], 1_001)
    expect(runsOf(history, regular).map((run) => run.seenAt)).toEqual([0, 1_000])
    // The one dropped is the resource seen least recently, pipeline 2.
    expect(runsOf(history, { kind: 'pipeline', id: 2 })).toEqual([])
  })

  test('saved as ids, lengths and times only, and read back the same', () => {
    const history = addRuns(emptyHistory, [{ resource: pipeline, runLength: { minMs: 5, maxMs: 9 } }], 1_000)
    const text = serializeHistory(history)
    expect(text).toBe('{"format":1,"runs":{"pipeline-2040":[{"minMs":5,"maxMs":9,"seenAt":1000}]}}')
    expect(parseHistory(text, 2_000)).toEqual(history)
  })

  test('anything unreadable is no memory, never an error; bad runs are left out one by one', () => {
    for (const text of [
      '',
      'not json',
      'null',
      '[]',
      '{"format":2,"runs":{"pipeline-1":[{"minMs":1,"maxMs":2,"seenAt":0}]}}',
      '{"format":1}',
      '{"format":1,"runs":null}',
    ]) {
      expect(parseHistory(text, 0)).toEqual(emptyHistory)
    }
    const mixed = JSON.stringify({
      format: 1,
      runs: {
        'pipeline-1': [
          { minMs: 5, maxMs: 4, seenAt: 0 },
          { minMs: -1, maxMs: 4, seenAt: 0 },
          { minMs: 1, maxMs: 'x', seenAt: 0 },
          null,
          { minMs: 1, maxMs: 2, seenAt: 0 },
        ],
        'pipeline-2': 'many',
        'pipeline-3': [{ minMs: 1, maxMs: 2 }],
      },
    })
    expect(parseHistory(mixed, 0)).toEqual({ runs: { 'pipeline-1': [{ minMs: 1, maxMs: 2, seenAt: 0 }] } })
    // A run seen to end between two reads at the same time is a length like any other.
    expect(parseHistory('{"format":1,"runs":{"pipeline-1":[{"minMs":3,"maxMs":3,"seenAt":0}]}}', 0)).toEqual({
      runs: { 'pipeline-1': [{ minMs: 3, maxMs: 3, seenAt: 0 }] },
    })
  })

  test('an old memory: its runs past 30 days are not read', () => {
    const text = '{"format":1,"runs":{"pipeline-2040":[{"minMs":1,"maxMs":2,"seenAt":0},{"minMs":3,"maxMs":4,"seenAt":' + 10 * DAY + '}]}}'
    expect(runsOf(parseHistory(text, 30 * DAY + 1), pipeline)).toEqual([{ minMs: 3, maxMs: 4, seenAt: 10 * DAY }])
    expect(parseHistory(text, 41 * DAY)).toEqual(emptyHistory)
  })
})
