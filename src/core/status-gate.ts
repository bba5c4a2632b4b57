// `status`: one read of each resource, judged as it stands, with no waiting. A gate for CI.

import { judge } from './health.ts'
import { healthVerdict } from './read-transition.ts'
import { failureReport, reportOf } from './reports.ts'
import type { StepRun } from './step-run.ts'
import type { ResourceRef } from './types.ts'
import type { ResourceReport } from './vocabulary.ts'

export async function statusOnce(run: StepRun, resources: readonly ResourceRef[]): Promise<ResourceReport[]> {
  const reports: ResourceReport[] = []
  for (const resource of resources) reports.push(await readOne(run, resource))
  for (const report of reports) run.emit({ type: 'settled', report })
  return reports
}

async function readOne(run: StepRun, resource: ResourceRef): Promise<ResourceReport> {
  if (run.signal?.aborted) return reportOf(run, resource, 'cancelled')
  const refused = run.refusal.problem
  if (refused) return failureReport(run, resource, refused)
  try {
    const snapshot = await run.client.status(resource)
    run.emit({ type: 'status', resource, snapshot })
    return reportOf(run, resource, healthVerdict(judge(resource.kind, snapshot)), { snapshot })
  } catch (error) {
    return failureReport(run, resource, error)
  }
}
