// Faults in what the status says: a trigger not yet visible, flapping states, answers of the
// wrong shape. Issue items 1 to 3.

import { describe, expect } from '@jest/globals'
import { errorLines, failureOf, faultSuite, requests, resultOf, summarize, visibleStdout } from './harness.ts'

const { faultCase } = faultSuite(import.meta.filename, 'Status answers')

const ACTIVE = { status: 'active', is_running: false, is_active: true, is_blocked: false, raw_msg: null }

describe('1. the old state right after a trigger', () => {
  faultCase(
    {
      id: '1.1',
      name: 'old active for two reads after the trigger',
      fault: 'POST /run accepted; the status shows the old `active` for two reads, then `scheduled`, `running`, `active`',
      expected: 'the old `active` is not a verdict: the step waits for the run to show, then for it to end; healthy',
    },
    async (c) => {
      const staleReads = 2
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: { startDelayReads: staleReads, queuedReads: 1, runningReads: 1 } }))
      const run = await c.act(sim, { 'pipeline-id': '2040', 'start-timeout': '20s' })
      expect(run.code).toBe(0)
      expect(resultOf(run)).toMatchObject([{ verdict: 'healthy', status: 'active' }])
      // The two reads of the old `active` after the POST did not end the wait: the verdict came from
      // the two reads after the run was over (one read before the POST, one each while queued and running).
      expect(sim.model.log.map((e) => e.kind)).toEqual(['pipeline-status', 'run', ...Array<string>(2 + 2 + 2).fill('pipeline-status')])
      const out = visibleStdout(run)
      expect(out.indexOf('the run has started.')).toBeGreaterThan(out.indexOf('run requested'))
      expect(requests(sim, 'run')).toHaveLength(1)
      c.expectRunsStarted(sim, 2040, 1)
      return summarize(run, sim, [`${staleReads} reads of the old active not taken as a verdict`])
    },
  )

  faultCase(
    {
      id: '1.2',
      name: 'a run never seen to start',
      fault: 'POST /run accepted; the status stays `active` past `start-timeout: 4s`',
      expected: 'fails: "not seen to start within 4s"; one POST; never healthy',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: { startDelayReads: Infinity } }))
      const run = await c.act(sim, { 'pipeline-id': '2040', 'start-timeout': '4s', timeout: '30s' })
      expect(run.code).toBe(1)
      expect(run.outputs.healthy).toBe('false')
      expect(resultOf(run)).toMatchObject([{ verdict: 'not-started', status: 'active' }])
      expect(errorLines(run).join('\n')).toContain('was triggered but not seen to start within 4s')
      expect(requests(sim, 'run')).toHaveLength(1)
      // Ended by the 4 s start window, not the 30 s timeout, by the action's own clock.
      expect(Number(run.outputs.elapsed)).toBeLessThan(30)
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '1.3',
      name: '`wait: false` and the old state',
      fault: '`wait: false`; the status shows the old `active` at the first read after the POST',
      expected: '`started` only once the run shows as queued or running, not on the old `active`',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: { startDelayReads: 1, queuedReads: Infinity } }))
      const run = await c.act(sim, { 'pipeline-id': '2040', wait: 'false' })
      expect(run.code).toBe(0)
      expect(resultOf(run)).toMatchObject([{ verdict: 'started', status: 'scheduled' }])
      // Started on the second read after the POST, the first being the old `active`.
      expect(sim.model.log.map((e) => e.kind)).toEqual(['pipeline-status', 'run', 'pipeline-status', 'pipeline-status'])
      return summarize(run, sim)
    },
  )
})

const FLAPS = [{ status: 'running' }, { status: 'active' }, { status: 'running' }, { status: 'active' }, { status: 'running' }]

describe('2. a flapping status', () => {
  faultCase(
    {
      id: '2.1',
      name: 'running, active, running, active, running, then at rest',
      fault: '`wait`: reads 1-5 flap between `running` and `active`; then `active` for good',
      expected: 'no verdict on a lone `active`: healthy only after two reads in a row show the same resting state (read 7)',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, script: FLAPS }))
      const run = await c.act(sim, { command: 'wait', 'pipeline-id': '2040' })
      expect(run.code).toBe(0)
      expect(resultOf(run)).toMatchObject([{ verdict: 'healthy' }])
      expect(requests(sim, 'pipeline-status')).toHaveLength(7)
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '2.2',
      name: 'flapping through `active`, then a failure at rest',
      fault: '`wait`: reads 1-5 flap through `active` (healthy-looking); the state at rest is `active` with an error `raw_msg`',
      expected: 'the flapping `active` reads are not taken: unhealthy, with the final error',
    },
    async (c) => {
      const sim = await c.sim((m) =>
        m.addPipeline({ id: 2040, raw_msg: 'Destination refused the load', script: FLAPS.map((s) => ({ ...s, raw_msg: null })) }),
      )
      const run = await c.act(sim, { command: 'wait', 'pipeline-id': '2040' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'unhealthy', raw_msg: 'Destination refused the load' }])
      expect(requests(sim, 'pipeline-status')).toHaveLength(7)
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '2.3',
      name: 'flapping right after a trigger',
      fault: '`run`: after the POST the status flaps running/active three times while the real run lasts 6 s',
      expected: 'the verdict comes only after the run has really ended: healthy, read after the 6 s',
    },
    async (c) => {
      const script = [
        { status: 'active' },
        { status: 'running' },
        { status: 'active' },
        { status: 'running' },
        { status: 'active' },
        { status: 'running' },
      ]
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, run: { queuedMs: 0, runningMs: 6_000 }, script }))
      const run = await c.act(sim, { 'pipeline-id': '2040' })
      const postAt = requests(sim, 'run')[0]?.at ?? Number.NaN
      expect(run.code).toBe(0)
      expect(resultOf(run)).toMatchObject([{ verdict: 'healthy' }])
      expect(requests(sim, 'pipeline-status').at(-1)?.at ?? 0).toBeGreaterThanOrEqual(postAt + 6_000)
      c.expectRunsStarted(sim, 2040, 1)
      return summarize(run, sim)
    },
  )
})

describe('3. answers of an unexpected shape', () => {
  faultCase(
    {
      id: '3.1',
      name: 'an unknown status value',
      fault: '`status`: `{"2040": {"status": "paused_by_ops", ...}}`',
      expected: 'not healthy: "a status this action does not know"; no retry (the answer was readable)',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject({ type: 'status', value: { 2040: { ...ACTIVE, status: 'paused_by_ops' } } }, { times: Infinity })
      const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'unknown-status', status: 'paused_by_ops', healthy: false }])
      expect(errorLines(run).join('\n')).toContain('a status this action does not know')
      expect(sim.model.log).toHaveLength(1)
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '3.2',
      name: 'an unknown status at the end of a wait',
      fault: '`wait`: `running`, then `paused_by_ops` twice',
      expected: 'not healthy: unknown-status after two equal reads',
    },
    async (c) => {
      const sim = await c.sim((m) =>
        m.addPipeline({ id: 2040, script: [{ status: 'running' }, { status: 'paused_by_ops' }, { status: 'paused_by_ops' }] }),
      )
      const run = await c.act(sim, { command: 'wait', 'pipeline-id': '2040' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'unknown-status', status: 'paused_by_ops' }])
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '3.3',
      name: 'a status word with a trailing line break',
      fault: '`status`: `"status": "active\\n"`',
      expected: 'not read as `active`: shown quoted, unknown-status',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject({ type: 'status', value: { 2040: { ...ACTIVE, status: 'active\n' } } }, { times: Infinity })
      const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'unknown-status', status: '"active\\n"' }])
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '3.4',
      name: 'an empty object, once, during a wait',
      fault: '`wait`: one read answers `{}`',
      expected: 'retried after a backoff, then healthy; the retry is logged',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, script: [{ status: 'running' }] }))
      sim.inject({ type: 'status', value: {} }, { match: { kind: 'pipeline-status' } })
      const run = await c.act(sim, { command: 'wait', 'pipeline-id': '2040' })
      expect(run.code).toBe(0)
      expect(resultOf(run)).toMatchObject([{ verdict: 'healthy' }])
      expect(visibleStdout(run)).toMatch(/\] pipeline 2040: the read failed \(unreadable.*\); retrying in \d+s\./)
      return summarize(run, sim)
    },
  )

  const malformed: Array<[string, string, unknown]> = [
    ['3.5', 'an empty object', {}],
    ['3.6', 'the id missing from the answer', { 9999: ACTIVE }],
    ['3.7', 'the pipeline entry as a bare string', { 2040: 'active' }],
    ['3.8', 'a status that is not a string', { 2040: { ...ACTIVE, status: 1 } }],
    ['3.9', 'an empty status', { 2040: { ...ACTIVE, status: '' } }],
    ['3.10', 'JSON null', null],
    ['3.11', 'a JSON array', [ACTIVE]],
    ['3.12', '`data` without `success: true`', { data: { 2040: ACTIVE } }],
  ]
  for (const [id, name, value] of malformed) {
    faultCase(
      {
        id,
        name: `${name}, every time`,
        fault: `\`status\`: every read answers \`${JSON.stringify(value)}\``,
        expected: 'retried within the deadline, then an error: "could not be read"; never healthy',
        timeoutS: 8,
      },
      async (c) => {
        const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
        sim.inject({ type: 'status', value }, { times: Infinity })
        const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040', timeout: '8s' })
        expect(run.code).toBe(1)
        expect(resultOf(run)).toMatchObject([{ verdict: 'error', healthy: false, status: null }])
        expect(errorLines(run).join('\n')).toContain("Kondado's answer for pipeline 2040 could not be read")
        // Each failed read was retried, and said so, until a retry would pass the deadline: backoffs of
        // 1-3 s, 2-6 s, then 4-12 s fit one to three times in 8 s (enough for one even when a busy
        // machine delays the first read by seconds). Every retry sent was announced; the last one
        // announced may not be sent, when a busy machine wakes from its pause past the deadline.
        const announced = visibleStdout(run)
          .split('\n')
          .filter((line) => line.includes('; retrying in ')).length
        expect([1, 2, 3]).toContain(announced)
        expect([announced, announced + 1]).toContain(sim.model.log.length)
        c.expectDeadlineHeld(run, 8)
        return summarize(run, sim)
      },
    )
  }

  faultCase(
    {
      id: '3.13',
      name: 'a pipeline answer wrapped in success/data',
      fault: '`status`: `{"success": true, "data": {"2040": {"status": "not_active", ...}}}`',
      expected: 'the wrapped shape is read (Kondado uses it for models): unhealthy `not_active`, not an error and not healthy',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject(
        { type: 'status', value: { success: true, data: { 2040: { ...ACTIVE, status: 'not_active', is_active: false } } } },
        { times: Infinity },
      )
      const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'unhealthy', status: 'not_active' }])
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '3.14',
      name: 'a wrapped healthy answer',
      fault: '`wait`: every read `{"success": true, "data": {"2040": {"status": "active", ...}}}`',
      expected: 'read like the plain shape: healthy after two equal reads',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject({ type: 'status', value: { success: true, data: { 2040: ACTIVE } } }, { times: Infinity })
      const run = await c.act(sim, { command: 'wait', 'pipeline-id': '2040' })
      expect(run.code).toBe(0)
      expect(resultOf(run)).toMatchObject([{ verdict: 'healthy' }])
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '3.15',
      name: 'wrapped with `success: false` around a healthy entry',
      fault: '`status`: `{"success": false, "data": {"2040": {"status": "active"}}}`',
      expected: 'a refusal, not a status: error, never healthy',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject({ type: 'status', value: { success: false, data: { 2040: ACTIVE } } }, { times: Infinity })
      const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'error', healthy: false }])
      expect(failureOf(run)).toBe('1 of 1 resource did not pass: pipeline 2040 (refused, HTTP 200).')
      return summarize(run, sim)
    },
  )
})
