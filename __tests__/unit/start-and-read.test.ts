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
    // Held 39 s: the log is told what the step waits for, and until when, before it goes quiet.
    expect(events).toEqual([
      { type: 'quiet', until: 40_000, reason: { kind: 'trigger-held', resource: PIPELINE } },
      { type: 'triggered', resource: PIPELINE },
    ])
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
    expect(events.map((e) => e.type)).toEqual(['quiet', 'settled'])
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

describe('a pipeline that cannot run is not triggered', () => {
  const cases = [
    ['not_active', 'disabled'],
    ['too_many_consecutive_failed_builds__blocked', 'blocked'],
    ['error_building_tables', 'tables-failed'],
  ] as const
  for (const [status, blocker] of cases)
    test(`${status}: no run request; unhealthy, with the state read and why it was not triggered`, async () => {
      const state = snap(status, { rawMsg: 'destination rejected the credentials' })
      const posts: number[] = []
      const { run, events } = fakeRun({ status: async () => state, run: async (id) => void posts.push(id) })
      const tracked = await startPipeline(run, PIPELINE, 1)
      expect(posts).toEqual([])
      expect(tracked.report).toEqual({ resource: PIPELINE, verdict: 'unhealthy', elapsedMs: 0, snapshot: state, notTriggered: blocker })
      expect(events.map((e) => e.type)).toEqual(['status', 'settled'])
    })

  test('too_many_consecutive_failed_builds without __blocked can still run: it is triggered', async () => {
    const posts: number[] = []
    const { run } = fakeRun({
      status: async () => (posts.length ? RUNNING : snap('too_many_consecutive_failed_builds')),
      run: async (id) => void posts.push(id),
    })
    await startPipeline(run, PIPELINE, 1)
    expect(posts).toEqual([2040])
  })

  test('a run found under way that ends blocked is not run again by if-running: rerun', async () => {
    const posts: number[] = []
    const { run } = fakeRun({ run: async (id) => void posts.push(id) }, { settings: { ifRunning: 'rerun' } })
    const blocked = snap('too_many_consecutive_failed_builds__blocked')
    const ended = { ...track(PIPELINE, 0, false), rerunPending: true, state: { ...track(PIPELINE, 0, false).state, last: blocked } }
    const tracked = await trigger(run, ended)
    expect(posts).toEqual([])
    expect(tracked.report).toMatchObject({ verdict: 'unhealthy', notTriggered: 'blocked', snapshot: blocked })
  })
})

describe('a pipeline building its tables', () => {
  test('is waited for, whatever if-running says, then triggered once the build is over', async () => {
    for (const ifRunning of ['wait', 'fail', 'rerun'] as const) {
      const { run, events } = fakeRun({ status: async () => snap('building_tables', { isBlocked: true }) }, { settings: { ifRunning } })
      const tracked = await startPipeline(run, PIPELINE, 1)
      expect({ ifRunning, report: tracked.report, rerunPending: tracked.rerunPending, alreadyRunning: tracked.alreadyRunning }).toEqual({
        ifRunning,
        report: undefined,
        rerunPending: true,
        alreadyRunning: false,
      })
      expect(events).toEqual([
        { type: 'status', resource: PIPELINE, snapshot: snap('building_tables', { isBlocked: true }) },
        { type: 'building-tables', resource: PIPELINE },
      ])
    }
  })
})

describe('a run request Kondado refuses', () => {
  test('keeps the state read before it and says the run was refused', async () => {
    const refused = new Problem('rejected', { httpStatus: 200, excerpt: 'Pipeline 2040 is not active' })
    const { run } = fakeRun({
      status: async () => snap('active'),
      run: async () => {
        throw refused
      },
    })
    const tracked = await startPipeline(run, PIPELINE, 1)
    expect(tracked.report).toEqual({
      resource: PIPELINE,
      verdict: 'error',
      elapsedMs: 0,
      problem: refused,
      snapshot: snap('active'),
      runRefused: true,
    })
  })

  test('a refusal that is not of the run (a refused key) is not told as one', async () => {
    const key = new Problem('credentials-refused', { httpStatus: 401, keyRefused: true })
    const { run } = fakeRun({
      status: async () => snap('active'),
      run: async () => {
        throw key
      },
    })
    const tracked = await startPipeline(run, PIPELINE, 1)
    expect(tracked.report?.runRefused).toBeUndefined()
    expect(tracked.report?.problem).toBe(key)
  })
})

describe('a key refused on an earlier request', () => {
  test('the next pipeline is not read, and says so', async () => {
    const key = new Problem('credentials-refused', { httpStatus: 401, keyRefused: true })
    const { run, reads } = fakeRun({
      status: async () => {
        throw key
      },
    })
    const first = await startPipeline(run, PIPELINE, 1)
    const second = await startPipeline(run, { kind: 'pipeline', id: 2041 }, 1)
    expect(reads).toEqual(['2040@0'])
    expect(first.report).toMatchObject({ verdict: 'error', problem: key })
    expect(first.report?.keyRefusedBefore).toBeUndefined()
    expect(second.report).toEqual({
      resource: { kind: 'pipeline', id: 2041 },
      verdict: 'error',
      elapsedMs: 0,
      problem: key,
      keyRefusedBefore: true,
    })
  })
})

describe('the hold before a trigger', () => {
  test('is counted in the run request as its wait for its turn', async () => {
    const queued: (number | undefined)[] = []
    const fake = fakeRun({ roomFor: (requests) => (requests === 1 ? fake.clock.now() : 40_000) }, { now: 1_000 })
    const client = fake.run.client as unknown as { requestRun: (id: number, queuedAt?: number) => Promise<void> }
    client.requestRun = async (_id, queuedAt) => void queued.push(queuedAt)
    await trigger(fake.run, track(PIPELINE, 0, false))
    expect(queued).toEqual([1_000])
  })
})
