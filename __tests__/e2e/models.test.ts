// Next runs end to end: `run` with models built from its pipelines, and `wait` with
// `wait-for: next`. Every simulated phase counts the action's own reads, so a slow machine cannot
// end a run before the action has seen it.

import { afterAll, describe, expect, test } from '@jest/globals'
import {
  act,
  annotationLine,
  busyFor,
  cleanUp,
  errorLines,
  expectClean,
  modelEntry,
  pipelineEntry,
  requests,
  resultOf,
  startRunElsewhere,
  startSimulator,
  stateLines,
} from './helpers.ts'

afterAll(cleanUp)

const pathsRead = (sim: { model: { log: { path: string }[] } }): string[] => sim.model.log.map((e) => e.path)

describe('run with models after their pipelines', () => {
  test.concurrent('a model fresh after its pipelines: judged on its next run, seen busy after the pipelines ended', async () => {
    const sim = await startSimulator((m) => {
      m.addPipeline({ id: 2040, run: busyFor(1) })
      // Kondado runs it once 2040's run has ended, after two reads of the model still at rest.
      m.addModel({ id: 165, run: { queuedReads: 1, runningReads: 1 }, after: { pipelines: [2040], delayReads: 2 } })
    })
    const run = await act(sim, { 'pipeline-id': '2040', 'model-id': '165' })

    expect(run.code).toBe(0)
    expect(resultOf(run)).toEqual([pipelineEntry(2040, {}), modelEntry(165, { run: 'next' })])
    // Not read at all while the pipeline ran; then at rest twice (its last run: never judged), busy, at rest twice.
    expect(pathsRead(sim).filter((path) => path.startsWith('/models/'))).toHaveLength(6)
    const firstModelRead = pathsRead(sim).indexOf('/models/165/status')
    expect(
      pathsRead(sim)
        .slice(firstModelRead)
        .every((path) => path === '/models/165/status'),
    ).toBe(true)
    expect(stateLines(run, 'model 165')).toEqual([
      'its pipelines ended healthy; waiting up to 10m for its next run to show queued or running.',
      'active, model operational',
      'scheduled, model operational',
      'the run has started.',
      'running, model operational',
      'active, model operational',
      expect.stringMatching(/^healthy \(active, model operational\) after \d+s$/),
    ])
    expect(run.summary).toContain('| [model 165](https://app.kondado.com.br/models/165) | `active` | ✅ healthy (its next run) |')
    expectClean(run, sim)
  })

  test.concurrent('a pipeline fails: the model is not waited for, nor read, and is reported as such', async () => {
    const sim = await startSimulator((m) => {
      m.addPipeline({ id: 2040, run: busyFor(1) })
      m.addPipeline({ id: 2041, run: { ...busyFor(1), outcome: { status: 'active', raw_msg: 'Could not connect to the source' } } })
      m.addModel({ id: 165, run: busyFor(1), after: { pipelines: [2040, 2041] } })
    })
    const run = await act(sim, { 'pipeline-id': '2040 2041', 'model-id': '165', language: 'pt-BR' })

    expect(run.code).toBe(1)
    expect(resultOf(run)).toEqual([
      pipelineEntry(2040, {}),
      pipelineEntry(2041, { raw_msg: 'Could not connect to the source', verdict: 'unhealthy', healthy: false }),
      {
        ...modelEntry(165, { verdict: 'not-waited', healthy: false, run: 'next' }),
        status: null,
        is_running: null,
        is_active: null,
        kubo_status_type: null,
      },
    ])
    expect(pathsRead(sim).filter((path) => path.startsWith('/models/'))).toEqual([])
    expect(run.summary).toMatch(
      /^\| \[modelo 165\]\(https:\/\/app\.kondado\.com\.br\/models\/165\) \| sem status \| ⏭️ não aguardado \(próxima execução\) \| \d+s \| nem todos os pipelines deste step terminaram saudáveis \(\[o que fazer\]\(https:\/\/github\.com\/kondado\/kondado-action\/blob\/main\/docs\/troubleshooting\.pt-BR\.md#explain-not-waited\)\) \|$/m,
    )
    expect(errorLines(run)).toContain(
      annotationLine(
        run,
        { kind: 'model', id: 165, subject: 'modelo 165' },
        'não aguardado',
        'O modelo 165 não foi aguardado: nem todos os pipelines deste step terminaram saudáveis, então a próxima execução dele não usaria dados atualizados.',
      ),
    )
    expect(errorLines(run)).toContain('::error::2 de 3 recursos não passaram: pipeline 2041 (com problema); modelo 165 (não aguardado).')
    expectClean(run, sim)
  })

  test.concurrent('a model that never starts: read through its start window, then "not seen to start", with what to check', async () => {
    const sim = await startSimulator((m) => {
      m.addPipeline({ id: 2040, run: busyFor(1) })
      m.addModel({ id: 166 })
    })
    const run = await act(sim, { 'pipeline-id': '2040', 'model-id': '166', 'model-start-timeout': '6s' })

    expect(run.code).toBe(1)
    expect(resultOf(run)).toEqual([pipelineEntry(2040, {}), modelEntry(166, { verdict: 'not-started', healthy: false, run: 'next' })])
    expect(run.summary).toContain('| [model 166](https://app.kondado.com.br/models/166) | `active` | ❌ not seen to start (its next run) |')
    expect(run.summary).toContain(
      '| not seen queued or running within 6s after its pipelines ended ([what to do](https://github.com/kondado/kondado-action/blob/main/docs/troubleshooting.md#explain-next-not-started)) |',
    )
    expect(run.summary).toContain(
      '- model 166 was not seen to start within 6s after its pipelines ended (Kondado still shows active, model operational). It may run on a schedule of its own rather than after these pipelines, or have run faster than one read. Check its run history in the app.',
    )
    expect(requests(sim, 'model-status').length).toBeGreaterThanOrEqual(2)
    expectClean(run, sim)
  })
})

describe('wait-for: next', () => {
  test.concurrent('a pipeline at rest is judged only after it has been seen busy and at rest again', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: { startDelayReads: 2, queuedReads: 1, runningReads: 1 } }))
    // Its next run is due after two more reads at rest: the action must not judge those.
    await startRunElsewhere(sim, 2040)
    const run = await act(sim, { command: 'wait', 'pipeline-id': '2040', 'wait-for': 'next' })

    expect(run.code).toBe(0)
    expect(resultOf(run)).toEqual([pipelineEntry(2040, { run: 'next' })])
    expect(requests(sim, 'pipeline-status')).toHaveLength(6)
    expect(requests(sim, 'run')).toEqual([])
    expect(stateLines(run, 'pipeline 2040')).toEqual([
      "waiting up to 2m for its next run to show queued or running ('wait-for: next'); the state shown now is not judged.",
      'active',
      'scheduled',
      'the run has started.',
      'running',
      'active',
      expect.stringMatching(/^healthy \(active\) after \d+s$/),
    ])
    expectClean(run, sim)
  })
})
