import { isBusy, judge } from '../../src/core/health.ts'
import { isPassing, type ResourceKind, type StatusSnapshot, type Verdict } from '../../src/core/vocabulary.ts'
import { en } from '../../src/messages/en.ts'
import { cell, codeSpan, table } from '../../src/report/markdown.ts'
import type { ActionInterface } from './action-yml.ts'

function defaultCell(value: string | undefined): string {
  if (value === undefined) return '—'
  return value === '' ? '*(empty)*' : cell(codeSpan(value))
}

/**
 * Where the README's one-line input descriptions lead for the long form, relative to the README.
 * Every name must be an input of action.yml (tested), so a renamed input cannot keep a dead row.
 */
export const INPUT_DETAILS: Readonly<Record<string, string>> = {
  command: 'docs/how-it-decides.md#the-four-commands',
  wait: 'docs/how-it-decides.md#the-four-commands',
  timeout: 'docs/how-it-decides.md#timeouts-and-cancellation',
  'start-timeout': 'docs/how-it-decides.md#a-run-must-be-seen-to-start',
  'if-running': 'docs/how-it-decides.md#it-reads-before-it-triggers',
  'poll-interval': 'docs/polling.md',
  'max-poll-interval': 'docs/polling.md',
  'requests-per-minute': 'docs/rate-limits.md',
  language: 'docs/troubleshooting.pt-BR.md',
  'base-url': 'docs/try-it-locally.md',
  'full-tables': 'docs/how-it-decides.md#duplicating-a-pipeline',
  'model-id': 'docs/how-it-decides.md#next-runs-models-after-their-pipelines',
  'wait-for': 'docs/how-it-decides.md#next-runs-models-after-their-pipelines',
  'model-start-timeout': 'docs/how-it-decides.md#next-runs-models-after-their-pipelines',
}

export function renderInputs(action: ActionInterface): string {
  return table(
    ['Input', 'Description', 'Required', 'Default'],
    action.inputs.map((input) => {
      const details = INPUT_DETAILS[input.name]
      return [
        codeSpan(input.name),
        cell(details === undefined ? input.description : `${input.description} [More](${details})`),
        input.required ? '**yes**' : 'no',
        defaultCell(input.default),
      ]
    }),
  )
}

export function renderOutputs(action: ActionInterface): string {
  return table(
    ['Output', 'Description'],
    action.outputs.map((output) => [codeSpan(output.name), cell(output.description)]),
  )
}

/** What each verdict means to a reader of `result` or of the summary; the words come from the code. */
const VERDICT_MEANING: Record<Verdict, string> = {
  healthy: 'It ended (or, for `status`, is) in a healthy state.',
  unhealthy: 'It ended in a state that is not healthy: see the [health rules](how-it-decides.md#health-rules).',
  'unknown-status': 'Kondado reported a status this action does not know; it is never counted as healthy.',
  'already-running': '`run` with `if-running: fail` found it already running or queued; nothing was triggered.',
  'not-started':
    'It was triggered (or, for its next run, waited for) but never seen queued, running or building tables within `start-timeout` (`model-start-timeout` for a model).',
  started: '`run` with `wait: false`: the run was seen to start, and the step did not wait for its end.',
  created: '`duplicate` with `wait: false`: the pipeline was created.',
  'timed-out': 'It was still busy when `timeout` came. It keeps running in Kondado.',
  error: 'It could not be read or triggered: the message says why (see [Troubleshooting](troubleshooting.md)).',
  cancelled: 'The workflow was cancelled while waiting. It keeps running in Kondado.',
  'not-waited': '`run` with `model-id`: a model whose pipelines did not all end healthy; its next run was not waited for.',
}

export function renderVerdicts(): string {
  const verdicts = Object.keys(VERDICT_MEANING) as Verdict[]
  return table(
    ['`verdict` in `result`', 'Shown as', 'Passes', 'Meaning'],
    verdicts.map((verdict) => [
      codeSpan(verdict),
      cell(en.verdict[verdict]),
      isPassing(verdict) ? 'yes' : '**no**',
      cell(VERDICT_MEANING[verdict]),
    ]),
  )
}

/** Every status the Kondado API documents; the table says what the health rules make of each. */
export const DOCUMENTED_STATUSES = [
  'running',
  'scheduled',
  'building_tables',
  'active',
  'not_active',
  'error_building_tables',
  'too_many_consecutive_failed_builds',
  'too_many_consecutive_failed_builds__blocked',
] as const

export const restingSnapshot = (status: string, extra: Partial<StatusSnapshot> = {}): StatusSnapshot => ({
  status,
  isRunning: null,
  isActive: null,
  isBlocked: null,
  kuboStatusType: 'operational',
  rawMsg: null,
  ...extra,
})

function ruleCell(kind: ResourceKind, status: string): string {
  const snapshot = restingSnapshot(status)
  const health = judge(kind, snapshot)
  if (health === 'unknown') return `not a ${kind} status`
  if (isBusy(kind, snapshot)) return `busy: waited on (${health === 'healthy' ? 'passes' : 'fails'} a \`status\` check)`
  return health === 'healthy' ? '✅ healthy' : '❌ unhealthy'
}

/** The health table, computed from src/core/health.ts rather than restated, so it cannot drift. */
export function renderHealthRules(): string {
  return table(
    ['Kondado status', 'Pipeline', 'Model'],
    DOCUMENTED_STATUSES.map((status) => [codeSpan(status), ruleCell('pipeline', status), ruleCell('model', status)]),
  )
}
