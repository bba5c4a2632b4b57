import { describe, test, expect } from '@jest/globals'
import { startRun } from '../../src/core/if-running.ts'
import { fakeRun } from './fake-run.ts'
import { snap } from './helpers.ts'

const PIPELINE = { kind: 'pipeline', id: 2040 } as const
const RUNNING = snap('running', { isRunning: true })

describe('a pipeline found running', () => {
  test('if-running wait: that run is waited for as under way, not as one still to start', async () => {
    const { run, events } = fakeRun({ status: async () => RUNNING })
    const tracked = await startRun(run, PIPELINE, 1)
    expect(tracked.state).toEqual({ kind: 'pipeline', phase: 'busy', since: 0, last: RUNNING })
    expect(tracked.alreadyRunning).toBe(true)
    expect(events.map((e) => e.type)).toEqual(['status', 'already-running'])
  })

  test('if-running rerun with wait: false: the step waits for the run to end and triggers a new one, it does not return on the old one', async () => {
    const { run, events } = fakeRun({ status: async () => RUNNING }, { settings: { ifRunning: 'rerun', wait: false } })
    const tracked = await startRun(run, PIPELINE, 1)
    expect(tracked.report).toBeUndefined()
    expect(tracked.rerunPending).toBe(true)
    expect(events.map((e) => e.type)).toEqual(['status', 'already-running'])
  })
})
