// Throttling, and POSTs whose answer is lost: nothing may be sent twice once it may have been
// applied. Issue items 5 and 6.

import { describe, expect } from '@jest/globals'
import type { Fault, KondadoSimulator } from '../../simulator/index.ts'
import {
  busyFor,
  clockTimesBetween,
  errorLines,
  failureOf,
  faultSuite,
  rateLimited,
  requests,
  resultOf,
  sleep,
  startRunElsewhere,
  summarize,
  visibleStdout,
  warningLines,
} from './harness.ts'

const { faultCase } = faultSuite(import.meta.filename, 'Throttling and POSTs')

/** Kondado's own limiter never had to refuse a request: the throttling seen was the injected one. */
function expectNoRealThrottling(sim: KondadoSimulator): void {
  expect(sim.model.log.filter((e) => e.outcome === 'rate_limited' && e.fault === undefined)).toEqual([])
}

const DUPLICATE = {
  command: 'duplicate',
  'pipeline-id': '2040',
  'src-collection-id': '11',
  'dest-collection-id': '22',
  'full-tables': '{"": "orders_prod"}',
  wait: 'false',
}
const UNKNOWN = 'Duplicating pipeline 2040: outcome unknown: check the app before re-running.'

describe('5. RATE_LIMIT_EXCEEDED', () => {
  faultCase(
    {
      id: '5.1',
      name: 'during a wait',
      fault: '`wait`: one read answered RATE_LIMIT_EXCEEDED, "try again in 2 seconds"',
      expected: 'every request pauses 2 s (+ up to 20 % jitter); the same read is sent again; not a retry, not a status; healthy',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(2) }))
      await startRunElsewhere(sim, 2040)
      const action = c.launch(sim, { command: 'wait', 'pipeline-id': '2040' })
      await action.waitForOutput('pipeline 2040: running')
      const fault = sim.inject(rateLimited(2), { match: { kind: 'pipeline-status' } })
      const run = await action.done
      expect(run.code).toBe(0)
      expect(resultOf(run)).toMatchObject([{ verdict: 'healthy' }])
      expect(fault.fired).toBe(1)
      const log = sim.model.log
      const at = log.findIndex((e) => e.fault === 'http')
      const pause = (log[at + 1]?.at ?? 0) - (log[at]?.at ?? 0)
      expect(log[at + 1]?.path).toBe('/pipelines/2040/status')
      expect(pause).toBeGreaterThanOrEqual(2_000)
      // Not Kondado's usual minute; the margin is for a busy machine's timers.
      expect(pause).toBeLessThan(2_400 + 3_000)
      expect(warningLines(run)).toEqual([])
      const paused = /RATE_LIMIT_EXCEEDED\): every request pauses for 2s, until (\d\d:\d\d:\d\d) UTC\.$/m.exec(run.stdout)
      expect(paused).not.toBeNull()
      // Until: the pause's end, at least the 2 s asked for after the refusal, and no later than the read sent again.
      expect(clockTimesBetween((log[at]?.at ?? 0) + 2_000, (log[at + 1]?.at ?? 0) + 1_000)).toContain(paused?.[1])
      expect(visibleStdout(run)).not.toContain('retrying in')
      expectNoRealThrottling(sim)
      return summarize(run, sim, [`paused ${(pause / 1000).toFixed(1)} s`])
    },
  )

  faultCase(
    {
      id: '5.2',
      name: 'three times in a row during a wait',
      fault: '`wait`: three reads in a row answered RATE_LIMIT_EXCEEDED (2 s each)',
      expected: 'three pauses, none counted as a failure or a status; healthy',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
      await startRunElsewhere(sim, 2040)
      const fault = sim.inject(rateLimited(2), { times: 3, match: { kind: 'pipeline-status' } })
      const run = await c.act(sim, { command: 'wait', 'pipeline-id': '2040' })
      expect(run.code).toBe(0)
      expect(resultOf(run)).toMatchObject([{ verdict: 'healthy' }])
      expect(fault.fired).toBe(3)
      const log = sim.model.log
      const gaps = log.slice(1, 4).map((e, i) => e.at - (log[i]?.at ?? 0))
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(2_000)
      expect(warningLines(run)).toHaveLength(0)
      expect(run.stdout.split('every request pauses for')).toHaveLength(4)
      expect(visibleStdout(run)).not.toContain('retrying in')
      expectNoRealThrottling(sim)
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '5.3',
      name: 'on POST /run',
      fault: '`run`: the trigger answered RATE_LIMIT_EXCEEDED, "try again in 3 seconds"',
      expected: 'the POST is sent again after the pause (Kondado refused it, so it was not applied); exactly one run; healthy',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
      sim.inject(rateLimited(3), { match: { kind: 'run' } })
      const run = await c.act(sim, { 'pipeline-id': '2040' })
      expect(run.code).toBe(0)
      expect(resultOf(run)).toMatchObject([{ verdict: 'healthy' }])
      const posts = requests(sim, 'run')
      expect(posts).toHaveLength(2)
      expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(3_000)
      c.expectRunsStarted(sim, 2040, 1)
      expectNoRealThrottling(sim)
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '5.4',
      name: 'on POST /pipelines (duplicate)',
      fault: '`duplicate`: the POST answered RATE_LIMIT_EXCEEDED, "try again in 2 seconds"',
      expected: 'sent again after the pause; exactly one pipeline; its id in the outputs',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject(rateLimited(2), { match: { kind: 'duplicate' } })
      const run = await c.act(sim, DUPLICATE)
      expect(run.code).toBe(0)
      expect(requests(sim, 'duplicate')).toHaveLength(2)
      c.expectPipelinesCreated(sim, 1)
      expect(run.outputs['new-pipeline-id']).toBe(String(sim.model.createdPipelineIds()[0]))
      return summarize(run, sim, [`new pipeline ${run.outputs['new-pipeline-id']}`])
    },
  )

  faultCase(
    {
      id: '5.5',
      name: 'a pause longer than the time left, during a wait',
      fault: '`wait`, `timeout: 8s`: a read answered RATE_LIMIT_EXCEEDED, "try again in 60 seconds"',
      expected: 'no request after the deadline: fails at once naming the rate limit; never healthy',
      timeoutS: 8,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(Infinity) }))
      await startRunElsewhere(sim, 2040)
      sim.inject({ type: 'rate-limit', seconds: 60 }, { match: { kind: 'pipeline-status' } })
      const run = await c.act(sim, { command: 'wait', 'pipeline-id': '2040', timeout: '8s' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'error', healthy: false }])
      expect(errorLines(run).join('\n')).toContain(
        'Kondado answered RATE_LIMIT_EXCEEDED for pipeline 2040, and the pause it asked for would outlast the timeout',
      )
      expect(sim.model.log).toHaveLength(1)
      // At once: by the action's own clock, before the timeout it did not wait out.
      expect(Number(run.outputs.elapsed)).toBeLessThan(8)
      c.expectDeadlineHeld(run, 8)
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '5.6',
      name: 'a pause longer than the time left, on POST /run',
      fault: '`run`, `timeout: 8s`: the trigger answered RATE_LIMIT_EXCEEDED, "try again in 60 seconds"',
      expected: 'no second POST past the deadline, no run started: fails at once naming the rate limit',
      timeoutS: 8,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject({ type: 'rate-limit', seconds: 60 }, { match: { kind: 'run' } })
      const run = await c.act(sim, { 'pipeline-id': '2040', timeout: '8s' })
      expect(run.code).toBe(1)
      expect(run.outputs.healthy).toBe('false')
      expect(requests(sim, 'run')).toHaveLength(1)
      c.expectRunsStarted(sim, 2040, 0)
      expect(errorLines(run).join('\n')).toContain('RATE_LIMIT_EXCEEDED')
      c.expectDeadlineHeld(run, 8)
      return summarize(run, sim)
    },
  )
})

describe('6. a POST whose answer is lost', () => {
  const lost: Array<[string, string, Fault, boolean]> = [
    ['6.1', 'the connection dies after Kondado created it', { type: 'apply-then', then: 'reset' }, true],
    ['6.2', 'Kondado created it and never answered', { type: 'apply-then', then: 'hang' }, true],
    ['6.3', 'Kondado created it, then a 500 page', { type: 'apply-then', then: 'http-500' }, true],
    ['6.4', 'Kondado created it, then an unreadable answer', { type: 'apply-then', then: 'garbage' }, true],
    ['6.5', 'Kondado created it, then the answer was cut in the middle', { type: 'truncate' }, true],
    ['6.6', 'Kondado created it, then half the answer and silence', { type: 'stall' }, true],
    ['6.7', 'a 502 from a proxy in front of Kondado', { type: 'http', status: 502 }, false],
  ]
  for (const [id, name, fault, applied] of lost) {
    faultCase(
      {
        id,
        name: `duplicate: ${name}`,
        fault: `\`duplicate\`, \`timeout: 8s\`: ${name}`,
        expected: `never sent again: ${applied ? 'exactly one' : 'no'} pipeline in Kondado; fails with "${UNKNOWN}"`,
        timeoutS: 8,
      },
      async (c) => {
        const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
        sim.inject(fault, { match: { kind: 'duplicate' } })
        const run = await c.act(sim, { ...DUPLICATE, timeout: '8s' })
        expect(run.code).toBe(1)
        expect(requests(sim, 'duplicate')).toHaveLength(1)
        c.expectPipelinesCreated(sim, applied ? 1 : 0)
        expect(failureOf(run)).toContain(UNKNOWN)
        expect(run.summary).toContain('outcome unknown: check the app before re-running')
        expect(run.outputs['new-pipeline-id']).toBe('')
        expect(run.outputs.healthy).toBe('false')
        c.expectDeadlineHeld(run, 8)
        return summarize(run, sim, [`${sim.model.createdPipelineIds().length} pipeline created`])
      },
    )
  }

  faultCase(
    {
      id: '6.8',
      name: 'duplicate: the connection refused before the POST was sent',
      fault: '`duplicate`: the port is closed (ECONNREFUSED) for the first 2.5 s',
      expected: 'provably not sent, so sent again after a backoff: exactly one pipeline; success',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      // Closed from before the action starts until 2.5 s after its first output (its start-up, however
      // slow, does not use up the outage): the first POST finds the port closed.
      const reopen = Promise.withResolvers<void>()
      await sim.refuseConnectionsUntil(reopen.promise)
      const action = c.launch(sim, DUPLICATE)
      await action.waitForOutput('::add-mask::')
      await sleep(2_500)
      reopen.resolve()
      const run = await action.done
      expect(run.code).toBe(0)
      expect(visibleStdout(run)).not.toContain('outcome unknown')
      c.expectPipelinesCreated(sim, 1)
      expect(requests(sim, 'duplicate')).toHaveLength(1)
      expect(run.outputs['new-pipeline-id']).toBe(String(sim.model.createdPipelineIds()[0]))
      return summarize(run, sim, ['1 pipeline created'])
    },
  )

  faultCase(
    {
      id: '6.9',
      name: 'duplicate with wait and execute-immediately: the answer lost',
      fault: '`duplicate`, `wait: true`, `execute-immediately: true`: created, then the connection dies',
      expected: 'exactly one pipeline; outcome unknown; nothing waited for (no id to wait on)',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject({ type: 'apply-then', then: 'reset' }, { match: { kind: 'duplicate' } })
      const run = await c.act(sim, { ...DUPLICATE, wait: 'true', 'execute-immediately': 'true' })
      expect(run.code).toBe(1)
      c.expectPipelinesCreated(sim, 1)
      expect(sim.model.log).toHaveLength(1)
      expect(failureOf(run)).toContain(UNKNOWN)
      return summarize(run, sim)
    },
  )

  const triggers: Array<[string, string, Fault]> = [
    ['6.10', 'the connection dies after the run was queued', { type: 'apply-then', then: 'reset' }],
    ['6.11', 'the run was queued, then a 500 page', { type: 'apply-then', then: 'http-500' }],
    ['6.12', 'the run was queued, then an unreadable answer', { type: 'apply-then', then: 'garbage' }],
    ['6.13', 'the run was queued, then the answer was cut', { type: 'truncate' }],
  ]
  for (const [id, name, fault] of triggers) {
    faultCase(
      {
        id,
        name: `run: ${name}`,
        fault: `\`run\`: ${name}`,
        expected:
          'the POST is not sent again; the status shows the run, which is followed to its end: exactly one run; healthy, with a note that the trigger answer was lost',
      },
      async (c) => {
        const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
        sim.inject(fault, { match: { kind: 'run' } })
        const run = await c.act(sim, { 'pipeline-id': '2040' })
        expect(run.code).toBe(0)
        expect(resultOf(run)).toMatchObject([{ verdict: 'healthy' }])
        expect(requests(sim, 'run')).toHaveLength(1)
        c.expectRunsStarted(sim, 2040, 1)
        expect(run.summary).toContain('trigger answer lost: not sent again')
        return summarize(run, sim, ['1 run started'])
      },
    )
  }

  faultCase(
    {
      id: '6.14',
      name: 'run: a 502 before Kondado, and no run shows',
      fault: '`run`, `start-timeout: 4s`: the trigger is answered 502 by a proxy; no run ever shows',
      expected: 'not sent again; fails: "outcome unknown ... Check the app before re-running"',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject({ type: 'http', status: 502 }, { match: { kind: 'run' } })
      const run = await c.act(sim, { 'pipeline-id': '2040', 'start-timeout': '4s' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'not-started', healthy: false }])
      expect(requests(sim, 'run')).toHaveLength(1)
      c.expectRunsStarted(sim, 2040, 0)
      expect(errorLines(run).join('\n')).toContain('outcome unknown. Check the app before re-running.')
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '6.15',
      name: 'run: Kondado queued it and never answered',
      fault: '`run`, `timeout: 8s`: the trigger is applied and never answered',
      expected: 'the POST is cut at the timeout and not sent again: exactly one run; never healthy; ends by the timeout',
      timeoutS: 8,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: { queuedMs: 500, runningMs: 2_000 } }))
      sim.inject({ type: 'apply-then', then: 'hang' }, { match: { kind: 'run' } })
      const run = await c.act(sim, { 'pipeline-id': '2040', timeout: '8s' })
      expect(run.code).toBe(1)
      expect(run.outputs.healthy).toBe('false')
      expect(requests(sim, 'run')).toHaveLength(1)
      c.expectRunsStarted(sim, 2040, 1)
      const overrun = c.expectDeadlineHeld(run, 8)
      return summarize(run, sim, [`${overrun} ms past the timeout`])
    },
  )

  faultCase(
    {
      id: '6.16',
      name: 'run: the connection refused before the POST was sent',
      fault: '`run`: right after the first read the port closes (ECONNREFUSED) for 2 s',
      expected: 'provably not sent, so sent again after a backoff: exactly one run; healthy',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
      const action = c.launch(sim, { 'pipeline-id': '2040' })
      // The first read's answer is in (the action logged it); the POST waits at least 1.1 s behind it.
      await action.waitForOutput('pipeline 2040: active')
      await sim.refuseConnectionsFor(2_000)
      const run = await action.done
      expect(run.code).toBe(0)
      expect(resultOf(run)).toMatchObject([{ verdict: 'healthy' }])
      expect(visibleStdout(run)).not.toContain('got no clear answer')
      expect(requests(sim, 'run')).toHaveLength(1)
      c.expectRunsStarted(sim, 2040, 1)
      return summarize(run, sim, ['1 run started'])
    },
  )
})
