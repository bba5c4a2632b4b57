import { describe, test, expect } from '@jest/globals'
import { Problem } from '../../src/core/problem.ts'
import { readOnce } from '../../src/core/read.ts'
import { track } from '../../src/core/tracked.ts'
import { trigger } from '../../src/core/trigger.ts'
import { fakeRun } from './fake-run.ts'
import { snap } from './helpers.ts'

const PIPELINE = { kind: 'pipeline', id: 2040 } as const

describe('the workflow cancelled while the run POST is in flight', () => {
  test('the resource ends cancelled at once, its trigger unconfirmed, with the cancel as its problem', async () => {
    const controller = new AbortController()
    const { run, events } = fakeRun(
      {
        run: async () => {
          controller.abort(new Error('cancelled'))
          throw new Problem('network', { networkCode: 'UND_ERR_ABORTED' })
        },
      },
      { signal: controller.signal },
    )
    const last = snap('active')
    const tracked = await trigger(run, { ...track(PIPELINE, 0, false), state: { kind: 'pipeline', phase: 'busy', since: 0, last } })
    expect(tracked.report).toEqual({
      resource: PIPELINE,
      verdict: 'cancelled',
      elapsedMs: 0,
      problem: new Problem('cancelled'),
      snapshot: last,
      triggerUnconfirmed: true,
    })
    expect(events.map((e) => e.type)).toEqual(['trigger-unconfirmed', 'settled'])
  })
})

describe('a read cut off by the deadline', () => {
  test('times out on the last state read, with no problem to blame', async () => {
    const { run } = fakeRun({ status: async () => Promise.reject(new Problem('deadline')) }, { now: 4_000 })
    const last = snap('running', { isRunning: true })
    const tracked = await readOnce(run, { ...track(PIPELINE, 0, false), state: { kind: 'pipeline', phase: 'busy', since: 0, last } }, 1)
    expect(tracked.report).toEqual({ resource: PIPELINE, verdict: 'timed-out', elapsedMs: 4_000, snapshot: last })
  })
})
