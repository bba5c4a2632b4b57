import { describe, expect, test } from '@jest/globals'
import { readOnce, startPipeline, trigger } from '../../src/core/start-and-read.ts'
import { fakeRun, type FakeRun } from './fake-run.ts'
import { snap } from './helpers.ts'
import { Problem } from '../../src/core/problem.ts'
import { track } from '../../src/core/waiter.ts'

const PIPELINE = { kind: 'pipeline', id: 2040 } as const
const RUNNING = snap('running', { isRunning: true })

describe('a pipeline found running', () => {
  test('if-running wait: that run is waited for as under way, not as one still to start', async () => {
    const { run, events } = fakeRun({ status: async () => RUNNING })
    const tracked = await startPipeline(run, PIPELINE, 1)
    expect(tracked.state).toEqual({ kind: 'pipeline', phase: 'busy', since: 0, last: RUNNING })
    expect(tracked.alreadyRunning).toBe(true)
    expect(events.map((e) => e.type)).toEqual(['status', 'already-running'])
  })

  test('if-running rerun with wait: false: the step waits for the run to end and triggers a new one, it does not return on the old one', async () => {
    const { run, events } = fakeRun({ status: async () => RUNNING }, { settings: { ifRunning: 'rerun', wait: false } })
    const tracked = await startPipeline(run, PIPELINE, 1)
    expect(tracked.report).toBeUndefined()
    expect(tracked.rerunPending).toBe(true)
    expect(events.map((e) => e.type)).toEqual(['status', 'already-running'])
  })
})

/**
 * A trigger at 1 s on a budget with room for one request now and for the trigger and its
 * confirming reads only at `roomAt`; the result is when the POST went out, if it did.
 */
function heldTrigger(roomAt: number, options: { deadline?: number; signal?: AbortSignal } = {}): FakeRun & { posts: number[] } {
  const posts: number[] = []
  const fake = fakeRun(
    { run: async () => void posts.push(fake.clock.now()), roomFor: (requests) => (requests === 1 ? fake.clock.now() : roomAt) },
    { now: 1_000, ...options },
  )
  return { ...fake, posts }
}

describe('a trigger held until its confirming reads fit', () => {
  test('sent the moment the budget has room for it and its three confirming reads', async () => {
    const { run, posts, events } = heldTrigger(40_000)
    const tracked = await trigger(run, track(PIPELINE, 0, false))
    expect(posts).toEqual([40_000])
    expect(events.map((e) => e.type)).toEqual(['triggered'])
    expect(tracked.report).toBeUndefined()
  })

  test('not held when that room comes only at the deadline or after it: sent at once, for the scheduler to place', async () => {
    for (const deadline of [40_000, 30_000]) {
      const { run, posts } = heldTrigger(40_000, { deadline })
      await trigger(run, track(PIPELINE, 0, false))
      expect({ deadline, posts }).toEqual({ deadline, posts: [1_000] })
    }
  })

  test('cancelled while held: never sent, so reported cancelled and not as a trigger that may have started a run', async () => {
    const controller = new AbortController()
    const { run, posts, events } = heldTrigger(40_000, { signal: controller.signal })
    const pending = trigger(run, track(PIPELINE, 0, false))
    // Parked on the clock until 40 s, which does not move before this line: cancelled while held.
    controller.abort(new Error('cancelled'))
    const tracked = await pending
    expect(posts).toEqual([])
    expect(tracked.report).toMatchObject({ verdict: 'cancelled', problem: new Problem('cancelled', { notSent: true }) })
    expect(tracked.report?.triggerUnconfirmed).toBeUndefined()
    expect(events.map((e) => e.type)).toEqual(['settled'])
  })
})

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
