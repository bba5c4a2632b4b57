// `language: pt-BR` end to end: the log, the summary and the failure message in Portuguese.

import { afterAll, describe, expect, test } from '@jest/globals'
import {
  act,
  annotationLine,
  busyFor,
  cleanUp,
  errorLines,
  expectClean,
  flagsOutputs,
  liveLog,
  startSimulator,
  visibleStdout,
} from './helpers.ts'

afterAll(cleanUp)

describe('language pt-BR', () => {
  test.concurrent('a run: the log and the summary in Portuguese', async () => {
    // wait false keeps it short: the failure message is checked below, on a failed health check.
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(Infinity) }))
    const run = await act(sim, { 'pipeline-id': '2040', wait: 'false', language: 'pt-BR' })

    expect(run.code).toBe(0)
    // Outputs are data, not words: the same in every language.
    expect(run.outputs).toMatchObject({ ...flagsOutputs('running', { running: true }), healthy: 'true' })
    const log = liveLog(run).join('\n')
    expect(log).toContain('pipeline 2040: execução solicitada; aguardando a Kondado mostrá-la na fila ou em execução.')
    expect(log).toContain('pipeline 2040: a execução começou.')
    expect(log).toMatch(/pipeline 2040: iniciado \(running\) após \d+s/)
    expect(run.summary).toContain('## Kondado: executar pipelines')
    expect(run.summary).toContain('| Recurso | Status | Resultado | Tempo de espera | Motivo |')
    expect(run.summary).toContain('| `running` | ✅ iniciado |')
    expect(run.summary).toMatch(/Concluído em \d+s\./)
    // None of the English words came through.
    expect(visibleStdout(run)).not.toMatch(/run requested|has started|started \(/)
    expect(run.summary).not.toMatch(/Resource|Verdict|started|Finished/)
    expectClean(run, sim)
  })

  test.concurrent('a failed health check in Portuguese', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2043, status: 'not_active' }))
    const run = await act(sim, { command: 'status', 'pipeline-id': '2043', language: 'pt-BR' })

    expect(run.code).toBe(1)
    expect(run.summary).toContain('## Kondado: health check')
    expect(run.summary).toContain('| `not_active` | ❌ com problema |')
    expect(run.summary).toContain(
      '| `not_active` | ❌ com problema | desativado na Kondado ([o que fazer](https://github.com/kondado/kondado-action/blob/main/docs/troubleshooting.pt-BR.md#explain-unhealthy)) |',
    )
    // No English word shown: the links' targets (a troubleshooting anchor such as #explain-unhealthy) are not shown.
    expect(run.summary.replace(/\]\([^)]*\)/g, ']')).not.toMatch(/Resource|Verdict|unhealthy|Finished|what to do/)
    expect(errorLines(run)).toEqual([
      annotationLine(run, { kind: 'pipeline', id: 2043 }, 'com problema', 'O pipeline 2043 não está saudável: not_active.'),
      '::error::1 de 1 recurso não passou: pipeline 2043 (com problema).',
    ])
    expectClean(run, sim)
  })

  test.concurrent('a bad input in Portuguese', async () => {
    const sim = await startSimulator(() => undefined)
    const run = await act(sim, { 'pipeline-id': '20x40', language: 'pt-BR' })

    expect(run.code).toBe(1)
    expect(sim.model.log).toEqual([])
    expect(visibleStdout(run).split('\n').filter(Boolean)).toEqual([
      "::error::Input 'pipeline-id': '20x40' não é um id válido (ids são números inteiros positivos, por exemplo 2040).",
    ])
    expectClean(run, sim)
  })
})
