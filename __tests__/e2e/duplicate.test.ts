// `command: duplicate` end to end: what reaches Kondado, what the step reports, and that one
// step makes exactly one pipeline.

import { afterAll, describe, expect, test } from '@jest/globals'
import type { KondadoModel } from '../../simulator/index.ts'
import {
  act,
  busyFor,
  cleanUp,
  errorLines,
  expectClean,
  expectElapsed,
  flagsOutputs,
  pipelineEntry,
  requests,
  resultOf,
  startSimulator,
  stateLines,
} from './helpers.ts'

afterAll(cleanUp)

const NEW_ID = 777001
const SIM_OPTIONS = { duplicate: { firstId: NEW_ID, buildingTablesReads: 1 } }

function basePipeline(m: KondadoModel): void {
  m.addPipeline({
    id: 2040,
    tablePaths: ['', 'statuses'],
    parameters: { start_date: '2024-01-01', store: 'main' },
    run: busyFor(1),
  })
}

const FULL_TABLES = { '': 'orders_prod', statuses: 'orders_statuses_prod' }
const DUPLICATE_INPUTS = { command: 'duplicate', 'pipeline-id': '2040', 'src-collection-id': '877291', 'dest-collection-id': '678910' }

describe('duplicate', () => {
  test.concurrent('sends the inputs as the body, reports the new id and the table mapping, waits for the table build', async () => {
    const sim = await startSimulator(basePipeline, SIM_OPTIONS)
    const run = await act(sim, {
      ...DUPLICATE_INPUTS,
      'client-id': '4242',
      name: 'Orders (prod) – produção',
      'full-tables': JSON.stringify(FULL_TABLES),
      'deltas-tables': '{"": "orders_prod_delta",\n "statuses": "orders_statuses_prod_delta"}',
      'overwrite-parameters': '{"start_date": "2025-01-01"}',
      'execute-immediately': 'false',
    })

    expect(run.code).toBe(0)
    expect(sim.model.createdPipelineIds()).toEqual([NEW_ID])
    expect(sim.model.duplicatePayload(NEW_ID)).toEqual({
      pipeline_id: 2040,
      src_collection_id: 877291,
      dest_collection_id: 678910,
      client_id: 4242,
      name: 'Orders (prod) – produção',
      full_tables: FULL_TABLES,
      deltas_tables: { '': 'orders_prod_delta', statuses: 'orders_statuses_prod_delta' },
      overwrite_parameters: { start_date: '2025-01-01' },
      execute_immediately: 'N',
    })
    expect(requests(sim, 'duplicate')).toHaveLength(1)
    expect(requests(sim, 'run')).toEqual([])
    expect(sim.model.runCount(2040)).toBe(0)

    expect(run.outputs).toMatchObject({ ...flagsOutputs('active', {}), healthy: 'true', 'new-pipeline-id': String(NEW_ID) })
    expect(resultOf(run)).toEqual([pipelineEntry(NEW_ID, {})])
    expectElapsed(run, sim)
    expect(stateLines(run, `pipeline ${NEW_ID}`).slice(0, 2)).toEqual(['building_tables', 'active'])
    expect(run.stdout).toContain(`Created pipeline ${NEW_ID} from pipeline 2040.`)

    expect(run.summary).toContain('## Kondado: duplicate a pipeline')
    expect(run.summary).toContain('| Base pipeline | New pipeline | Name | Source collection | Destination collection | Runs now |')
    expect(run.summary).toContain(
      `| [2040](https://app.kondado.com.br/pipelines/2040) | [${NEW_ID}](https://app.kondado.com.br/pipelines/${NEW_ID}) | Orders (prod) – produção | 877291 | 678910 | no |`,
    )
    expect(run.summary).toContain('| Table path | New table | New delta table |')
    expect(run.summary).toContain('| (main table) | orders\\_prod | orders\\_prod\\_delta |')
    expect(run.summary).toContain('| `statuses` | orders\\_statuses\\_prod | orders\\_statuses\\_prod\\_delta |')
    expectClean(run, sim)
  })

  test.concurrent("execute-immediately true with wait: sends only the given fields and waits for the new pipeline's run", async () => {
    const sim = await startSimulator(basePipeline, SIM_OPTIONS)
    const run = await act(sim, { ...DUPLICATE_INPUTS, 'full-tables': JSON.stringify(FULL_TABLES), 'execute-immediately': 'true' })

    expect(run.code).toBe(0)
    expect(sim.model.createdPipelineIds()).toEqual([NEW_ID])
    expect(sim.model.duplicatePayload(NEW_ID)).toEqual({
      pipeline_id: 2040,
      src_collection_id: 877291,
      dest_collection_id: 678910,
      full_tables: FULL_TABLES,
      execute_immediately: 'Y',
    })
    expect(requests(sim, 'duplicate')).toHaveLength(1)
    // Kondado starts the run itself: the action must not ask for a second one.
    expect(requests(sim, 'run')).toEqual([])

    expect(run.outputs).toMatchObject({ ...flagsOutputs('active', {}), healthy: 'true', 'new-pipeline-id': String(NEW_ID) })
    expect(resultOf(run)).toEqual([pipelineEntry(NEW_ID, {})])
    // The build (one read) and the run (one read) both come before the verdict, seen at rest twice.
    expect(requests(sim, 'pipeline-status')).toHaveLength(4)
    const lines = stateLines(run, `pipeline ${NEW_ID}`)
    expect(lines).toContain('running')
    expect(lines.indexOf('running')).toBeLessThan(lines.lastIndexOf('active'))
    expect(sim.model.pipelineStatus(NEW_ID).status).toBe('active')
    expect(run.summary).toContain(
      `| [${NEW_ID}](https://app.kondado.com.br/pipelines/${NEW_ID}) | same as pipeline 2040 | 877291 | 678910 | yes |`,
    )
    expect(run.summary).toContain('| (main table) | orders\\_prod |  |')
    expectClean(run, sim)
  })

  test.concurrent('wait false: returns once created, with the new id', async () => {
    const sim = await startSimulator(basePipeline, SIM_OPTIONS)
    const run = await act(sim, { ...DUPLICATE_INPUTS, 'full-tables': JSON.stringify(FULL_TABLES), wait: 'false' })

    expect(run.code).toBe(0)
    expect(sim.model.log.map((e) => e.kind)).toEqual(['duplicate'])
    expect(run.outputs).toMatchObject({ healthy: 'true', 'new-pipeline-id': String(NEW_ID), status: '' })
    expect(resultOf(run)).toEqual([
      pipelineEntry(NEW_ID, { status: null, is_running: null, is_active: null, is_blocked: null, verdict: 'created' }),
    ])
    expect(run.summary).toContain('✅ created')
    expectClean(run, sim)
  })

  test.concurrent("Kondado's refusal fails the step with its reason; the POST is not repeated", async () => {
    const sim = await startSimulator(basePipeline, SIM_OPTIONS)
    const run = await act(sim, { ...DUPLICATE_INPUTS, 'full-tables': '{"": "orders_prod"}' })

    expect(run.code).toBe(1)
    expect(sim.model.createdPipelineIds()).toEqual([])
    expect(sim.model.log.map((e) => e.kind)).toEqual(['duplicate'])
    expect(run.outputs).toMatchObject({ healthy: 'false', 'new-pipeline-id': '' })
    expect(run.outputs.result).toBe('[]')
    const failure = errorLines(run).find((line) => line.startsWith('::error::'))
    expect(failure).toMatch(/^::error::Duplicating pipeline 2040 failed: Kondado refused the request for pipeline 2040/)
    expect(failure).toContain('full_tables: missing table path "statuses"')
    expect(run.summary).toContain('> ❌ Duplicating pipeline 2040 failed')
    expectClean(run, sim)
  })
})
