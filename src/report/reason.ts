// The reason cell of the job summary: why a resource did not pass, in a few words of the user's
// language, with Kondado's own text kept exactly. Where there is more to say (an error's advice,
// what to check after a run not seen to start), it is said once, below the table.

import {
  causesOf,
  formatDuration,
  type ResourceKind,
  type ResourceReport,
  startWindowMs,
  type StatusSnapshot,
  type StepSettings,
} from '../core/index.ts'
import { codeCell, inert } from './markdown.ts'
import type { Messages } from '../messages/en.ts'
import { afterPipelines } from './explain.ts'

/**
 * The longest status shown in the status column (`error_building_tables`): a longer one has no
 * break opportunity and widens the column until the resource links wrap at GitHub's summary width.
 */
const STATUS_CELL_MAX = 21

const isLong = (status: string): boolean => status.length > STATUS_CELL_MAX

/** Kondado's status exactly, or for a long one a word, the reason cell then showing it in full. */
export function statusCell(m: Messages, snapshot: StatusSnapshot | undefined): string {
  if (!snapshot) return inert(m.noState)
  return isLong(snapshot.status) ? inert(m.reason.shortStatus(snapshot.status)) : codeCell(snapshot.status)
}

/** Words for each cause of an unhealthy state; Kondado's message is its exact text. */
function stateReasons(m: Messages, kind: ResourceKind, snapshot: StatusSnapshot): string[] {
  return causesOf(kind, snapshot).map((cause) => {
    switch (cause) {
      case 'status':
        return `${inert(m.reason.status(snapshot.status))}${isLong(snapshot.status) ? ` (${codeCell(snapshot.status)})` : ''}`
      case 'error-text':
        return inert(snapshot.rawMsg ?? '')
      case 'model-not-run':
        return `${inert(m.reason['model-not-run'])} (${codeCell(snapshot.kuboStatusType ?? 'null')})`
      case 'mid-change':
        return inert(m.reason['mid-change'])
    }
  })
}

/** The reason cell as Markdown, empty for a passing resource. */
export function reasonCell(m: Messages, r: ResourceReport, settings: StepSettings): string {
  const window = formatDuration(startWindowMs(r.resource.kind, settings))
  if (r.keyRefusedBefore) return inert(m.reason['not-read'])
  if (r.notTriggered && r.snapshot) return [...stateReasons(m, r.resource.kind, r.snapshot), inert(m.reason['not-triggered'])].join('; ')
  // Kondado's own words say more than a code: "refused, HTTP 200" alone told the user nothing.
  const said = r.problem?.details.excerpt ? `: "${inert(r.problem.details.excerpt)}"` : ''
  if (r.runRefused) return `${inert(m.reason['run-refused'])}${said}`
  if (r.problem && r.verdict !== 'cancelled') return `${inert(m.problemLabel(r.problem.code, r.problem.details))}${said}`
  switch (r.verdict) {
    case 'unhealthy':
      return r.snapshot ? stateReasons(m, r.resource.kind, r.snapshot).join('; ') : ''
    case 'unknown-status':
      return `${inert(m.reason['unknown-status'])}${r.snapshot && isLong(r.snapshot.status) ? ` (${codeCell(r.snapshot.status)})` : ''}`
    case 'not-started':
      if (r.nextRun) return inert(m.reason['next-not-started'](window, afterPipelines(settings)))
      return inert(r.triggerUnconfirmed ? m.reason['not-started-unconfirmed'](window) : m.reason['not-started'](window))
    case 'timed-out':
      return inert(m.reason['timed-out'](formatDuration(settings.timeoutMs)))
    case 'cancelled':
      return inert(m.reason.cancelled)
    case 'already-running':
      return inert(m.reason['already-running'])
    case 'not-waited':
      return inert(m.reason['not-waited'])
    default:
      return ''
  }
}

/**
 * Whether the full explanation adds to the reason cell: an error's advice, what to check after a run
 * not seen to start, what to do about a pipeline that cannot run. A resource never read because the
 * key was refused adds nothing: the refusal is explained once, on the resource it was refused for.
 */
export const needsAdvice = (r: ResourceReport): boolean =>
  !r.keyRefusedBefore &&
  ((r.problem !== undefined && r.verdict !== 'cancelled') || r.verdict === 'not-started' || r.notTriggered !== undefined)
