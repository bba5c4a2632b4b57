import { appUrl, isPassing, primaryOf, stepPassed, type StepReport } from '../core/index.ts'
import { forOutput } from './neutralize.ts'

/** Kondado's text, as a later step that echoes it must get it: inert to the runner (neutralize.ts). */
const orNull = (text: string | null | undefined): string | null => (text === null || text === undefined ? null : forOutput(text))

const flag = (value: boolean | null | undefined): string => (value === null || value === undefined ? '' : String(value))
const seconds = (ms: number): string => String(Math.round(ms / 1000))

/** The step's outputs, all strings, as the runner stores them. */
export function outputsOf(report: StepReport): Record<string, string> {
  const primary = primaryOf(report)
  const snapshot = primary?.snapshot
  return {
    status: forOutput(snapshot?.status ?? ''),
    'is-running': flag(snapshot?.isRunning),
    'is-active': flag(snapshot?.isActive),
    'is-blocked': flag(snapshot?.isBlocked),
    'raw-msg': forOutput(snapshot?.rawMsg ?? ''),
    'kubo-status-type': forOutput(snapshot?.kuboStatusType ?? ''),
    healthy: String(stepPassed(report)),
    'new-pipeline-id': report.newPipelineId === undefined ? '' : String(report.newPipelineId),
    elapsed: seconds(report.elapsedMs),
    result: JSON.stringify(
      report.resources.map((r) => ({
        kind: r.resource.kind,
        id: r.resource.id,
        status: orNull(r.snapshot?.status),
        is_running: r.snapshot?.isRunning ?? null,
        is_active: r.snapshot?.isActive ?? null,
        is_blocked: r.snapshot?.isBlocked ?? null,
        kubo_status_type: orNull(r.snapshot?.kuboStatusType),
        raw_msg: orNull(r.snapshot?.rawMsg),
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
