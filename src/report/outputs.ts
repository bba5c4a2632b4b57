import { appUrl, isPassing, primaryOf, stepPassed, type StepReport } from '../core/index.ts'

const flag = (value: boolean | null | undefined): string => (value === null || value === undefined ? '' : String(value))
const seconds = (ms: number): string => String(Math.round(ms / 1000))

/** The step's outputs, all strings, as the runner stores them. */
export function outputsOf(report: StepReport): Record<string, string> {
  const primary = primaryOf(report)
  const snapshot = primary?.snapshot
  return {
    status: snapshot?.status ?? '',
    'is-running': flag(snapshot?.isRunning),
    'is-active': flag(snapshot?.isActive),
    'is-blocked': flag(snapshot?.isBlocked),
    'raw-msg': snapshot?.rawMsg ?? '',
    'kubo-status-type': snapshot?.kuboStatusType ?? '',
    healthy: String(stepPassed(report)),
    'new-pipeline-id': report.newPipelineId === undefined ? '' : String(report.newPipelineId),
    elapsed: seconds(report.elapsedMs),
    result: JSON.stringify(
      report.resources.map((r) => ({
        kind: r.resource.kind,
        id: r.resource.id,
        status: r.snapshot?.status ?? null,
        is_running: r.snapshot?.isRunning ?? null,
        is_active: r.snapshot?.isActive ?? null,
        is_blocked: r.snapshot?.isBlocked ?? null,
        kubo_status_type: r.snapshot?.kuboStatusType ?? null,
        raw_msg: r.snapshot?.rawMsg ?? null,
        verdict: r.verdict,
        healthy: isPassing(r.verdict),
        elapsed: Number(seconds(r.elapsedMs)),
        url: appUrl(r.resource),
        run: r.nextRun ? 'next' : 'current',
      })),
    ),
    'new-pipeline-url': report.newPipelineId === undefined ? '' : appUrl({ kind: 'pipeline', id: report.newPipelineId }),
    promotion: promotionOutput(report),
  }
}

/** `created` or `reused` once a pipeline stands for the promotion; empty otherwise, and without `environment`. */
const promotionOutput = (report: StepReport): string => {
  const outcome = report.promotion?.outcome
  return outcome === 'created' || outcome === 'reused' ? outcome : ''
}
