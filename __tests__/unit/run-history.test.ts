import { describe, test, expect } from '@jest/globals'
import {
  addRuns,
  CLOCK_SKEW_MS,
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
  runsWithin,
  serializeHistory,
} from '../../src/core/run-history.ts'
import { observe, startWaiting, type WaitState } from '../../src/core/waiter.ts'
import type { ReadPace } from '../../src/core/vocabulary.ts'
import { snap } from './helpers.ts'

const settings: ReadPace = { minIntervalMs: 3_000, maxIntervalMs: 120_000, startTimeoutMs: 120_000, readShareMs: 1_000 }
const pipeline = { kind: 'pipeline', id: 2040 } as const
const model = { kind: 'model', id: 162 } as const
const DAY = 86_400_000
/** The longest run a memory may hold: the longest `timeout` the inputs take (72 h). */
const LONGEST = 72 * 3_600_000
/** A memory read back, as the cache gives it to a step at `now`. */
const read = (text: string, now: number): RunHistory => parseHistory(text, now, LONGEST).history

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
    expect(parseHistory(text, 2_000, LONGEST)).toEqual({ history, readable: true, leftOut: 0 })
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
      expect(parseHistory(text, 0, LONGEST)).toEqual({ history: emptyHistory, readable: false, leftOut: 0 })
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
    expect(parseHistory(mixed, 0, LONGEST)).toEqual({
      history: { runs: { 'pipeline-1': [{ minMs: 1, maxMs: 2, seenAt: 0 }] } },
      readable: true,
      leftOut: 6,
    })
    // A run seen to end between two reads at the same time is a length like any other.
    expect(read('{"format":1,"runs":{"pipeline-1":[{"minMs":3,"maxMs":3,"seenAt":0}]}}', 0)).toEqual({
      runs: { 'pipeline-1': [{ minMs: 3, maxMs: 3, seenAt: 0 }] },
    })
  })

  test('an old memory: its runs past 30 days are not read', () => {
    const text = '{"format":1,"runs":{"pipeline-2040":[{"minMs":1,"maxMs":2,"seenAt":0},{"minMs":3,"maxMs":4,"seenAt":' + 10 * DAY + '}]}}'
    expect(runsOf(read(text, 30 * DAY + 1), pipeline)).toEqual([{ minMs: 3, maxMs: 4, seenAt: 10 * DAY }])
    expect(parseHistory(text, 41 * DAY, LONGEST)).toEqual({ history: emptyHistory, readable: true, leftOut: 0 })
  })
})

describe('a memory from the cache is untrusted: every value is range-checked as it is read', () => {
  const NOW = 100 * DAY
  const one = (run: unknown, key = 'pipeline-2040'): string => JSON.stringify({ format: 1, runs: { [key]: [run] } })

  test('the limits: lengths up to the longest timeout the inputs take, times at most 5 minutes ahead', () => {
    expect(CLOCK_SKEW_MS).toBe(5 * 60_000)
    const longest = { minMs: LONGEST, maxMs: LONGEST, seenAt: NOW }
    expect(parseHistory(one(longest), NOW, LONGEST)).toEqual({
      history: { runs: { 'pipeline-2040': [longest] } },
      readable: true,
      leftOut: 0,
    })
    const ahead = { minMs: 1, maxMs: 2, seenAt: NOW + CLOCK_SKEW_MS }
    expect(runsOf(read(one(ahead), NOW), pipeline)).toEqual([ahead])
  })

  test('absurd lengths, times in the future and numbers JSON cannot hold are left out, and counted', () => {
    for (const run of [
      { minMs: 1e12, maxMs: 1e12, seenAt: NOW },
      { minMs: 1, maxMs: LONGEST + 1, seenAt: NOW },
      { minMs: LONGEST + 1, maxMs: LONGEST + 2, seenAt: NOW },
      { minMs: 1, maxMs: 2, seenAt: NOW + CLOCK_SKEW_MS + 1 },
      { minMs: 1, maxMs: 2, seenAt: 8.64e15 },
      { minMs: 1, maxMs: 2, seenAt: -1 },
      { minMs: 3, maxMs: 2, seenAt: NOW },
      { minMs: '1', maxMs: 2, seenAt: NOW },
      { minMs: true, maxMs: 2, seenAt: NOW },
      [1, 2, NOW],
      'pipeline',
    ]) {
      expect({ run, read: parseHistory(one(run), NOW, LONGEST) }).toEqual({
        run,
        read: { history: emptyHistory, readable: true, leftOut: 1 },
      })
    }
    // 1e400 is a valid JSON number that parses to Infinity.
    expect(parseHistory('{"format":1,"runs":{"pipeline-1":[{"minMs":1,"maxMs":1e400,"seenAt":0}]}}', 0, LONGEST).leftOut).toBe(1)
  })

  test('a run seen "in the future" no longer lives forever: it is dropped 30 days after the time it claims', () => {
    const ahead = { minMs: 1, maxMs: 2, seenAt: NOW + CLOCK_SKEW_MS }
    const saved = serializeHistory(read(one(ahead), NOW))
    expect(runsOf(read(saved, NOW + CLOCK_SKEW_MS + HISTORY_MAX_AGE_MS), pipeline)).toEqual([ahead])
    expect(runsOf(read(saved, NOW + CLOCK_SKEW_MS + HISTORY_MAX_AGE_MS + 1), pipeline)).toEqual([])
  })

  test('only resources named as the action names them are read', () => {
    const run = { minMs: 1, maxMs: 2, seenAt: NOW }
    for (const key of [
      '__proto__',
      'constructor',
      'pipeline-0',
      'pipeline-01',
      'pipeline--1',
      'job-1',
      'pipeline-1 ',
      'pipeline-1\r::add-mask::x',
      'model-12345678901234567',
    ]) {
      expect({ key, read: parseHistory(one(run, key), NOW, LONGEST) }).toEqual({
        key,
        read: { history: emptyHistory, readable: true, leftOut: 1 },
      })
    }
    expect(Object.keys(read(one(run, 'model-9007199254740991'), NOW).runs)).toEqual(['model-9007199254740991'])
  })

  test(`counts are bounded: the ${RUNS_KEPT} most recent runs (by when they were seen, in any order stored) of the ${RESOURCES_KEPT} resources seen last`, () => {
    const runs = Array.from({ length: 1_000 }, (_, i) => ({ minMs: i, maxMs: i, seenAt: NOW - ((i * 7919) % 1_000) }))
    expect(runsOf(read(JSON.stringify({ format: 1, runs: { 'pipeline-2040': runs } }), NOW), pipeline).map((r) => r.seenAt)).toEqual([
      NOW - 4,
      NOW - 3,
      NOW - 2,
      NOW - 1,
      NOW,
    ])
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`pipeline-${i + 1}`, [{ minMs: 1, maxMs: 1, seenAt: NOW - i }]]))
    expect(Object.keys(read(JSON.stringify({ format: 1, runs: many }), NOW).runs)).toHaveLength(RESOURCES_KEPT)
  })

  test('runsWithin: only the runs no longer than the step timeout predict its run; the others stay in the memory', () => {
    const history = read(
      JSON.stringify({
        format: 1,
        runs: {
          'pipeline-2040': [
            { minMs: 50_000, maxMs: 60_000, seenAt: NOW - 2 },
            { minMs: 60_000, maxMs: 60_001, seenAt: NOW - 1 },
            { minMs: LONGEST, maxMs: LONGEST, seenAt: NOW },
          ],
        },
      }),
      NOW,
    )
    expect(runsWithin(history, pipeline, 60_000)).toEqual([{ minMs: 50_000, maxMs: 60_000, seenAt: NOW - 2 }])
    expect(runsWithin(history, pipeline, LONGEST)).toHaveLength(3)
    expect(runsOf(history, pipeline)).toHaveLength(3)
  })
})
