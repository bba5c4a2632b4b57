import {
  appUrl,
  type Command,
  type DuplicateRequest,
  formatDuration,
  isPassing,
  type ResourceReport,
  type StepReport,
  type StepSettings,
  type Verdict,
} from '../core/index.ts'
import type { Messages } from '../messages/en.ts'
import { codeCell, inert, table } from './markdown.ts'
import { anchorOf, duplicateFailure, explain, keyRefusedFirst, promotionFailure, subjectOf, todoOf, whyOf } from './explain.ts'
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

/** Where the troubleshooting catalogue is read: the action's own repository at the version the workflow uses. */
export interface DocsLinks {
  /** The catalogue's web address, without an anchor. */
  readonly troubleshooting: string
}

const ACTION_REPOSITORY = 'kondado/kondado-action'

/**
 * The catalogue in the user's language, in the repository and at the ref the runner says this
 * action came from (a fork, or a commit pinned before a release, gets its own docs); the
 * published action's main branch when run from a checkout (`uses: ./`, a local try-out).
 */
export function docsFor(language: string, env: Readonly<Record<string, string | undefined>>): DocsLinks {
  const safe = (value: string | undefined, pattern: RegExp): string | undefined => (value && pattern.test(value) ? value : undefined)
  const server = safe(env.GITHUB_SERVER_URL, /^https:\/\/[\w.-]+(:\d+)?$/) ?? 'https://github.com'
  const repository = safe(env.GITHUB_ACTION_REPOSITORY, /^[\w.-]+\/[\w.-]+$/)
  const ref = (repository && safe(env.GITHUB_ACTION_REF, /^[\w./-]+$/)) || 'main'
  const file = language === 'pt-BR' ? 'troubleshooting.pt-BR.md' : 'troubleshooting.md'
  return { troubleshooting: `${server}/${repository ?? ACTION_REPOSITORY}/blob/${ref}/docs/${file}` }
}

/** A failing resource's link to the catalogue entry that says what its failure means and what to do. */
function whatToDo(m: Messages, r: ResourceReport, docs: DocsLinks): string {
  const why = whyOf(r)
  return why ? ` ([${inert(m.reason.whatToDo)}](${docs.troubleshooting}#${anchorOf(why)}))` : ''
}

/** The summary's first line: how many passed, and if not, the first thing to do. */
function headline(m: Messages, report: StepReport): string | undefined {
  const total = report.resources.length
  if (total === 0 || report.cancelled) return undefined
  const failing = report.resources.filter((r) => !isPassing(r.verdict))
  const first = failing[0]
  if (!first) return `✅ ${inert(m.summary.passed(total))}`
  if (keyRefusedFirst(report)) return `❌ ${inert(m.summary.keyRefused)}`
  const why = whyOf(first)
  const todo = why ? ` ${m.summary.firstToDo(subjectOf(m, first), todoOf(m, why))}` : ''
  return `❌ ${inert(`${m.summary.failed(failing.length, total)}${todo}`)}`
}

function resourceRow(m: Messages, r: ResourceReport, settings: StepSettings, docs: DocsLinks): string[] {
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
    `${reasonCell(m, r, settings)}${whatToDo(m, r, docs)}`,
  ]
  return settings.command === 'status' ? cells.filter((_, i) => i !== TIME_COLUMN) : cells
}

const TIME_COLUMN = 3

/**
 * When a gate checked, to the second, in UTC: the runner's clock, read once the step is done. The date is ISO
 * (`2026-12-07`) and the time `00:17:24`; each language's `summary.checked` writes them its own way.
 */
const utcDateTime = (at: Date): [date: string, time: string] => {
  const iso = at.toISOString()
  return [iso.slice(0, 10), iso.slice(11, 19)]
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
export function renderSummary(
  m: Messages,
  report: StepReport,
  settings: StepSettings,
  finishedAt?: Date,
  docs: DocsLinks = docsFor('en', {}),
): string {
  const parts = [`## ${m.summary.title(report.command)}`]
  const first = headline(m, report)
  if (first) parts.push(first)
  if (settings.command === 'duplicate') parts.push(duplicateSection(m, settings.duplicate, report.newPipelineId))
  const duplicateFailed = promotionFailure(m, report, settings) ?? duplicateFailure(m, report, settings)
  if (duplicateFailed) parts.push(`> ❌ ${inert(duplicateFailed)}`)
  if (report.promotion?.outcome === 'reused') parts.push(reusedNote(m, report.promotion.pipelineId, report.promotion.runUrl))
  if (report.resources.length > 0)
    parts.push(
      table(
        settings.command === 'status' ? m.summary.gateHeaders : m.summary.headers,
        report.resources.map((r) => resourceRow(m, r, settings, docs)),
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
    inert(settings.command === 'status' && finishedAt ? m.summary.checked(...utcDateTime(finishedAt), elapsed) : m.summary.total(elapsed)),
  )
  return `${parts.join('\n\n')}\n`
}

/** A step refused for its inputs writes a short summary too: the inputs named, nothing sent. */
export function renderInputErrors(m: Messages, command: Command, count: number, message: string): string {
  const lines = message.split('\n').map((line) => `- ${inert(line)}`)
  return `${[`## ${m.summary.title(command)}`, `❌ ${inert(m.summary.inputErrors(count))}`, lines.join('\n')].join('\n\n')}\n`
}
