import {
  appUrl,
  type DuplicateRequest,
  formatDuration,
  type ResourceReport,
  type StepReport,
  type StepSettings,
  type Verdict,
} from '../core/index.ts'
import type { Messages } from '../messages/en.ts'
import { codeCell, inert, table } from './markdown.ts'
import { duplicateFailure, explain, promotionFailure, subjectOf } from './explain.ts'
import { needsAdvice, reasonCell, statusCell } from './reason.ts'

const ICONS: Record<Verdict, string> = {
  healthy: '✅',
  started: '✅',
  created: '✅',
  unhealthy: '❌',
  'unknown-status': '❓',
  'already-running': '⏸️',
  'not-started': '❌',
  'timed-out': '⏱️',
  error: '❌',
  cancelled: '🛑',
  'not-waited': '⏭️',
}

function resourceRow(m: Messages, r: ResourceReport, settings: StepSettings): string[] {
  // With 'if-running: fail' nothing was waited for: the verdict itself says it was already running.
  const waited = r.alreadyRunning && settings.ifRunning !== 'fail'
  const notes = [
    waited ? m.summary.alreadyRunning : '',
    r.triggerUnconfirmed ? m.summary.triggerUnconfirmed : '',
    r.nextRun ? m.summary.nextRun : '',
  ].filter(Boolean)
  const cells = [
    `[${inert(subjectOf(m, r))}](${appUrl(r.resource)})`,
    statusCell(m, r.snapshot),
    `${ICONS[r.verdict]} ${inert(m.verdict[r.verdict])}${notes.length ? ` (${inert(notes.join('; '))})` : ''}`,
    formatDuration(r.elapsedMs),
    reasonCell(m, r, settings),
  ]
  return settings.command === 'status' ? cells.filter((_, i) => i !== TIME_COLUMN) : cells
}

const TIME_COLUMN = 3

/** When a gate checked, to the second, in UTC: the runner's clock, read once the step is done. */
const utcTime = (at: Date): string => `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`

function duplicateSection(m: Messages, request: DuplicateRequest, newId: number | undefined): string {
  const base = `[${request.basePipelineId}](${appUrl({ kind: 'pipeline', id: request.basePipelineId })})`
  const created = newId === undefined ? '—' : `[${newId}](${appUrl({ kind: 'pipeline', id: newId })})`
  const runsNow = request.runAtOnce ? m.summary.yes : m.summary.no
  const paths = Object.keys(request.fullTables)
  const mapping = paths.map((path) => [
    path === '' ? inert(m.summary.mainTable) : codeCell(path),
    inert(request.fullTables[path] ?? ''),
    inert(request.deltasTables?.[path] ?? ''),
  ])
  const name = request.name === undefined ? inert(m.summary.baseName(request.basePipelineId)) : inert(request.name)
  return [
    table(m.summary.duplicateHeaders, [
      [base, created, name, String(request.sourceCollectionId), String(request.destinationCollectionId), runsNow],
    ]),
    table(m.summary.tableHeaders, mapping),
  ].join('\n\n')
}

/** A re-run's promotion: the pipeline an earlier run made, and a link to that run. */
const reusedNote = (m: Messages, pipelineId: number, runUrl: string): string =>
  `> ♻️ ${inert(m.github.alreadyPromoted(pipelineId))} [${inert(m.github.madeBy)}](${runUrl})`

/**
 * The job summary as Markdown: pure, so it can be checked in a test and rendered anywhere.
 * `finishedAt` is when the step ended, for a gate's "checked at".
 */
export function renderSummary(m: Messages, report: StepReport, settings: StepSettings, finishedAt?: Date): string {
  const parts = [`## ${m.summary.title(report.command)}`]
  if (settings.command === 'duplicate') parts.push(duplicateSection(m, settings.duplicate, report.newPipelineId))
  const duplicateFailed = promotionFailure(m, report, settings) ?? duplicateFailure(m, report, settings)
  if (duplicateFailed) parts.push(`> ❌ ${inert(duplicateFailed)}`)
  if (report.promotion?.outcome === 'reused') parts.push(reusedNote(m, report.promotion.pipelineId, report.promotion.runUrl))
  if (report.resources.length > 0)
    parts.push(
      table(
        settings.command === 'status' ? m.summary.gateHeaders : m.summary.headers,
        report.resources.map((r) => resourceRow(m, r, settings)),
      ),
    )
  const explanations = report.resources
    .filter(needsAdvice)
    .map((r) => explain(m, r, settings))
    .filter((text): text is string => text !== undefined)
  if (explanations.length > 0) parts.push(explanations.map((text) => `- ${inert(text)}`).join('\n'))
  if (report.cancelled) parts.push(`> ${inert(m.summary.cancelledNote)}`)
  else if (report.resources.some((r) => r.verdict === 'timed-out')) parts.push(`> ${inert(m.summary.timeoutNote)}`)
  const elapsed = formatDuration(report.elapsedMs)
  parts.push(
    inert(settings.command === 'status' && finishedAt ? m.summary.checked(utcTime(finishedAt), elapsed) : m.summary.total(elapsed)),
  )
  return `${parts.join('\n\n')}\n`
}
