// `command: run` when timing is against it: the pipeline is already busy, the run is slow to
// show, or Kondado answers RATE_LIMIT_EXCEEDED (the step pauses, says so, and carries on).

import { afterAll, describe, expect, test } from '@jest/globals'
import {
  act,
  annotationLine,
  busyFor,
  clockTimesBetween,
  cleanUp,
  errorLines,
  expectClean,
  expectElapsed,
  flagsOutputs,
  launch,
  liveLog,
  pipelineEntry,
  rateLimited,
  requests,
  resultOf,
  startRunElsewhere,
  startSimulator,
  stateLines,
  warningLines,
} from './helpers.ts'

afterAll(cleanUp)

describe('run when timing is against it', () => {
  test.concurrent('run, pipeline already running: if-running wait (default): no POST, waits for the current run and says so', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
    await startRunElsewhere(sim, 2040)
    const run = await act(sim, { 'pipeline-id': '2040' })

    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('active', {}), healthy: 'true' })
    expect(resultOf(run)).toEqual([pipelineEntry(2040, {})])
    expectElapsed(run, sim)
    expect(requests(sim, 'run')).toEqual([])
    expect(sim.model.runCount(2040)).toBe(1)
    // It judged the run it found: the step ended only after that run did (one read saw it
    // running, two saw it at rest, the second confirming).
    expect(requests(sim, 'pipeline-status')).toHaveLength(3)

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
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(Infinity) }))
    await startRunElsewhere(sim, 2040)
    const run = await act(sim, { 'pipeline-id': '2040', 'if-running': 'fail' })

    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('running', { running: true }), healthy: 'false' })
    expect(resultOf(run)).toEqual([
      pipelineEntry(2040, { status: 'running', is_running: true, verdict: 'already-running', healthy: false }),
    ])
    // At once: one read, though the run it found never ends.
    expect(sim.model.log.map((e) => e.kind)).toEqual(['pipeline-status'])
    expect(errorLines(run)).toContain(
      annotationLine(
        run,
        { kind: 'pipeline', id: 2040 },
        'already running',
        "pipeline 2040 was already running or queued, and 'if-running' is 'fail'.",
      ),
    )
    expect(errorLines(run)).toContain('::error::1 of 1 resource did not pass: pipeline 2040 (already running).')
    expect(run.summary).toContain('| `running` | ⏸️ already running')
    expect(run.summary).toContain("'if-running' is 'fail'")
    expectClean(run, sim)
  })

  test.concurrent(
    'run, pipeline already running: if-running rerun: exactly one POST, sent after the current run ended, then that run is judged',
    async () => {
      const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
      await startRunElsewhere(sim, 2040)
      const run = await act(sim, { 'pipeline-id': '2040', 'if-running': 'rerun' })

      expect(run.code).toBe(0)
      expect(run.outputs).toMatchObject({ ...flagsOutputs('active', {}), healthy: 'true' })
      expect(resultOf(run)).toEqual([pipelineEntry(2040, {})])
      // One POST, sent only once the first run was seen over (one read busy, two at rest); the
      // fresh run was then seen under way (one read) and at rest (two) before the verdict.
      const reads = ['pipeline-status', 'pipeline-status', 'pipeline-status']
      expect(sim.model.log.map((e) => e.kind)).toEqual([...reads, 'run', ...reads])
      expect(sim.model.runCount(2040)).toBe(2)

      const lines = stateLines(run, 'pipeline 2040')
      expect(lines[0]).toBe('running')
      expect(liveLog(run)).toContainEqual(
        expect.stringMatching(/waiting for that run to end, then starting a fresh one \('if-running: rerun'\)\.$/),
      )
      const requested = lines.findIndex((l) => l.startsWith('run requested'))
      expect(lines.slice(0, requested)).toEqual(['running', 'active'])
      expect(lines.slice(requested)).toContain('the run has started.')
      expect(lines.slice(requested)).toContain('running')
      expect(run.summary).not.toContain('was already running')
      expectClean(run, sim)
    },
  )

  test.concurrent(
    'run, never seen to start: a run that does not show within start-timeout fails saying it was not seen to start',
    async () => {
      const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: { startDelayReads: Infinity } }))
      const run = await act(sim, { 'pipeline-id': '2040', 'start-timeout': '5s' })

      expect(run.code).toBe(1)
      expect(run.outputs).toMatchObject({ ...flagsOutputs('active', {}), healthy: 'false' })
      expect(resultOf(run)).toEqual([pipelineEntry(2040, { verdict: 'not-started', healthy: false })])
      expectElapsed(run, sim)
      expect(requests(sim, 'run')).toHaveLength(1)
      // It gave up at the end of the start window, not at the step's timeout (an hour), with
      // room for a busy machine's slow timers.
      const post = requests(sim, 'run')[0]?.at ?? 0
      const lastRead = sim.model.log.at(-1)?.at ?? 0
      expect(lastRead - post).toBeGreaterThanOrEqual(5_000)
      expect(lastRead - post).toBeLessThan(5_000 + 10_000)

      expect(errorLines(run)).toContain(
        annotationLine(
          run,
          { kind: 'pipeline', id: 2040 },
          'not seen to start',
          'pipeline 2040 was triggered but not seen to start within 5s (Kondado still shows active). It may have been ignored (a disabled pipeline, the Essentials plan) or have run faster than one read. Check it in the app.',
        ),
      )
      expect(errorLines(run)).toContain('::error::1 of 1 resource did not pass: pipeline 2040 (not seen to start).')
      expect(run.summary).toContain('| `active` | ❌ not seen to start |')
      expect(run.summary).toContain('not seen to start within 5s')
      expectClean(run, sim)
    },
  )

  test.concurrent(
    'rate limit: a rate-limited read during a wait pauses every request, is logged, and the step still ends healthy',
    async () => {
      const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
      const action = launch(sim, { 'pipeline-id': '2040' })
      await action.waitForOutput('pipeline 2040: the run has started.')
      const fault = sim.inject(rateLimited(2), { match: { kind: 'pipeline-status' } })
      const run = await action.done

      expect(run.code).toBe(0)
      expect(run.outputs).toMatchObject({ ...flagsOutputs('active', {}), healthy: 'true' })
      expect(resultOf(run)).toEqual([pipelineEntry(2040, {})])
      expect(fault.fired).toBe(1)
      expect(warningLines(run)).toEqual([])
      const paused =
        /\] Kondado's rate limit was reached \(RATE_LIMIT_EXCEEDED\): every request pauses for 2s, until (\d\d:\d\d:\d\d) UTC\.$/m.exec(
          run.stdout,
        )
      expect(paused).not.toBeNull()

      const log = sim.model.log
      const refused = log.findIndex((e) => e.fault === 'http')
      const next = log[refused + 1]
      // Until: the pause's end, at least the 2 s asked for after the refusal, and no later than the read sent again.
      expect(clockTimesBetween((log[refused]?.at ?? 0) + 2_000, (next?.at ?? 0) + 1_000)).toContain(paused?.[1])
      // The same read was sent again, after the pause Kondado asked for (2 s, plus up to 20 % jitter,
      // plus what a busy machine adds), not after Kondado's usual minute.
      expect(next?.path).toBe('/pipelines/2040/status')
      expect((next?.at ?? 0) - (log[refused]?.at ?? 0)).toBeGreaterThanOrEqual(2_000)
      expect((next?.at ?? 0) - (log[refused]?.at ?? 0)).toBeLessThan(2_400 + 3_000)
      expect(requests(sim, 'run')).toHaveLength(1)
      expectClean(run, sim) // includes: no two requests less than 1 s apart
    },
  )

  test.concurrent('rate limit: a rate-limited POST /run is sent again after the pause, and the start window counts from then', async () => {
    // The run shows at the second read after the POST that went through, more than 5 s after the
    // refused one: a start window counted from the refused POST would be over by then.
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: { startDelayReads: 1, queuedReads: 1, runningReads: 1 } }))
    const fault = sim.inject(rateLimited(4), { match: { kind: 'run' } })
    const run = await act(sim, { 'pipeline-id': '2040', 'start-timeout': '5s' })

    expect(fault.fired).toBe(1)
    expect(sim.model.runCount(2040)).toBe(1)
    expect(requests(sim, 'run')).toHaveLength(2)
    // 4 s plus up to 20 % jitter, in whole seconds.
    expect(warningLines(run)).toEqual([])
    const paused =
      /\] Kondado's rate limit was reached \(RATE_LIMIT_EXCEEDED\): every request pauses for [45]s, until (\d\d:\d\d:\d\d) UTC\.$/m.exec(
        run.stdout,
      )
    expect(paused).not.toBeNull()
    // Until: the pause's end, at least the 4 s asked for after the refused POST, and no later than the POST sent again.
    const [refusedPost, sentPost] = requests(sim, 'run')
    expect(clockTimesBetween((refusedPost?.at ?? 0) + 4_000, (sentPost?.at ?? 0) + 1_000)).toContain(paused?.[1])
    expect(resultOf(run)).toEqual([pipelineEntry(2040, {})])
    expect(run.code).toBe(0)
    expectClean(run, sim)
  })

  test.concurrent('rate limit: a pause longer than the time left ends the step at once, naming the rate limit', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(Infinity) }))
    await startRunElsewhere(sim, 2040)
    // The simulator's own fault: Kondado's real answer, "try again in 60 seconds".
    sim.inject({ type: 'rate-limit' }, { match: { kind: 'pipeline-status' } })
    const run = await act(sim, { command: 'wait', 'pipeline-id': '2040', timeout: '30s' })

    expect(run.code).toBe(1)
    // At once: one read, and, by the action's own clock, ended well before the 30 s timeout it did
    // not wait out (Node's start-up, the summary and the exit are not part of that clock).
    expect(Number(run.outputs.elapsed)).toBeLessThan(30)
    expect(sim.model.log).toHaveLength(1)
    expect(run.outputs).toMatchObject({ healthy: 'false', status: '' })
    expect(resultOf(run)).toEqual([
      pipelineEntry(2040, { status: null, is_running: null, is_active: null, is_blocked: null, verdict: 'error', healthy: false }),
    ])
    expect(errorLines(run)).toContainEqual(
      expect.stringMatching(/Kondado answered RATE_LIMIT_EXCEEDED for pipeline 2040, and the pause it asked for would outlast the timeout/),
    )
    expect(run.summary).toContain('RATE\\_LIMIT\\_EXCEEDED')
    expectClean(run, sim)
  })
})
