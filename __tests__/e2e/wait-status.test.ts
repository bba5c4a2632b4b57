// `command: wait` and `command: status` end to end.

import { afterAll, describe, expect, test } from '@jest/globals'
import {
  act,
  annotationLine,
  busyFor,
  cleanUp,
  errorLines,
  expectClean,
  expectElapsed,
  flagsOutputs,
  modelEntry,
  pipelineEntry,
  requests,
  resultOf,
  startRunElsewhere,
  startSimulator,
  stateLines,
} from './helpers.ts'

afterAll(cleanUp)

describe('wait and status', () => {
  test.concurrent('wait: pipelines and models together: each waited for until at rest, no run triggered', async () => {
    const sim = await startSimulator((m) => {
      m.addPipeline({ id: 2040, run: busyFor(1) })
      m.addPipeline({ id: 2041 })
      m.addModel({ id: 162 })
      m.addModel({ id: 164, run: busyFor(1) })
      m.startModelRun(164)
    })
    await startRunElsewhere(sim, 2040)
    const run = await act(sim, { command: 'wait', 'pipeline-id': '2040 2041', 'model-id': '162,164' })

    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('active', {}), healthy: 'true', 'new-pipeline-id': '' })
    expect(resultOf(run)).toEqual([pipelineEntry(2040, {}), pipelineEntry(2041, {}), modelEntry(162, {}), modelEntry(164, {})])
    expectElapsed(run, sim)
    expect(requests(sim, 'run')).toEqual([])
    // Each read until seen twice at rest: the busy ones once more, for the read that saw them busy.
    const readsOf = (path: string): number => sim.model.log.filter((e) => e.path === path).length
    expect(['/pipelines/2040/status', '/pipelines/2041/status', '/models/162/status', '/models/164/status'].map(readsOf)).toEqual([
      3, 2, 2, 3,
    ])
    // The busy ones were seen busy, then at rest; the idle ones only at rest.
    expect(stateLines(run, 'pipeline 2040').slice(0, 2)).toEqual(['running', 'active'])
    expect(stateLines(run, 'model 164').slice(0, 2)).toEqual(['running, model operational', 'active, model operational'])
    expect(stateLines(run, 'model 162')[0]).toBe('active, model operational')
    expect(run.summary).toContain('## Kondado: wait for pipelines and models')
    expect(run.summary).toContain('[model 164](https://app.kondado.com.br/models/164)')
    expect(run.summary.split('\n').filter((l) => l.includes('✅ healthy'))).toHaveLength(4)
    expectClean(run, sim)
  })

  test.concurrent("wait: a model whose kubo status is 'rebuilding' is not healthy", async () => {
    const sim = await startSimulator((m) => m.addModel({ id: 163, kubo_status_type: 'rebuilding' }))
    const run = await act(sim, { command: 'wait', 'model-id': '163' })

    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('active', { blocked: null, kubo: 'rebuilding' }), healthy: 'false' })
    expect(resultOf(run)).toEqual([modelEntry(163, { kubo_status_type: 'rebuilding', verdict: 'unhealthy', healthy: false })])
    expect(errorLines(run)).toContain(
      annotationLine(run, { kind: 'model', id: 163 }, 'unhealthy', 'model 163 is not healthy: active, model rebuilding.'),
    )
    expect(errorLines(run)).toContain('::error::1 of 1 resource did not pass: model 163 (unhealthy).')
    expect(run.summary).toContain('| [model 163](https://app.kondado.com.br/models/163) | `active` | ❌ unhealthy |')
    expectClean(run, sim)
  })

  test.concurrent('wait: a timeout fails with the last status, and ends within a couple of seconds of it', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(Infinity) }))
    await startRunElsewhere(sim, 2040)
    // Long enough for a first read even when a busy machine slows the action down.
    const run = await act(sim, { command: 'wait', 'pipeline-id': '2040', timeout: '8s' })

    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('running', { running: true }), healthy: 'false' })
    expect(resultOf(run)).toEqual([pipelineEntry(2040, { status: 'running', is_running: true, verdict: 'timed-out', healthy: false })])
    // By the action's own clock (whole seconds): the last read comes 1.5 s before the timeout.
    expect(Number(run.outputs.elapsed)).toBeGreaterThanOrEqual(6)
    expect(Number(run.outputs.elapsed)).toBeLessThanOrEqual(9)
    expect(errorLines(run)).toContain(
      annotationLine(
        run,
        { kind: 'pipeline', id: 2040 },
        'timed out',
        'pipeline 2040 was still not finished after the timeout of 8s (last status: running). It keeps running in Kondado.',
      ),
    )
    expect(errorLines(run)).toContain('::error::1 of 1 resource did not pass: pipeline 2040 (timed out).')
    expect(run.summary).toContain('| `running` | ⏱️ timed out |')
    expect(run.summary).toContain('The timeout came first')
    expect(sim.model.pipelineStatus(2040).status).toBe('running')
    expectClean(run, sim)
  })

  test.concurrent('status: one read per resource, one verdict each, no waiting', async () => {
    const sim = await startSimulator((m) => {
      m.addPipeline({ id: 2040 })
      m.addPipeline({ id: 2041, run: busyFor(Infinity) })
      m.addPipeline({ id: 2042, status: 'not_active' })
      m.addPipeline({ id: 2043, status: 'too_many_consecutive_failed_builds__blocked', raw_msg: 'Disabled after 10 failed builds' })
      m.addPipeline({ id: 2044, status: 'paused_by_magic' })
      m.addModel({ id: 162 })
      m.addModel({ id: 163, kubo_status_type: 'rebuilding' })
    })
    await startRunElsewhere(sim, 2041)
    const run = await act(sim, { command: 'status', 'pipeline-id': '2040,2041,2042,2043,2044', 'model-id': '162 163' })

    expect(run.code).toBe(1)
    expect(sim.model.log.map((e) => `${e.method} ${e.path}`)).toEqual([
      'GET /pipelines/2040/status',
      'GET /pipelines/2041/status',
      'GET /pipelines/2042/status',
      'GET /pipelines/2043/status',
      'GET /pipelines/2044/status',
      'GET /models/162/status',
      'GET /models/163/status',
    ])
    expect(resultOf(run)).toEqual([
      pipelineEntry(2040, {}),
      pipelineEntry(2041, { status: 'running', is_running: true }),
      pipelineEntry(2042, { status: 'not_active', is_active: false, verdict: 'unhealthy', healthy: false }),
      pipelineEntry(2043, {
        status: 'too_many_consecutive_failed_builds__blocked',
        is_active: false,
        is_blocked: true,
        raw_msg: 'Disabled after 10 failed builds',
        verdict: 'unhealthy',
        healthy: false,
      }),
      pipelineEntry(2044, { status: 'paused_by_magic', verdict: 'unknown-status', healthy: false }),
      modelEntry(162, {}),
      modelEntry(163, { kubo_status_type: 'rebuilding', verdict: 'unhealthy', healthy: false }),
    ])
    // The single-value outputs describe the first resource that failed.
    expect(run.outputs).toMatchObject({ ...flagsOutputs('not_active', { active: false }), healthy: 'false' })
    expect(errorLines(run)).toContain(
      '::error::4 of 7 resources did not pass: pipeline 2042 (unhealthy); pipeline 2043 (unhealthy); pipeline 2044 (unknown status); model 163 (unhealthy).',
    )
    expect(run.summary).toContain('## Kondado: health check')
    expect(run.summary.split('\n').filter((l) => l.startsWith('| ['))).toHaveLength(7)
    expectClean(run, sim)
  })

  test.concurrent('status: a running pipeline counts as healthy', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2041, run: busyFor(Infinity) }))
    await startRunElsewhere(sim, 2041)
    const run = await act(sim, { command: 'status', 'pipeline-id': '2041' })

    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('running', { running: true }), healthy: 'true' })
    expect(resultOf(run)).toEqual([pipelineEntry(2041, { status: 'running', is_running: true })])
    expect(sim.model.log).toHaveLength(1)
    expect(errorLines(run)).toEqual([])
    expect(run.summary).toContain('| `running` | ✅ healthy |')
    expectClean(run, sim)
  })

  test.concurrent('status: not_active fails', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2043, status: 'not_active' }))
    const run = await act(sim, { command: 'status', 'pipeline-id': '2043' })

    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('not_active', { active: false }), healthy: 'false' })
    expect(sim.model.log).toHaveLength(1)
    expect(errorLines(run)).toContainEqual(expect.stringMatching(/::pipeline 2043 is not healthy: not_active\.$/))
    expectClean(run, sim)
  })

  test.concurrent('status: too_many_consecutive_failed_builds__blocked fails, with its raw_msg', async () => {
    const sim = await startSimulator((m) =>
      m.addPipeline({ id: 2042, status: 'too_many_consecutive_failed_builds__blocked', raw_msg: 'Destination rejected the credentials' }),
    )
    const run = await act(sim, { command: 'status', 'pipeline-id': '2042' })

    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({
      ...flagsOutputs('too_many_consecutive_failed_builds__blocked', {
        active: false,
        blocked: true,
        rawMsg: 'Destination rejected the credentials',
      }),
      healthy: 'false',
    })
    expect(sim.model.log).toHaveLength(1)
    expect(run.summary).toContain(
      '| blocked | ❌ unhealthy | blocked by Kondado after failing too many times in a row (`too_many_consecutive_failed_builds__blocked`); Destination rejected the credentials ([what to do](https://github.com/kondado/kondado-action/blob/main/docs/troubleshooting.md#explain-unhealthy)) |',
    )
    expectClean(run, sim)
  })

  test.concurrent('status: a status value the action does not know is not healthy', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2044, status: 'paused_by_magic' }))
    const run = await act(sim, { command: 'status', 'pipeline-id': '2044' })

    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('paused_by_magic', {}), healthy: 'false' })
    expect(resultOf(run)).toEqual([pipelineEntry(2044, { status: 'paused_by_magic', verdict: 'unknown-status', healthy: false })])
    expect(errorLines(run)).toContainEqual(
      expect.stringMatching(/pipeline 2044 reported a status this action does not know \(paused_by_magic\)/),
    )
    expect(run.summary).toContain('❓ unknown status')
    expectClean(run, sim)
  })
})
