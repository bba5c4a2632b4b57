import * as core from '@actions/core'
import {
  type Clock,
  composeStep,
  createDispatcher,
  createRedactor,
  createUndiciTransport,
  DEFAULT_LIMITS,
  isPassing,
  type ProxySettings,
  type Random,
  type Redactor,
  stepPassed,
  type StepReport,
  systemClock,
  type Transport,
} from './core/index.ts'
import { commentOnPullRequest, loadGitHub } from './github/index.ts'
import type { GitHubSide } from './github/index.ts'
import { InputError, type Inputs, readInputs } from './inputs/inputs.ts'
import { EventLog, type Logger } from './report/log.ts'
import { en, type Messages } from './messages/en.ts'
import { messagesFor } from './messages/index.ts'
import { outputsOf } from './report/outputs.ts'
import { duplicateFailure, promotionFailure, promotionWarning } from './report/explain.ts'
import { loadSends, saveSends, sendsFile } from './memory/recent-sends.ts'
import { runHistoryStore, usesRunHistory } from './memory/run-history-cache.ts'
import { renderSummary } from './report/summary.ts'

export interface Environment {
  readonly clock: Clock
  readonly random: Random
  readonly transport: (proxy: ProxySettings | undefined) => Transport
  /** The runner's temp folder, where steps of one job leave their recent request times for each other. */
  readonly runnerTemp: string | undefined
}

const defaultEnvironment = (): Environment => ({
  clock: systemClock,
  random: Math.random,
  transport: (proxy) => createUndiciTransport(DEFAULT_LIMITS, createDispatcher(DEFAULT_LIMITS, proxy)),
  runnerTemp: process.env.RUNNER_TEMP,
})

/** The action: inputs in, one step run by the core, outputs, log and summary out. */
export async function run(environment: Environment = defaultEnvironment()): Promise<void> {
  let inputs: Inputs
  try {
    inputs = readInputs()
  } catch (error) {
    core.setFailed(error instanceof InputError ? error.message : en.step.internalError(errorName(error)))
    return
  }
  const redact = createRedactor([inputs.credentials.key, inputs.credentials.token, inputs.github.token])
  const m = messagesFor(inputs.language)
  const controller = new AbortController()
  const cancel = (): void => controller.abort(new Error('cancelled'))
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  try {
    const github = await loadGitHub(inputs, environment.clock, environment.random)
    const { report, deadline } = await execute(inputs, environment, m, redact, controller.signal, github)
    const verdict = await publish(inputs, m, redact, report, new Date(environment.clock.now()))
    if (github && inputs.github.prComment) await commentOnPullRequest(github, m, redact, { ...verdict, deadline }, environment.clock)
  } catch (error) {
    core.setFailed(m.step.internalError(errorName(error)))
  } finally {
    process.off('SIGINT', cancel)
    process.off('SIGTERM', cancel)
  }
}

/**
 * A bug rather than an answer from Kondado: only the error's name is shown. Its message or stack
 * could quote a request URL, and every request URL carries the token.
 */
const errorName = (error: unknown): string => (error instanceof Error ? error.name : typeof error)

async function execute(
  inputs: Inputs,
  env: Environment,
  m: Messages,
  redact: Redactor,
  signal: AbortSignal,
  github: GitHubSide | undefined,
): Promise<{ report: StepReport; deadline: number }> {
  const logger = runnerLogger(redact, inputs.failOnError)
  const log = new EventLog(m, logger, inputs.step, env.clock.now)
  const sends = sendsFile(env.runnerTemp, inputs.credentials.key)
  const historyStore = usesRunHistory(inputs) ? runHistoryStore(inputs, process.env, m, (line) => logger.debug(line)) : undefined
  const restored = await historyStore?.restore()
  const {
    report,
    recentSends,
    deadline,
    history: seen,
  } = await composeStep(
    { ...inputs, settings: inputs.step, transport: env.transport(inputs.proxy) },
    {
      clock: env.clock,
      random: env.random,
      signal,
      redact,
      onEvent: log.onEvent,
      onPause: (ms) => log.paused(ms),
      onRetry: (problem, delayMs, resource) => log.retrying(problem, delayMs, resource),
      onRequest: (record) => log.request(record),
      sentBefore: loadSends(sends),
      ...(restored ? { history: restored } : {}),
      ...(github ? { records: (deadline: number) => github.records(deadline) } : {}),
    },
  )
  saveSends(sends, recentSends)
  if (seen) await historyStore?.save(seen)
  return { report, deadline }
}

/**
 * The verdict first, then the summary: a runner without a summary file must not cost the step its
 * verdict. Returns both, for the pull-request comment.
 */
async function publish(
  inputs: Inputs,
  m: Messages,
  redact: Redactor,
  report: StepReport,
  finishedAt: Date,
): Promise<{ failure: string | undefined; summary: string }> {
  for (const [name, value] of Object.entries(outputsOf(report))) core.setOutput(name, redact(value))
  const failure = failureMessage(inputs, m, report)
  if (failure && (inputs.failOnError || report.cancelled)) core.setFailed(redact(failure))
  else if (failure) core.warning(redact(`${failure} ${m.step.reportedOnly}`))
  const unrecorded = promotionWarning(m, report, inputs.step)
  if (unrecorded) core.warning(redact(unrecorded))
  const summary = renderSummary(m, report, inputs.step, finishedAt)
  try {
    await core.summary.addRaw(redact(summary)).write()
  } catch (error) {
    core.warning(redact(m.step.summaryUnwritten(errorName(error))))
  }
  return { failure, summary }
}

function failureMessage(inputs: Inputs, m: Messages, report: StepReport): string | undefined {
  if (report.cancelled) return m.step.cancelled
  const duplicateFailed = promotionFailure(m, report, inputs.step) ?? duplicateFailure(m, report, inputs.step)
  if (duplicateFailed) return duplicateFailed
  if (stepPassed(report)) return undefined
  const failing = report.resources.filter((r) => !isPassing(r.verdict)).length
  return m.step.failed(failing, report.resources.length)
}

/** With `fail-on-error: false` a failing resource is a warning: an error annotation on a passing step would contradict it. */
function runnerLogger(redact: Redactor, failOnError: boolean): Logger {
  return {
    info: (line) => core.info(redact(line)),
    debug: (line) => core.debug(redact(line)),
    error: (line, title) => (failOnError ? core.error : core.warning)(redact(line), { title: redact(title) }),
  }
}
