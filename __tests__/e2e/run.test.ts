// `command: run` end to end: the bundled action against the simulator on loopback.
// Each test has its own simulator and child process, so they run side by side.

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
  KEY,
  liveLog,
  pipelineEntry,
  requests,
  resultOf,
  startSimulator,
  stateLines,
  TOKEN,
  warningLines,
} from './helpers.ts'

afterAll(cleanUp)

const SHORT_RUN = busyFor(1)
/** Server text that carries the credentials, as an error echoing a request URL might. */
const LEAKY_RAW_MSG = `Could not connect to the source: connection timed out (key ${KEY}, token ${encodeURIComponent(TOKEN)})`
const SHOWN_RAW_MSG = 'Could not connect to the source: connection timed out (key ***, token ***)'

/** Status values among the log lines of one resource (the other lines are sentences). */
const statusesLogged = (lines: string[]): string[] => lines.filter((line) => /^[a-z_]+(, "[^"]*")?$/.test(line))

describe('run', () => {
  test.concurrent('a healthy run: one POST, each state change logged once, exit 0', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: SHORT_RUN }))
    const run = await act(sim, { 'pipeline-id': '2040' })

    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.outputs).toEqual({
      ...flagsOutputs('active', {}),
      healthy: 'true',
      'new-pipeline-id': '',
      'new-pipeline-url': '',
      promotion: '',
      elapsed: expect.any(String),
      result: expect.any(String),
    })
    expect(resultOf(run)).toEqual([pipelineEntry(2040, {})])
    expectElapsed(run, sim)

    // The state is read first, then one run is requested, then the run is followed to its end:
    // one read sees it running, two at rest (the second confirms).
    expect(sim.model.log.map((e) => e.kind)).toEqual(['pipeline-status', 'run', 'pipeline-status', 'pipeline-status', 'pipeline-status'])
    expect(sim.model.runCount(2040)).toBe(1)

    const lines = stateLines(run, 'pipeline 2040')
    // Four reads, three states logged: the confirming read saw no change and said nothing.
    expect(statusesLogged(lines)).toEqual(['active', 'running', 'active'])
    expect(lines.filter((l) => l.startsWith('run requested'))).toHaveLength(1)
    expect(lines.filter((l) => l === 'the run has started.')).toHaveLength(1)
    expect(lines.at(-1)).toMatch(/^healthy \(active\) after \d+s$/)
    expect(errorLines(run)).toEqual([])

    expect(run.summary).toContain('## Kondado: run pipelines')
    expect(run.summary).toContain('| [pipeline 2040](https://app.kondado.com.br/pipelines/2040) | `active` | ✅ healthy |')
    expect(run.summary).toMatch(/Finished in \d+s\./)
    expectClean(run, sim)
  })

  test.concurrent('a run that ends with raw_msg fails with an error annotation naming the message', async () => {
    const sim = await startSimulator((m) =>
      m.addPipeline({ id: 2040, run: { ...SHORT_RUN, outcome: { status: 'active', raw_msg: LEAKY_RAW_MSG } } }),
    )
    const run = await act(sim, { 'pipeline-id': '2040' })

    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('active', { rawMsg: SHOWN_RAW_MSG }), healthy: 'false', 'new-pipeline-id': '' })
    expect(resultOf(run)).toEqual([pipelineEntry(2040, { raw_msg: SHOWN_RAW_MSG, verdict: 'unhealthy', healthy: false })])
    expectElapsed(run, sim)
    expect(requests(sim, 'run')).toHaveLength(1)

    const errors = errorLines(run)
    expect(errors).toContain(
      annotationLine(run, { kind: 'pipeline', id: 2040 }, 'unhealthy', `pipeline 2040 is not healthy: active, "${SHOWN_RAW_MSG}".`),
    )
    expect(errors).toContain('::error::1 of 1 resource did not pass: pipeline 2040 (unhealthy).')
    // The verdict is said once, by the annotation: the log's last line for it is the state read, not a verdict line.
    expect(stateLines(run, 'pipeline 2040').at(-1)).toBe(`active, "${SHOWN_RAW_MSG}"`)
    expect(stateLines(run, 'pipeline 2040').filter((l) => l.startsWith('unhealthy'))).toEqual([])

    expect(run.summary).toContain('| [pipeline 2040](https://app.kondado.com.br/pipelines/2040) | `active` | ❌ unhealthy |')
    // The message cell, with Markdown made inert.
    expect(run.summary).toContain(
      'Could not connect to the source: connection timed out (key \\*\\*\\*, token \\*\\*\\*) ([what to do](https://github.com/kondado/kondado-action/blob/main/docs/troubleshooting.md#explain-unhealthy)) |',
    )
    expectClean(run, sim)
  })

  test.concurrent('fail-on-error false: exit 0, healthy false, a warning instead of a failure', async () => {
    const sim = await startSimulator((m) =>
      m.addPipeline({ id: 2040, run: { ...SHORT_RUN, outcome: { status: 'active', raw_msg: 'Destination full' } } }),
    )
    const run = await act(sim, { 'pipeline-id': '2040', 'fail-on-error': 'false' })

    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('active', { rawMsg: 'Destination full' }), healthy: 'false' })
    expect(resultOf(run)).toEqual([pipelineEntry(2040, { raw_msg: 'Destination full', verdict: 'unhealthy', healthy: false })])
    expect(warningLines(run)).toEqual([
      annotationLine(
        run,
        { kind: 'pipeline', id: 2040 },
        'unhealthy',
        'pipeline 2040 is not healthy: active, "Destination full".',
        'warning',
      ),
      '::warning::1 of 1 resource did not pass: pipeline 2040 (unhealthy). fail-on-error is false: the verdicts above are reported without failing the step.',
    ])
    // No step failure (an untitled ::error:: is what setFailed writes).
    expect(errorLines(run).filter((line) => line.startsWith('::error::'))).toEqual([])
    expect(run.summary).toContain('❌ unhealthy')
    expect(run.summary).toContain('Destination full')
    expectClean(run, sim)
  })

  test.concurrent('several ids: one verdict each, in order, and the step fails if any is unhealthy', async () => {
    const sim = await startSimulator((m) => {
      m.addPipeline({ id: 2040, run: SHORT_RUN })
      m.addPipeline({ id: 2041, run: { ...SHORT_RUN, outcome: { status: 'active', raw_msg: 'Source refused the connection' } } })
      m.addPipeline({ id: 2042, run: SHORT_RUN })
    })
    const run = await act(sim, { 'pipeline-id': '2040, 2041\n2042' })

    expect(run.code).toBe(1)
    expect(resultOf(run)).toEqual([
      pipelineEntry(2040, {}),
      pipelineEntry(2041, { raw_msg: 'Source refused the connection', verdict: 'unhealthy', healthy: false }),
      pipelineEntry(2042, {}),
    ])
    // The single-value outputs describe the first unhealthy pipeline.
    expect(run.outputs).toMatchObject({ ...flagsOutputs('active', { rawMsg: 'Source refused the connection' }), healthy: 'false' })
    expectElapsed(run, sim)
    for (const id of [2040, 2041, 2042]) {
      expect(requests(sim, 'run').filter((e) => e.id === id)).toHaveLength(1)
      expect(sim.model.runCount(id)).toBe(1)
      const end = id === 2041 ? 'active, "Source refused the connection"' : 'active'
      expect(statusesLogged(stateLines(run, `pipeline ${id}`))).toEqual(['active', 'running', end])
      // Each verdict said once: an info line for those that passed, the annotation alone for the one that did not.
      const verdicts = stateLines(run, `pipeline ${id}`).filter((l) => /^(healthy|unhealthy) \(/.test(l))
      expect(verdicts).toEqual(id === 2041 ? [] : [expect.stringMatching(/^healthy \(active\) after \d+s$/)])
    }
    expect(errorLines(run)).toContain('::error::1 of 3 resources did not pass: pipeline 2041 (unhealthy).')
    expect(errorLines(run).filter((line) => line.startsWith('::error title='))).toEqual([
      annotationLine(
        run,
        { kind: 'pipeline', id: 2041 },
        'unhealthy',
        'pipeline 2041 is not healthy: active, "Source refused the connection".',
      ),
    ])
    const rows = run.summary.split('\n').filter((line) => line.startsWith('| [pipeline '))
    expect(rows).toHaveLength(3)
    expect(rows[0]).toContain('[pipeline 2040]')
    expect(rows[0]).toContain('✅ healthy')
    expect(rows[1]).toContain('[pipeline 2041]')
    expect(rows[1]).toContain('❌ unhealthy')
    expect(rows[1]).toContain('Source refused the connection')
    expect(rows[2]).toContain('[pipeline 2042]')
    expect(rows[2]).toContain('✅ healthy')
    expectClean(run, sim)
  })

  test.concurrent('wait false: returns as soon as the run is seen, while it is still running', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(Infinity) }))
    const run = await act(sim, { 'pipeline-id': '2040', wait: 'false' })

    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ ...flagsOutputs('running', { running: true }), healthy: 'true' })
    expect(resultOf(run)).toEqual([pipelineEntry(2040, { status: 'running', is_running: true, verdict: 'started' })])
    expect(sim.model.pipelineStatus(2040).status).toBe('running')
    // Read, trigger, one read that sees the run: nothing more, though the run never ends.
    expect(sim.model.log.map((e) => e.kind)).toEqual(['pipeline-status', 'run', 'pipeline-status'])
    expect(liveLog(run).some((line) => line.endsWith('pipeline 2040: the run has started.'))).toBe(true)
    expect(stateLines(run, 'pipeline 2040').at(-1)).toMatch(/^started \(running\) after \d+s$/)
    expect(run.summary).toContain('| `running` | ✅ started |')
    expectClean(run, sim)
  })
})
