import { formatDuration } from './core/duration.ts'
import { appUrl } from './core/kondado-url.ts'
import type { DuplicateRequest, ResourceReport, StepReport, StepSettings, Verdict } from './core/vocabulary.ts'
import type { Messages } from './messages/index.ts'
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

/** Text from Kondado or the user, made inert in a Markdown table cell: no markup, links or HTML. */
export function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|#~!]/g, (c) => `\\${c}`)
    .replace(/[\r\n]+/g, ' ')
}

/** A code span in a table cell: a backtick would end it, and a pipe would end the cell even inside it. */
const codeCell = (text: string): string => `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

function resourceRow(m: Messages, r: ResourceReport): string[] {
  const notes = [r.alreadyRunning ? m.summary.alreadyRunning : '', r.triggerUnconfirmed ? m.summary.triggerUnconfirmed : ''].filter(Boolean)
  const message = r.problem ? m.problem(r.problem.code, r.problem.details, subjectOf(m, r)) : (r.snapshot?.rawMsg ?? '')
  return [
    `[${cell(subjectOf(m, r))}](${appUrl(r.resource)})`,
    r.snapshot ? codeCell(r.snapshot.status) : cell(m.noState),
    `${ICONS[r.verdict]} ${cell(m.verdict[r.verdict])}${notes.length ? ` (${cell(notes.join('; '))})` : ''}`,
    formatDuration(r.elapsedMs),
    cell(message),
  ]
}

function duplicateSection(m: Messages, request: DuplicateRequest, newId: number | undefined): string {
  const base = `[${request.basePipelineId}](${appUrl({ kind: 'pipeline', id: request.basePipelineId })})`
  const created = newId === undefined ? '—' : `[${newId}](${appUrl({ kind: 'pipeline', id: newId })})`
  const runsNow = request.runAtOnce ? m.summary.yes : m.summary.no
  const paths = Object.keys(request.fullTables)
  const mapping = paths.map((path) => [
    path === '' ? cell(m.summary.mainTable) : codeCell(path),
    cell(request.fullTables[path] ?? ''),
    cell(request.deltasTables?.[path] ?? ''),
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
  if (duplicateFailed) parts.push(`> ❌ ${cell(duplicateFailed)}`)
  if (report.resources.length > 0)
    parts.push(
      table(
        m.summary.headers,
        report.resources.map((r) => resourceRow(m, r)),
      ),
    )
  const explanations = report.resources.map((r) => explain(m, r, settings)).filter((text): text is string => text !== undefined)
  if (explanations.length > 0) parts.push(explanations.map((text) => `- ${cell(text)}`).join('\n'))
  if (report.cancelled) parts.push(`> ${cell(m.summary.cancelledNote)}`)
  else if (report.resources.some((r) => r.verdict === 'timed-out')) parts.push(`> ${cell(m.summary.timeoutNote)}`)
  parts.push(cell(m.summary.total(formatDuration(report.elapsedMs))))
  return `${parts.join('\n\n')}\n`
}
