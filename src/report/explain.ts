import {
  APP_PIPELINES_URL,
  formatDuration,
  isPassing,
  type ResourceReport,
  startWindowMs,
  type StatusSnapshot,
  type StepReport,
  type StepSettings,
} from '../core/index.ts'
import type { Messages } from '../messages/en.ts'

/** Words for a report, shared by the log, the annotations, the summary and the failure message. */
export function stateText(m: Messages, snapshot: StatusSnapshot | undefined): string {
  return snapshot ? m.state(snapshot.status, snapshot.rawMsg, snapshot.kuboStatusType) : m.noState
}

export function subjectOf(m: Messages, report: ResourceReport): string {
  return m.resource(report.resource.kind, report.resource.id)
}

/** A next run awaited by `run` is a model's after its pipelines; by `wait`, one after the step began. */
export const afterPipelines = (settings: StepSettings): boolean => settings.command === 'run'

/** One sentence on why a resource did not pass; undefined when it passed. */
export function explain(m: Messages, report: ResourceReport, settings: StepSettings): string | undefined {
  if (isPassing(report.verdict)) return undefined
  const subject = subjectOf(m, report)
  const state = stateText(m, report.snapshot)
  // A timed-out report with a problem never got an answer: "still not finished" would claim a state it never read.
  if (report.problem && report.verdict !== 'cancelled') {
    return m.problem(report.problem.code, report.problem.details, subject)
  }
  switch (report.verdict) {
    case 'not-started': {
      const window = formatDuration(startWindowMs(report.resource.kind, settings))
      if (report.nextRun) return m.explain['next-not-started'](subject, state, window, afterPipelines(settings))
      return report.triggerUnconfirmed
        ? m.explain['not-started-unconfirmed'](subject, window)
        : m.explain['not-started'](subject, state, window)
    }
    case 'timed-out':
      return m.explain['timed-out'](subject, state, formatDuration(settings.timeoutMs))
    case 'cancelled':
      return m.explain.cancelled(subject, state)
    case 'already-running':
      return m.explain['already-running'](subject)
    case 'unknown-status':
      return m.explain['unknown-status'](subject, state)
    case 'not-waited':
      return m.explain['not-waited'](subject)
    default:
      return m.explain.unhealthy(subject, state)
  }
}

/** Why a duplicate failed, naming the base pipeline; undefined when it did not fail. */
export function duplicateFailure(m: Messages, report: StepReport, settings: StepSettings): string | undefined {
  if (!report.problem || settings.command !== 'duplicate') return undefined
  const base = settings.duplicate.basePipelineId
  return report.outcomeUnknown
    ? m.step.duplicateUnknown(base)
    : m.step.duplicateFailed(base, m.problem(report.problem.code, report.problem.details, m.resource('pipeline', base)))
}

/** Why the promotion records stopped the step before anything was sent; undefined when they did not. */
export function promotionFailure(m: Messages, report: StepReport, settings: StepSettings): string | undefined {
  const promotion = report.promotion
  if (settings.command !== 'duplicate' || !settings.promotion || !promotion) return undefined
  switch (promotion.outcome) {
    case 'stopped':
      return m.github.stopped(promotion.found, settings.duplicate.basePipelineId, APP_PIPELINES_URL)
    case 'unavailable':
      return m.github.unavailable(promotion.reason, promotion.httpStatus, settings.promotion.environment)
    default:
      return undefined
  }
}

/** The warning for a promotion whose end could not be recorded; undefined otherwise. */
export function promotionWarning(m: Messages, report: StepReport, settings: StepSettings): string | undefined {
  const promotion = report.promotion
  if (settings.command !== 'duplicate' || !settings.promotion || !promotion || !('endRecorded' in promotion)) return undefined
  return promotion.endRecorded ? undefined : m.github.endUnrecorded(settings.promotion.environment)
}
