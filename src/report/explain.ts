import {
  APP_PIPELINES_URL,
  formatDuration,
  isPassing,
  type Problem,
  type ProblemCode,
  type ResourceReport,
  startWindowMs,
  type StatusSnapshot,
  type StepReport,
  type StepSettings,
  stepPassed,
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

/**
 * Why a resource did not pass, as the troubleshooting catalogue files it: an explanation of
 * `explain`, or a problem Kondado's answer (or its absence) was. One key per entry, so the log,
 * the summary, the failure line and the link to the catalogue all name the same cause.
 */
export type Why =
  { readonly group: 'explain'; readonly key: keyof Messages['explain'] } | { readonly group: 'problem'; readonly key: ProblemCode }

export function whyOf(report: ResourceReport): Why | undefined {
  if (isPassing(report.verdict)) return undefined
  const explained = (key: keyof Messages['explain']): Why => ({ group: 'explain', key })
  if (report.keyRefusedBefore) return explained('not-read')
  if (report.notTriggered) return explained('not-triggered')
  if (report.runRefused) return explained('run-refused')
  // A timed-out report with a problem never got an answer: "still not finished" would claim a state it never read.
  if (report.problem && report.verdict !== 'cancelled') return { group: 'problem', key: report.problem.code }
  switch (report.verdict) {
    case 'not-started':
      return explained(report.nextRun ? 'next-not-started' : report.triggerUnconfirmed ? 'not-started-unconfirmed' : 'not-started')
    case 'timed-out':
    case 'cancelled':
    case 'already-running':
    case 'unknown-status':
    case 'not-waited':
      return explained(report.verdict)
    default:
      return explained('unhealthy')
  }
}

/** The troubleshooting entry that explains `why`: its anchor in docs/troubleshooting.md (and its Portuguese twin). */
export const anchorOf = (why: Why): string => `${why.group}-${why.key}`

/** One sentence on why a resource did not pass, and mostly what to do; undefined when it passed. */
export function explain(m: Messages, report: ResourceReport, settings: StepSettings): string | undefined {
  const why = whyOf(report)
  if (!why) return undefined
  const subject = subjectOf(m, report)
  const state = stateText(m, report.snapshot)
  if (why.group === 'problem') return m.problem(why.key, report.problem?.details ?? {}, subject)
  const window = formatDuration(startWindowMs(report.resource.kind, settings))
  switch (why.key) {
    case 'not-read':
      return m.explain['not-read'](subject)
    case 'not-triggered':
      return m.explain['not-triggered'](subject, state, report.notTriggered ?? 'disabled')
    case 'run-refused':
      return m.explain['run-refused'](subject, report.problem?.details.excerpt, state)
    case 'next-not-started':
      return m.explain['next-not-started'](subject, state, window, afterPipelines(settings))
    case 'not-started-unconfirmed':
      return m.explain['not-started-unconfirmed'](subject, window)
    case 'not-started':
      return m.explain['not-started'](subject, state, window)
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
    case 'unhealthy':
      return m.explain.unhealthy(subject, state)
  }
}

/** What to do first about a resource that did not pass, in a few words. */
export function todoOf(m: Messages, why: Why): string {
  return why.group === 'problem'
    ? why.key === 'credentials-refused'
      ? m.summary.todo['not-read']
      : m.summary.todo.problem
    : m.summary.todo[why.key]
}

/** Why a resource did not pass, in a few words, for the step's failure line: its verdict, or why it was not triggered or read. */
function shortWhy(m: Messages, report: ResourceReport): string {
  if (report.keyRefusedBefore) return m.reason['not-read']
  if (report.notTriggered) return `${m.verdict[report.verdict]}, ${m.reason['not-triggered']}`
  if (report.runRefused) return m.reason['run-refused']
  return report.problem && report.verdict !== 'cancelled'
    ? m.problemLabel(report.problem.code, report.problem.details)
    : m.verdict[report.verdict]
}

/**
 * The refusal of the key or token on the step's first request, which left every other resource
 * unread: then, and only then, one cause is the whole story.
 */
export function keyRefusedFirst(report: StepReport): Problem | undefined {
  const [first, ...others] = report.resources
  const problem = first?.problem
  if (problem?.code !== 'credentials-refused' || !problem.details.keyRefused) return undefined
  return others.every((r) => r.keyRefusedBefore) ? problem : undefined
}

/**
 * The step's last line when it did not pass: what did not pass and why, once. A refused key is
 * one cause for every resource, told as such; a failed duplicate or a stopped promotion names its
 * own cause.
 */
export function stepFailure(m: Messages, report: StepReport, settings: StepSettings): string | undefined {
  if (report.cancelled) return m.step.cancelled
  const duplicateFailed = promotionFailure(m, report, settings) ?? duplicateFailure(m, report, settings)
  if (duplicateFailed) return duplicateFailed
  if (stepPassed(report)) return undefined
  const refused = keyRefusedFirst(report)
  if (refused) return m.step.keyRefused(refused.details)
  const failing = report.resources.filter((r) => !isPassing(r.verdict))
  const which = failing.map((r) => `${subjectOf(m, r)} (${shortWhy(m, r)})`)
  return m.step.failed(failing.length, report.resources.length, which)
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
      return promotion.reason === 'login'
        ? m.github.otherLogin(promotion.wroteAs, promotion.expected, settings.promotion.environment)
        : m.github.unavailable(promotion.reason, promotion.httpStatus, settings.promotion.environment)
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
