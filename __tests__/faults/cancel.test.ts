// Cancellation: the runner sends SIGINT, then SIGTERM, when a workflow is cancelled. The step
// must report it, and exit with its summary and outputs written before the runner's SIGKILL.
// How fast it does both is measured and reported in RELIABILITY.md, not asserted. Issue item 12.

import { describe, expect } from '@jest/globals'
import { runnerKillsAfterMs } from '../../harness/cancel-goals.ts'
import type { ActionRun } from '../../harness/run-action.ts'
import type { KondadoSimulator } from '../../simulator/index.ts'
import { busyFor, failureOf, faultSuite, rateLimited, requests, resultOf, sleep, startRunElsewhere, summarize } from './harness.ts'

const { faultCase } = faultSuite(import.meta.filename, 'Cancellation', { serial: true })

const CANCELLED = 'The workflow was cancelled. Pipelines keep running in Kondado; the summary links to them.'
const KEEPS_RUNNING = 'The workflow was cancelled: Kondado keeps running the pipelines; follow them with the links above.'

type Signal = 'SIGTERM' | 'SIGINT'

/** What the runner enforces, in the words of the cases' `expected`. */
const beforeKill = (signal: Signal): string => `exit before the runner's SIGKILL, ${runnerKillsAfterMs(signal) / 1000} s after ${signal}`

/**
 * The step reports the cancellation on stdout, and exits before the runner's SIGKILL (2.5 s after
 * its SIGTERM, 10 s after its SIGINT): the summary and outputs are written. That deadline is the
 * only time bound asserted, because the runner enforces it, and it is far above the tens of
 * milliseconds measured. How soon the report came and the step exited are not asserted: a busy
 * machine alone stretches them (a report once took 1,052 ms beside an `npm ci`). `interrupt`
 * records both, and RELIABILITY.md reports them against their goals.
 */
function expectGoneBeforeKill({ ms, reportedMs, signal }: { ms: number; reportedMs: number; signal: Signal }): void {
  // Infinite when the cancellation failure never reached stdout.
  expect(reportedMs).toBeLessThan(Number.POSITIVE_INFINITY)
  expect(ms).toBeLessThan(runnerKillsAfterMs(signal))
}

/** The measured times, for RELIABILITY.md's Observed column. */
const timings = ({ ms, reportedMs, signal }: { ms: number; reportedMs: number; signal: Signal }): string[] => [
  `${reportedMs} ms from ${signal} to the report`,
  `${ms} ms from ${signal} to exit`,
]

/** What every cancelled step leaves behind: an exit before SIGKILL, the failure, the summary, the outputs. */
function expectCancelled(
  cancelled: { run: ActionRun; ms: number; reportedMs: number; at: number; signal: Signal },
  sim: KondadoSimulator,
  links: readonly string[],
  verdicts: readonly string[] = ['cancelled'],
): void {
  const { run, at: signalAt } = cancelled
  expectGoneBeforeKill(cancelled)
  expect(run.code).toBe(1)
  expect(run.signal).toBeNull()
  expect(failureOf(run)).toBe(CANCELLED)
  expect(run.summary).toContain(KEEPS_RUNNING)
  for (const link of links) expect(run.summary).toContain(`(${link})`)
  expect(run.outputs.healthy).toBe('false')
  expect(resultOf(run).map((r) => r.verdict)).toEqual(verdicts)
  // Nothing new was sent after the signal (a request already on its way may land a moment later).
  expect(sim.model.log.filter((e) => e.at > signalAt + 100)).toEqual([])
}

const PIPELINE_LINK = 'https://app.kondado.com.br/pipelines/2040'

describe('12. cancellation', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    faultCase(
      {
        id: `12.${signal === 'SIGTERM' ? 1 : 2}`,
        name: `${signal} while waiting between reads`,
        fault: `\`run\`: ${signal} once the run is seen running`,
        expected: `cancelled, ${beforeKill(signal)}; failure "cancelled"; outputs and summary written; the summary says the pipeline keeps running and links to it`,
      },
      async (c) => {
        const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(Infinity) }))
        const action = c.launch(sim, { 'pipeline-id': '2040' })
        await action.waitForOutput('pipeline 2040: the run has started.')
        const cancelled = await c.interrupt(action, signal)
        const { run } = cancelled
        expectCancelled(cancelled, sim, [PIPELINE_LINK])
        expect(run.outputs.status).toBe('running')
        expect(resultOf(run)).toMatchObject([{ verdict: 'cancelled', status: 'running' }])
        return summarize(run, sim, timings(cancelled))
      },
    )
  }

  faultCase(
    {
      id: '12.3',
      name: 'SIGTERM while a read hangs',
      fault: '`wait`: a read is accepted and never answered; SIGTERM 1 s into it',
      expected: `the request is abandoned: cancelled, ${beforeKill('SIGTERM')} with outputs and summary`,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(Infinity) }))
      await startRunElsewhere(sim, 2040)
      sim.inject({ type: 'hang' }, { times: Infinity, match: { kind: 'pipeline-status' } })
      const action = c.launch(sim, { command: 'wait', 'pipeline-id': '2040' })
      while (sim.model.log.length === 0) await sleep(50)
      await sleep(1_000)
      const cancelled = await c.interrupt(action, 'SIGTERM')
      const { run } = cancelled
      expectCancelled(cancelled, sim, [PIPELINE_LINK])
      return summarize(run, sim, timings(cancelled))
    },
  )

  faultCase(
    {
      id: '12.4',
      name: 'SIGTERM during a rate-limit pause',
      fault: '`wait`: RATE_LIMIT_EXCEEDED asking for 30 s; SIGTERM during the pause',
      expected: `the pause is abandoned: cancelled, ${beforeKill('SIGTERM')} with outputs and summary`,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(Infinity) }))
      await startRunElsewhere(sim, 2040)
      sim.inject(rateLimited(30), { match: { kind: 'pipeline-status' } })
      const action = c.launch(sim, { command: 'wait', 'pipeline-id': '2040' })
      await action.waitForOutput('every request pauses for')
      const cancelled = await c.interrupt(action, 'SIGTERM')
      const { run } = cancelled
      expectCancelled(cancelled, sim, [PIPELINE_LINK])
      return summarize(run, sim, timings(cancelled))
    },
  )

  faultCase(
    {
      id: '12.5',
      name: 'SIGTERM during a retry backoff',
      fault: '`wait`: reads fail with 502; SIGTERM while waiting to retry',
      expected: `the backoff is abandoned: cancelled, ${beforeKill('SIGTERM')} with outputs and summary`,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(Infinity) }))
      await startRunElsewhere(sim, 2040)
      sim.inject({ type: 'http', status: 502 }, { times: Infinity, match: { kind: 'pipeline-status' } })
      const action = c.launch(sim, { command: 'wait', 'pipeline-id': '2040' })
      await action.waitForOutput('retrying in')
      const cancelled = await c.interrupt(action, 'SIGTERM')
      const { run } = cancelled
      expectCancelled(cancelled, sim, [PIPELINE_LINK])
      return summarize(run, sim, timings(cancelled))
    },
  )

  faultCase(
    {
      id: '12.6',
      name: 'SIGTERM while waiting for a triggered run to show',
      fault: '`run`: the run has not shown yet; SIGTERM in the start window',
      expected: `cancelled, ${beforeKill('SIGTERM')}; one POST only; the summary links to the pipeline`,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: { startDelayReads: Infinity } }))
      const action = c.launch(sim, { 'pipeline-id': '2040' })
      await action.waitForOutput('run requested')
      const cancelled = await c.interrupt(action, 'SIGTERM')
      const { run } = cancelled
      expectCancelled(cancelled, sim, [PIPELINE_LINK])
      expect(requests(sim, 'run')).toHaveLength(1)
      return summarize(run, sim, timings(cancelled))
    },
  )

  faultCase(
    {
      id: '12.7',
      name: 'SIGTERM while the duplicate POST hangs',
      fault: '`duplicate`: Kondado created the pipeline and never answered; SIGTERM 1 s later',
      expected: `cancelled, ${beforeKill('SIGTERM')}; exactly one pipeline; the summary says the outcome is unknown`,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject({ type: 'apply-then', then: 'hang' }, { match: { kind: 'duplicate' } })
      const action = c.launch(sim, {
        command: 'duplicate',
        'pipeline-id': '2040',
        'src-collection-id': '1',
        'dest-collection-id': '2',
        'full-tables': '{"": "orders_prod"}',
      })
      while (sim.model.log.length === 0) await sleep(50)
      await sleep(1_000)
      const cancelled = await c.interrupt(action, 'SIGTERM')
      const { run } = cancelled
      expectGoneBeforeKill(cancelled)
      expect(run.code).toBe(1)
      expect(failureOf(run)).toBe(CANCELLED)
      expect(run.summary).toContain('outcome unknown: check the app before re-running')
      expect(run.summary).toContain(`(${PIPELINE_LINK})`)
      c.expectPipelinesCreated(sim, 1)
      expect(sim.model.log).toHaveLength(1)
      return summarize(run, sim, timings(cancelled))
    },
  )

  faultCase(
    {
      id: '12.8',
      name: 'SIGTERM while waiting for two pipelines and a model',
      fault: '`wait`: two pipelines and a model running; SIGTERM',
      expected: `every resource reported cancelled with its last status and link; ${beforeKill('SIGTERM')}`,
    },
    async (c) => {
      const sim = await c.sim((m) => {
        m.addPipeline({ id: 2040, run: busyFor(Infinity) })
        m.addPipeline({ id: 2041, run: busyFor(Infinity) })
        m.addModel({ id: 162, run: busyFor(Infinity) })
        m.startModelRun(162)
      })
      await startRunElsewhere(sim, 2040)
      await startRunElsewhere(sim, 2041)
      const action = c.launch(sim, { command: 'wait', 'pipeline-id': '2040 2041', 'model-id': '162' })
      await action.waitForOutput('model 162: running')
      const cancelled = await c.interrupt(action, 'SIGTERM')
      const { run } = cancelled
      expectCancelled(
        cancelled,
        sim,
        [PIPELINE_LINK, 'https://app.kondado.com.br/pipelines/2041', 'https://app.kondado.com.br/models/162'],
        ['cancelled', 'cancelled', 'cancelled'],
      )
      return summarize(run, sim, timings(cancelled))
    },
  )

  faultCase(
    {
      id: '12.9',
      name: 'SIGINT between the triggers of several pipelines',
      fault: '`run` of three pipelines: SIGINT right after the first trigger',
      expected: `no further POST after the signal; cancelled, ${beforeKill('SIGINT')}; the triggered pipeline is linked`,
    },
    async (c) => {
      const sim = await c.sim((m) => {
        for (const id of [2040, 2041, 2042]) m.addPipeline({ id, run: busyFor(Infinity) })
      })
      const action = c.launch(sim, { 'pipeline-id': '2040 2041 2042' })
      await action.waitForOutput('pipeline 2040: run requested')
      const cancelled = await c.interrupt(action, 'SIGINT')
      const { run } = cancelled
      expectCancelled(cancelled, sim, [PIPELINE_LINK], ['cancelled', 'cancelled', 'cancelled'])
      expect(requests(sim, 'run').map((e) => e.id)).toEqual([2040])
      return summarize(run, sim, timings(cancelled))
    },
  )
})
