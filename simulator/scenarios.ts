// Ready-made pipelines and models for the demo, the CLI and the workflow.

import type { KondadoModel } from './model.ts'

export const DEMO_KEY = 'demo-key'
export const DEMO_TOKEN = 'demo-token'

export function demoScenario(model: KondadoModel): void {
  model.addPipeline({ id: 2040, tablePaths: ['', 'statuses'], run: { queuedMs: 2000, runningMs: 6000 } })
  model.addPipeline({
    id: 2041,
    run: {
      queuedMs: 2000,
      runningMs: 6000,
      outcome: { status: 'active', raw_msg: 'Could not connect to the source: connection timed out' },
    },
  })
  model.addPipeline({
    id: 2042,
    status: 'too_many_consecutive_failed_builds__blocked',
    raw_msg: 'Pipeline disabled after 10 consecutive failed builds: destination rejected the credentials',
  })
  model.addPipeline({ id: 2043, status: 'not_active' })
  model.addModel({ id: 162 })
  model.addModel({ id: 163, kubo_status_type: 'rebuilding' })
  model.addModel({ id: 164, run: { queuedMs: 0, runningMs: 8000 } })
  model.startModelRun(164)
  // Built from pipeline 2040's tables: Kondado runs it 20 s after each run of 2040 ends (the dbt-deploy step of the demo).
  model.addModel({ id: 165, run: { queuedMs: 2000, runningMs: 10000 }, after: { pipelines: [2040], delayMs: 20000 } })
}
