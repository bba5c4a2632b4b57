// Faults between the action and Kondado: server errors, dropped and silent connections, cut and
// oversized bodies, redirects. Issue items 4, 8 and 9.

import { describe, expect } from '@jest/globals'
import type { Fault } from '../../simulator/index.ts'
import { errorLines, faultSuite, REQUEST_TIMEOUT_MS, requests, resultOf, startRunElsewhere, summarize, visibleStdout } from './harness.ts'

const { faultCase } = faultSuite(import.meta.filename, 'Transport faults')

const retryDelays = (stdout: string): number[] => [...stdout.matchAll(/retrying in (\d+)s\./g)].map((m) => Number(m[1]))

describe('4. server errors and broken connections on reads', () => {
  const bursts: Array<[string, string, Fault, number]> = [
    ['4.1', 'a burst of 502 HTML pages', { type: 'http', status: 502 }, 2],
    [
      '4.2',
      'a burst of 503 JSON errors',
      { type: 'http', status: 503, contentType: 'application/json', body: '{"success":false,"error":"SERVICE_UNAVAILABLE"}' },
      2,
    ],
    ['4.3', 'connection resets', { type: 'reset' }, 2],
    ['4.4', 'a body cut in the middle', { type: 'truncate' }, 2],
    ['4.5', 'an HTML error page with status 200', { type: 'http', status: 200, body: '<html><body><h1>Maintenance</h1></body></html>' }, 2],
  ]
  for (const [id, name, fault, times] of bursts) {
    faultCase(
      {
        id,
        name,
        fault: `\`status\`: the first ${times} reads fail with ${name}`,
        expected: 'each read retried after a growing, jittered backoff (2-4 s, then 4-8 s); then healthy',
      },
      async (c) => {
        const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
        sim.inject(fault, { times, match: { kind: 'pipeline-status' } })
        const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040' })
        expect(run.code).toBe(0)
        expect(resultOf(run)).toMatchObject([{ verdict: 'healthy' }])
        const log = sim.model.log
        expect(log).toHaveLength(times + 1)
        const gaps = log.slice(1).map((e, i) => e.at - (log[i]?.at ?? 0))
        // Backoff of 2 s, then 4 s, each +-50 % jitter: the pauses grow, but a draw may reorder two.
        const delays = retryDelays(visibleStdout(run))
        expect(delays).toHaveLength(times)
        expect(gaps[0]).toBeGreaterThanOrEqual(1_000)
        expect(gaps[1]).toBeGreaterThanOrEqual(2_000)
        expect(gaps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3_000)
        return summarize(run, sim, [`retried after ${gaps.map((g) => `${(g / 1000).toFixed(1)} s`).join(', ')}`])
      },
    )
  }

  faultCase(
    {
      id: '4.6',
      name: 'a server that accepts and never answers, once',
      fault: '`status`, `timeout: 45s`: the first read is accepted and never answered',
      expected: 'the read gives up after the 30 s request timeout and is retried; healthy, within the timeout',
      timeoutS: 45,
      debug: true,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject({ type: 'hang' }, { match: { kind: 'pipeline-status' } })
      const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040', timeout: '45s' })
      expect(run.code).toBe(0)
      expect(resultOf(run)).toMatchObject([{ verdict: 'healthy' }])
      expect(sim.model.log).toHaveLength(2)
      // What the action guarantees, by its own clock and in the order of its log, not by the
      // simulator's: the 30 s timer starts before the request reaches the simulator, and the pause
      // after it may be as short as 1 s, so the gap between the two arrivals can fall short of 31 s
      // by however long the first request took to arrive on a busy machine.
      // The debug lines say each request's outcome and how long it took from being sent.
      const lines = visibleStdout(run).split('\n')
      const exchanges = lines.flatMap((line, at) => {
        const m = /GET \/pipelines\/2040\/status: (.+?) in (\d+) ms, after \d+ ms waiting/.exec(line)
        return m ? [{ at, outcome: m[1] ?? '', tookMs: Number(m[2]) }] : []
      })
      const retryAt = lines.findIndex((line) => /retrying in \d+s\./.test(line))
      expect(exchanges.map((e) => e.outcome)).toEqual([expect.not.stringMatching(/^HTTP/), 'HTTP 200'])
      const [silent, retried] = exchanges
      // The silent read was given up by the request timeout, not sooner. Node's timers count from the
      // event loop's cached time, so can fire a little before 30 s by Date.now: a second's margin, which
      // still tells this timeout from the 10 s connect timeout or the step's deadline.
      expect(silent?.tookMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 1_000)
      expect(silent?.tookMs).toBeLessThan(REQUEST_TIMEOUT_MS + 10_000)
      // The retry was announced after the read gave up, with a pause of at least 1 s, and sent after that.
      expect(retryAt).toBeGreaterThan(silent?.at ?? Number.POSITIVE_INFINITY)
      expect(retryAt).toBeLessThan(retried?.at ?? Number.NEGATIVE_INFINITY)
      expect(retryDelays(visibleStdout(run))).toEqual([expect.any(Number)])
      expect(retryDelays(visibleStdout(run))[0]).toBeGreaterThanOrEqual(1)
      const gap = (sim.model.log[1]?.at ?? 0) - (sim.model.log[0]?.at ?? 0)
      expect(gap).toBeGreaterThan(0)
      expect(run.stepMs).toBeLessThan(45_000)
      return summarize(run, sim, [
        `the silent read given up after ${((silent?.tookMs ?? 0) / 1000).toFixed(1)} s`,
        `retry ${(gap / 1000).toFixed(1)} s after it reached the simulator`,
      ])
    },
  )

  const outages: Array<[string, string, Fault, string, RegExp]> = [
    [
      '4.7',
      'a server that never answers',
      { type: 'hang' },
      'timed-out',
      /The timeout came before Kondado answered for pipeline 2040|after the timeout of 8s/,
    ],
    [
      '4.8',
      'headers then half a body, then silence',
      { type: 'stall' },
      'timed-out',
      /The timeout came before Kondado answered for pipeline 2040|after the timeout of 8s/,
    ],
    [
      '4.9',
      '502 HTML pages',
      { type: 'http', status: 502 },
      'error',
      /Kondado failed with a server error for pipeline 2040 \(HTTP 502\), and no retry within the timeout got a good answer/,
    ],
    ['4.10', 'connection resets', { type: 'reset' }, 'error', /Could not reach Kondado for pipeline 2040 \(ECONNRESET\)/],
    ['4.11', 'bodies cut in the middle', { type: 'truncate' }, 'error', /Could not reach Kondado for pipeline 2040/],
    [
      '4.12',
      'HTML pages with status 200',
      { type: 'http', status: 200, body: '<html><title>Maintenance</title></html>' },
      'error',
      /could not be read \(HTTP 200\)/,
    ],
  ]
  for (const [id, name, fault, verdict, message] of outages) {
    faultCase(
      {
        id,
        name: `a long outage: ${name}`,
        fault: `\`wait\`, \`timeout: 8s\`: a run under way, then every read meets ${name}`,
        expected: `a clear failure (${verdict}) by the timeout, never healthy, never a hang past it`,
        timeoutS: 8,
      },
      async (c) => {
        const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: { queuedMs: 0, runningMs: 120_000 } }))
        await startRunElsewhere(sim, 2040)
        sim.inject(fault, { times: Infinity, match: { kind: 'pipeline-status' } })
        const run = await c.act(sim, { command: 'wait', 'pipeline-id': '2040', timeout: '8s' })
        expect(run.code).toBe(1)
        expect(run.outputs.healthy).toBe('false')
        expect(resultOf(run)).toMatchObject([{ verdict, healthy: false }])
        expect(errorLines(run).join('\n')).toMatch(message)
        const overrun = c.expectDeadlineHeld(run, 8)
        return summarize(run, sim, [`${overrun} ms past the timeout`])
      },
    )
  }

  faultCase(
    {
      id: '4.13',
      name: 'connections refused for the whole step',
      fault: '`status`, `timeout: 8s`: the port is closed (ECONNREFUSED) for a minute',
      expected: 'retried with backoff within the timeout, then "Could not reach Kondado (ECONNREFUSED)"',
      timeoutS: 8,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      await sim.refuseConnectionsFor(60_000)
      const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040', timeout: '8s' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'error', healthy: false }])
      expect(errorLines(run).join('\n')).toContain('Could not reach Kondado for pipeline 2040 (ECONNREFUSED)')
      // Backoffs of 1-3 s, 2-6 s, then 4-12 s: one to three fit in the 8 s.
      expect([1, 2, 3]).toContain(retryDelays(visibleStdout(run)).length)
      c.expectDeadlineHeld(run, 8)
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '4.14',
      name: 'slow answers near the deadline',
      fault: '`wait`, `timeout: 6s`: every read is answered only after 20 s',
      expected: 'each read is cut at the deadline: timed-out at the timeout, not 20 s or 30 s later',
      timeoutS: 6,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: { queuedMs: 0, runningMs: 120_000 } }))
      await startRunElsewhere(sim, 2040)
      sim.inject({ type: 'delay', ms: 20_000 }, { times: Infinity, match: { kind: 'pipeline-status' } })
      const run = await c.act(sim, { command: 'wait', 'pipeline-id': '2040', timeout: '6s' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'timed-out' }])
      const overrun = c.expectDeadlineHeld(run, 6)
      return summarize(run, sim, [`${overrun} ms past the timeout`])
    },
  )
  faultCase(
    {
      id: '4.15',
      name: 'a one-off health check against a silent server',
      fault: '`status`, `timeout: 6s`: the read is accepted and never answered',
      expected: 'cut at the timeout: "The timeout came before Kondado answered"; never healthy',
      timeoutS: 6,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject({ type: 'hang' }, { times: Infinity })
      const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040', timeout: '6s' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'timed-out', healthy: false }])
      expect(errorLines(run).join('\n')).toContain('The timeout came before Kondado answered for pipeline 2040.')
      const overrun = c.expectDeadlineHeld(run, 6)
      return summarize(run, sim, [`${overrun} ms past the timeout`])
    },
  )
})

describe('8. redirects', () => {
  for (const status of [301, 302, 307, 308] as const) {
    for (const where of ['the same host', 'another host'] as const) {
      faultCase(
        {
          id: `8.${status}-${where === 'the same host' ? 'same' : 'other'}`,
          name: `a ${status} to ${where}`,
          fault: `\`status\`: the read is answered ${status} with Location on ${where}`,
          expected: 'not followed: the target sees no request; an error naming the redirect; no retry',
        },
        async (c) => {
          const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
          const other = await c.sim((m) => m.addPipeline({ id: 2040 }))
          const target = where === 'the same host' ? sim : other
          sim.inject({ type: 'redirect', status, location: `${target.baseUrl}/pipelines/2040/status?from=redirect` })
          const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040' })
          expect(run.code).toBe(1)
          expect(resultOf(run)).toMatchObject([{ verdict: 'error', healthy: false }])
          expect(errorLines(run).join('\n')).toContain(
            `Kondado answered pipeline 2040 with a redirect (HTTP ${status}), which this action never follows`,
          )
          expect(sim.model.log).toHaveLength(1)
          expect(other.model.log).toHaveLength(0)
          return summarize(run, sim, [`target saw ${target.model.log.length - (target === sim ? 1 : 0)} requests`])
        },
      )
    }
  }

  faultCase(
    {
      id: '8.post',
      name: 'a redirect of POST /run to another host',
      fault: '`run`: the trigger is answered 307 to another host',
      expected: 'not followed (the token would travel with it): the other host sees nothing; not healthy; no second POST',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      const other = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject({ type: 'redirect', status: 307, location: `${other.baseUrl}/pipelines/2040/run` }, { match: { kind: 'run' } })
      const run = await c.act(sim, { 'pipeline-id': '2040', 'start-timeout': '3s' })
      expect(run.code).toBe(1)
      expect(run.outputs.healthy).toBe('false')
      expect(requests(sim, 'run')).toHaveLength(1)
      expect(other.model.log).toHaveLength(0)
      c.expectRunsStarted(sim, 2040, 0)
      return summarize(run, sim)
    },
  )
})

describe('9. oversized answers', () => {
  for (const chunked of [false, true]) {
    faultCase(
      {
        id: `9.${chunked ? 'chunked' : 'length'}`,
        name: `an 8 MB answer${chunked ? ' streamed without a length' : ' with its length'}`,
        fault: `\`status\`: a valid JSON answer of 8 MB${chunked ? ', chunked' : ''}`,
        expected: 'cut off at the 1 MiB limit: an error saying the answer was too large; no retry; quick',
      },
      async (c) => {
        const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
        sim.inject({ type: 'huge', bytes: 8 * 1024 * 1024, ...(chunked ? { chunked: true } : {}) }, { times: Infinity })
        const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040' })
        expect(run.code).toBe(1)
        expect(resultOf(run)).toMatchObject([{ verdict: 'error', healthy: false }])
        expect(errorLines(run).join('\n')).toContain(
          "Kondado's answer for pipeline 2040 was larger than any status answer can be, and was cut off",
        )
        expect(sim.model.log).toHaveLength(1)
        // Quick: one read cut at 1 MiB, no retry, and by the action's own clock no request timeout waited out.
        expect(Number(run.outputs.elapsed)).toBeLessThan(REQUEST_TIMEOUT_MS / 1000)
        return summarize(run, sim)
      },
    )
  }
})
