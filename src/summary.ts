import { formatDuration } from './core/duration.ts'
import { appUrl } from './core/kondado-url.ts'
import type { DuplicateRequest, ResourceReport, StepReport, StepSettings, Verdict } from './core/vocabulary.ts'
import type { Messages } from './messages/index.ts'
import { cell, codeSpan, inert, table } from './markdown.ts'
import { duplicateFailure, explain, subjectOf } from './present.ts'

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
}

/** A code span in a table cell, showing a status or a table path exactly as received. */
const codeCell = (text: string): string => cell(codeSpan(text))

function resourceRow(m: Messages, r: ResourceReport): string[] {
  const notes = [r.alreadyRunning ? m.summary.alreadyRunning : '', r.triggerUnconfirmed ? m.summary.triggerUnconfirmed : ''].filter(Boolean)
  const message = r.problem ? m.problem(r.problem.code, r.problem.details, subjectOf(m, r)) : (r.snapshot?.rawMsg ?? '')
  return [
    `[${inert(subjectOf(m, r))}](${appUrl(r.resource)})`,
    r.snapshot ? codeCell(r.snapshot.status) : inert(m.noState),
    `${ICONS[r.verdict]} ${inert(m.verdict[r.verdict])}${notes.length ? ` (${inert(notes.join('; '))})` : ''}`,
    formatDuration(r.elapsedMs),
    inert(message),
  ]
}

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
  return [
    table(m.summary.duplicateHeaders, [
      [base, created, String(request.sourceCollectionId), String(request.destinationCollectionId), runsNow],
    ]),
    table(m.summary.tableHeaders, mapping),
  ].join('\n\n')
}

/** The job summary as Markdown: pure, so it can be checked in a test and rendered anywhere. */
export function renderSummary(m: Messages, report: StepReport, settings: StepSettings): string {
  const parts = [`## ${m.summary.title(report.command)}`]
  if (settings.command === 'duplicate') parts.push(duplicateSection(m, settings.duplicate, report.newPipelineId))
  const duplicateFailed = duplicateFailure(m, report, settings)
  if (duplicateFailed) parts.push(`> ❌ ${inert(duplicateFailed)}`)
  if (report.resources.length > 0)
    parts.push(
      table(
        m.summary.headers,
        report.resources.map((r) => resourceRow(m, r)),
      ),
    )
  const explanations = report.resources.map((r) => explain(m, r, settings)).filter((text): text is string => text !== undefined)
  if (explanations.length > 0) parts.push(explanations.map((text) => `- ${inert(text)}`).join('\n'))
  if (report.cancelled) parts.push(`> ${inert(m.summary.cancelledNote)}`)
  else if (report.resources.some((r) => r.verdict === 'timed-out')) parts.push(`> ${inert(m.summary.timeoutNote)}`)
  parts.push(inert(m.summary.total(formatDuration(report.elapsedMs))))
  return `${parts.join('\n\n')}\n`
}
