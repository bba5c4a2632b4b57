// `command: run` when timing is against it: the pipeline is already busy, the run is slow to
// show, or Kondado answers RATE_LIMIT_EXCEEDED (the step pauses, says so, and carries on).

import { afterAll, describe, expect, test } from '@jest/globals'
import type { Fault } from '../../simulator/index.ts'
import {
  act,
  cleanUp,
  errorAnnotations,
  expectClean,
  expectElapsed,
  flagsOutputs,
  launch,
  liveLog,
  pipelineEntry,
  requests,
  resultOf,
  startRunElsewhere,
  startSimulator,
  stateLines,
  warningAnnotations,
} from './helpers.ts'

afterAll(cleanUp)

/**
 * Kondado's answer when over the limit, as an HTTP 200, but asking for a short pause: the
 * simulator's own `rate-limit` fault always says 60 seconds, too long for a test.
 */
const rateLimited = (seconds: number): Fault => ({
  type: 'http',
  status: 200,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify({
    success: false,
    error: 'RATE_LIMIT_EXCEEDED',
    message: `Too many requests. Please try again in ${seconds} seconds.`,
  }),
})

describe('run when timing is against it', () => {
  test.concurrent('run, pipeline already running: if-running wait (default): no POST, waits for the current run and says so', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: { queuedMs: 500, runningMs: 3_000 } }))
    const startedAt = await startRunElsewhere(sim, 2040)
    const run = await act(sim, { 'pipeline-id': '2040' })

    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('active', {}), healthy: 'true' })
    expect(resultOf(run)).toEqual([pipelineEntry(2040, {})])
    expectElapsed(run)
    expect(requests(sim, 'run')).toEqual([])
    expect(sim.model.runCount(2040)).toBe(1)
    // It judged the run it found: the step ended only after that run did.
    expect(Date.now() - startedAt).toBeGreaterThan(3_500)

    const lines = stateLines(run, 'pipeline 2040')
    expect(lines[0]).toBe('running')
    expect(liveLog(run)).toContainEqual(
      expect.stringMatching(/pipeline 2040 is already running or queued: waiting for that run instead of starting a second one\.$/),
    )
    expect(lines.some((l) => l.startsWith('run requested'))).toBe(false)
    expect(run.summary).toContain('✅ healthy (was already running: waited for that run)')
    expectClean(run, sim)
  })

  test.concurrent('run, pipeline already running: if-running fail: no POST, fails at once naming the setting', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: { queuedMs: 500, runningMs: 20_000 } }))
    await startRunElsewhere(sim, 2040)
    const run = await act(sim, { 'pipeline-id': '2040', 'if-running': 'fail' })

    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('running', { running: true }), healthy: 'false' })
    expect(resultOf(run)).toEqual([
      pipelineEntry(2040, { status: 'running', is_running: true, verdict: 'already-running', healthy: false }),
    ])
    expect(run.stepMs).toBeLessThan(3_000)
    expect(sim.model.log.map((e) => e.kind)).toEqual(['pipeline-status'])
    expect(errorAnnotations(run)).toContainEqual(
      expect.stringMatching(
        /^::error title=pipeline 2040%3A already running::pipeline 2040 was already running or queued, and 'if-running' is 'fail'\.$/,
      ),
    )
    expect(errorAnnotations(run)).toContain('::error::1 of 1 resource is not healthy.')
    expect(run.summary).toContain('| `running` | ⏸️ already running')
    expect(run.summary).toContain("'if-running' is 'fail'")
    expectClean(run, sim)
  })

  test.concurrent(
    'run, pipeline already running: if-running rerun: exactly one POST, sent after the current run ended, then that run is judged',
    async () => {
      const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: { queuedMs: 500, runningMs: 2_500 } }))
      const startedAt = await startRunElsewhere(sim, 2040)
      const run = await act(sim, { 'pipeline-id': '2040', 'if-running': 'rerun' })

      expect(run.code).toBe(0)
      expect(run.outputs).toMatchObject({ ...flagsOutputs('active', {}), healthy: 'true' })
      expect(resultOf(run)).toEqual([pipelineEntry(2040, {})])
      const posts = requests(sim, 'run')
      expect(posts).toHaveLength(1)
      // The first run ended 3 s after it was started; the fresh one was asked for after that.
      expect((posts[0]?.at ?? 0) - startedAt).toBeGreaterThanOrEqual(3_000)
      expect(sim.model.runCount(2040)).toBe(2)
      // The fresh run was seen under way before the verdict.
      const readsAfterPost = sim.model.log.filter((e) => e.kind === 'pipeline-status' && e.at > (posts[0]?.at ?? Infinity))
      expect(readsAfterPost.length).toBeGreaterThanOrEqual(2)

      const lines = stateLines(run, 'pipeline 2040')
      expect(lines[0]).toBe('running')
      expect(liveLog(run)).toContainEqual(
        expect.stringMatching(/waiting for that run to end, then starting a fresh one \('if-running: rerun'\)\.$/),
      )
      const requested = lines.findIndex((l) => l.startsWith('run requested'))
      expect(requested).toBeGreaterThan(0)
      expect(lines.slice(requested)).toContain('the run has started.')
      expect(lines.slice(requested)).toContain('running')
      expect(run.summary).not.toContain('was already running')
      expectClean(run, sim)
    },
  )

  test.concurrent(
    'run, never seen to start: a run that does not show within start-timeout fails saying it was not seen to start',
    async () => {
      const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: { startDelayMs: 30_000, queuedMs: 500, runningMs: 2_000 } }))
      const run = await act(sim, { 'pipeline-id': '2040', 'start-timeout': '5s' })

      expect(run.code).toBe(1)
      expect(run.outputs).toMatchObject({ ...flagsOutputs('active', {}), healthy: 'false' })
      expect(resultOf(run)).toEqual([pipelineEntry(2040, { verdict: 'not-started', healthy: false })])
      expectElapsed(run)
      expect(requests(sim, 'run')).toHaveLength(1)
      // It gave up at the end of the start window, not at the step's timeout.
      const post = requests(sim, 'run')[0]?.at ?? 0
      const lastRead = sim.model.log.at(-1)?.at ?? 0
      expect(lastRead - post).toBeGreaterThanOrEqual(5_000)
      expect(lastRead - post).toBeLessThan(7_500)

      expect(errorAnnotations(run)).toContainEqual(
        expect.stringMatching(
          /^::error title=pipeline 2040%3A not seen to start::pipeline 2040 was triggered but not seen to start within 5s \(Kondado still shows active\)/,
        ),
      )
      expect(errorAnnotations(run)).toContain('::error::1 of 1 resource is not healthy.')
      expect(run.summary).toContain('| `active` | ❌ not seen to start |')
      expect(run.summary).toContain('not seen to start within 5s')
      expectClean(run, sim)
    },
  )

  test.concurrent(
    'rate limit: a rate-limited read during a wait pauses every request, is logged, and the step still ends healthy',
    async () => {
      const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: { queuedMs: 500, runningMs: 4_000 } }))
      const action = launch(sim, { 'pipeline-id': '2040' })
      await action.waitForOutput('pipeline 2040: the run has started.')
      const fault = sim.inject(rateLimited(2), { match: { kind: 'pipeline-status' } })
      const run = await action.done

      expect(run.code).toBe(0)
      expect(run.outputs).toMatchObject({ ...flagsOutputs('active', {}), healthy: 'true' })
      expect(resultOf(run)).toEqual([pipelineEntry(2040, {})])
      expect(fault.fired).toBe(1)
      expect(warningAnnotations(run)).toEqual([])
      expect(run.stdout).toMatch(/\] Kondado's rate limit was reached \(RATE_LIMIT_EXCEEDED\): every request pauses for 2s\.$/m)

      const log = sim.model.log
      const refused = log.findIndex((e) => e.fault === 'http')
      const next = log[refused + 1]
      // The same read was sent again, after the pause Kondado asked for (2 s, plus up to 20 % jitter).
      expect(next?.path).toBe('/pipelines/2040/status')
      expect((next?.at ?? 0) - (log[refused]?.at ?? 0)).toBeGreaterThanOrEqual(2_000)
      expect((next?.at ?? 0) - (log[refused]?.at ?? 0)).toBeLessThan(2_400 + 1_000)
      expect(requests(sim, 'run')).toHaveLength(1)
      expectClean(run, sim) // includes: no two requests less than 1 s apart
    },
  )

  test.concurrent('rate limit: a rate-limited POST /run is sent again after the pause, and the start window counts from then', async () => {
    // The run shows 3 s after it is requested, well inside the 5 s start window.
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: { startDelayMs: 3_000, queuedMs: 500, runningMs: 1_500 } }))
    const fault = sim.inject(rateLimited(4), { match: { kind: 'run' } })
    const run = await act(sim, { 'pipeline-id': '2040', 'start-timeout': '5s' })

    expect(fault.fired).toBe(1)
    expect(sim.model.runCount(2040)).toBe(1)
    expect(requests(sim, 'run')).toHaveLength(2)
    // 4 s plus up to 20 % jitter, in whole seconds.
    expect(warningAnnotations(run)).toEqual([])
    expect(run.stdout).toMatch(/\] Kondado's rate limit was reached \(RATE_LIMIT_EXCEEDED\): every request pauses for [45]s\.$/m)
    expect(resultOf(run)).toEqual([pipelineEntry(2040, {})])
    expect(run.code).toBe(0)
    expectClean(run, sim)
  })

  test.concurrent('rate limit: a pause longer than the time left ends the step at once, naming the rate limit', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: { queuedMs: 0, runningMs: 60_000 } }))
    await startRunElsewhere(sim, 2040)
    // The simulator's own fault: Kondado's real answer, "try again in 60 seconds".
    sim.inject({ type: 'rate-limit' }, { match: { kind: 'pipeline-status' } })
    const run = await act(sim, { command: 'wait', 'pipeline-id': '2040', timeout: '30s' })

    expect(run.code).toBe(1)
    expect(run.stepMs).toBeLessThan(3_000)
    expect(sim.model.log).toHaveLength(1)
    expect(run.outputs).toMatchObject({ healthy: 'false', status: '' })
    expect(resultOf(run)).toEqual([
      pipelineEntry(2040, { status: null, is_running: null, is_active: null, is_blocked: null, verdict: 'error', healthy: false }),
    ])
    expect(errorAnnotations(run)).toContainEqual(
      expect.stringMatching(/Kondado answered RATE_LIMIT_EXCEEDED for pipeline 2040, and the pause it asked for would outlast the timeout/),
    )
    expect(run.summary).toContain('RATE\\_LIMIT\\_EXCEEDED')
    expectClean(run, sim)
  })
})
