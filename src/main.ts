import * as core from '@actions/core'
import { systemClock, type Clock, type Random } from './core/clock.ts'
import { createUndiciTransport, type Transport } from './core/http.ts'
import { KondadoClient } from './core/kondado-client.ts'
import { createRedactor, type Redactor } from './core/redact.ts'
import { RequestScheduler } from './core/scheduler.ts'
import { isPassing, runStep, type StepReport } from './core/step.ts'
import { InputError, readInputs, type Inputs } from './inputs.ts'
import { EventLog, type Logger } from './log.ts'
import { messagesFor, type Messages } from './messages/index.ts'
import { outputsOf } from './outputs.ts'
import { stepPassed } from './present.ts'
import { renderSummary } from './summary.ts'

export interface Environment {
  readonly clock: Clock
  readonly random: Random
  readonly transport: Transport
}

const defaultEnvironment = (): Environment => ({ clock: systemClock, random: Math.random, transport: createUndiciTransport() })

/** The action: inputs in, one step run by the core, outputs, log and summary out. */
export async function run(environment: Environment = defaultEnvironment()): Promise<void> {
  let inputs: Inputs
  try {
    inputs = readInputs()
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    core.setFailed(error.message)
    return
  }
  const redact = createRedactor([inputs.credentials.key, inputs.credentials.token])
  const m = messagesFor(inputs.language)
  const controller = new AbortController()
  const cancel = (): void => controller.abort(new Error('cancelled'))
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  try {
    const report = await execute(inputs, environment, m, redact, controller.signal)
    await publish(inputs, m, redact, report)
  } finally {
    process.off('SIGINT', cancel)
    process.off('SIGTERM', cancel)
  }
}

async function execute(inputs: Inputs, env: Environment, m: Messages, redact: Redactor, signal: AbortSignal): Promise<StepReport> {
  const logger = runnerLogger(redact)
  const log = new EventLog(m, logger, inputs.step, env.clock.now)
  const scheduler = new RequestScheduler({
    clock: env.clock,
    random: env.random,
    perWindow: inputs.requestsPerMinute,
    deadline: env.clock.now() + inputs.step.timeoutMs,
    signal,
    onPause: (ms) => log.paused(ms),
  })
  const client = new KondadoClient({
    baseUrl: inputs.baseUrl,
    credentials: inputs.credentials,
    transport: env.transport,
    scheduler,
    clock: env.clock,
    redact,
    signal,
    onRetry: (problem, delayMs) => log.retrying(problem, delayMs),
  })
  const report = await runStep(inputs.step, { client, clock: env.clock, random: env.random, signal, onEvent: log.onEvent })
  log.close(report.resources)
  return report
}

async function publish(inputs: Inputs, m: Messages, redact: Redactor, report: StepReport): Promise<void> {
  for (const [name, value] of Object.entries(outputsOf(report))) core.setOutput(name, redact(value))
  await core.summary.addRaw(redact(renderSummary(m, report, inputs.step))).write()
  const failure = failureMessage(inputs, m, report)
  if (!failure) return
  if (inputs.failOnError || report.cancelled) core.setFailed(redact(failure))
  else core.warning(redact(`${failure} ${m.step.reportedOnly}`))
}

function failureMessage(inputs: Inputs, m: Messages, report: StepReport): string | undefined {
  if (report.cancelled) return m.step.cancelled
  const base = inputs.step.duplicate?.pipeline_id
  if (report.problem && base !== undefined) {
    return report.outcomeUnknown
      ? m.step.duplicateUnknown(base)
      : m.step.duplicateFailed(base, m.problem(report.problem.code, report.problem.details, m.resource('pipeline', base)))
  }
  if (stepPassed(report)) return undefined
  const failing = report.resources.filter((r) => !isPassing(r.verdict)).length
  return m.step.failed(failing, report.resources.length)
}

function runnerLogger(redact: Redactor): Logger {
  return {
    info: (line) => core.info(redact(line)),
    warning: (line) => core.warning(redact(line)),
    error: (line, title) => core.error(redact(line), { title: redact(title) }),
    group: (title, lines) => {
      core.startGroup(redact(title))
      for (const line of lines) core.info(redact(line))
      core.endGroup()
    },
  }
}
