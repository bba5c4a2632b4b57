import * as core from '@actions/core'
import { accessSync, constants } from 'node:fs'
import {
  type Clock,
  composeStep,
  createDispatcher,
  createRedactor,
  createUndiciTransport,
  DEFAULT_LIMITS,
  type ProxySettings,
  type Random,
  type Redactor,
  type StepReport,
  systemClock,
  type Transport,
} from './core/index.ts'
import { commentOnPullRequest, loadGitHub } from './github/index.ts'
import type { GitHubSide } from './github/index.ts'
import { FALLBACKS, InputError, type Inputs, readInputs } from './inputs/inputs.ts'
import { EventLog, type Logger } from './report/log.ts'
import { en, type Messages } from './messages/en.ts'
import { LANGUAGES, messagesFor } from './messages/index.ts'
import { COMMANDS } from './inputs/commands.ts'
import { outputsOf } from './report/outputs.ts'
import { promotionWarning, stepFailure } from './report/explain.ts'
import { loadSends, saveSends, sendsFile } from './memory/recent-sends.ts'
import { runHistoryStore, usesRunHistory } from './memory/run-history-cache.ts'
import { docsFor, renderInputErrors, renderSummary } from './report/summary.ts'
import { forLog } from './report/neutralize.ts'

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
    if (!(error instanceof InputError)) return core.setFailed(en.step.internalError(errorName(error)))
    // An input echoed back is text from outside: inert to the runner.
    core.setFailed(forLog(error.message))
    // Written only where the runner gives a summary file: a warning that it could not be would bury the input error.
    if (process.env.GITHUB_STEP_SUMMARY) {
      // As the parser reads them: any case.
      const given = (name: string): string => core.getInput(name).trim().toLowerCase()
      const language = LANGUAGES.find((l) => l.toLowerCase() === given('language')) ?? 'en'
      const command = COMMANDS.find((c) => c === given('command')) ?? FALLBACKS.command
      const m = messagesFor(language)
      await writeSummary(renderInputErrors(m, command, error.inputs.length, error.message), m)
    }
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

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined

/** Why a file cannot be written, as the system says it (ENOENT, EACCES...); undefined when it can. */
function accessCodeOf(path: string): string | undefined {
  try {
    accessSync(path, constants.W_OK)
    return undefined
  } catch (error) {
    return codeOf(error)
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
  const log = new EventLog(m, logger, inputs.step, env.clock.now, inputs.requestsPerMinute)
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
      onHold: (until) => log.held(until),
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
  const failure = stepFailure(m, report, inputs.step)
  if (failure && (inputs.failOnError || report.cancelled)) core.setFailed(forLog(redact(failure)))
  else if (failure) core.warning(forLog(redact(`${failure} ${m.step.reportedOnly}`)))
  const unrecorded = promotionWarning(m, report, inputs.step)
  if (unrecorded) core.warning(forLog(redact(unrecorded)))
  const summary = renderSummary(m, report, inputs.step, finishedAt, docsFor(inputs.language, process.env))
  await writeSummary(redact(summary), m)
  return { failure, summary }
}

/** The job summary, or a warning that says why it could not be written; never a failure of its own. */
async function writeSummary(markdown: string, m: Messages): Promise<void> {
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    const path = process.env.GITHUB_STEP_SUMMARY
    // The path is the runner's own, not a secret; the system's code says what went wrong with it
    // (@actions/core words a file it cannot reach without one, so the file is asked directly).
    const code = codeOf(error) ?? (path ? accessCodeOf(path) : undefined) ?? errorName(error)
    core.warning(forLog(m.step.summaryUnwritten(path ? m.step.summaryFileError(path, code) : m.step.noSummaryFile)))
  }
}

/** With `fail-on-error: false` a failing resource is a warning: an error annotation on a passing step would contradict it. */
function runnerLogger(redact: Redactor, failOnError: boolean): Logger {
  return {
    info: (line) => core.info(forLog(redact(line))),
    debug: (line) => core.debug(forLog(redact(line))),
    error: (line, title) => (failOnError ? core.error : core.warning)(forLog(redact(line)), { title: forLog(redact(title)) }),
  }
}
