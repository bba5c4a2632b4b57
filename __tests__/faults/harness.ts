// The fault-injection suite's harness: each case starts its own simulator, runs the bundled
// action against it as the runner would, checks every captured byte for the secrets, and records
// what it saw under .tmp/reliability/ for scripts/reliability-report.ts.

import { expect, test } from '@jest/globals'
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import {
  inputsFor,
  KEY,
  MASK_PREFIX,
  newSimulator,
  resultOf,
  secretForms,
  TOKEN,
  unescapeCommand,
  visibleParts,
} from '../../__fixtures__/action-checks.ts'
import { commandsIn } from '../../__fixtures__/runner-commands.ts'
import { runnerKillsAfterMs } from '../../harness/cancel-goals.ts'
import { RECORD_DIR, type CaseRecord, type CaseSpec, type ReliabilityRecord } from '../../harness/reliability-records.ts'
import { startAction, type ActionRun, type RunningAction } from '../../harness/run-action.ts'
import { DEFAULT_LIMITS } from '../../src/core/http.ts'
import type { KondadoModel, KondadoSimulator, ModelOptions } from '../../simulator/index.ts'

export {
  busyFor,
  clockTimesBetween,
  errorLines,
  failureOf,
  KEY,
  rateLimitBody,
  rateLimited,
  requests,
  resultOf,
  secretForms,
  sleep,
  startRunElsewhere,
  TOKEN,
  unescapeCommand,
  visibleStdout,
  warningLines,
} from '../../__fixtures__/action-checks.ts'

/** The failure line of a cancelled step, as @actions/core writes it. */
const CANCELLED_FAILURE = /^::error::The workflow was cancelled\./m

/** The transport's own request timeout (src/core/http.ts DEFAULT_LIMITS): the bound on an overrun. */
export const REQUEST_TIMEOUT_MS = DEFAULT_LIMITS.requestTimeoutMs
/** `ACTIONS_STEP_DEBUG: true` makes the runner set RUNNER_DEBUG=1 for the step; both are set. */
export const DEBUG_ENV = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' }

/**
 * A case's record, with the counts it kept (`CaseContext.count`): scripts/reliability-report.ts
 * sums them over the suite for RELIABILITY.md's figures.
 */
export type FaultRecord = ReliabilityRecord | (CaseRecord & { readonly counts: Readonly<Record<string, number>> })

/** The counts every case keeps for every run: what the runner model read, and what it would have obeyed from outside. */
export const LINES_CHECKED = 'lines checked by the runner model'
export const COMMANDS_OBEYED = 'commands from outside obeyed by the runner model'

/** The commands the action itself writes: anything else the runner model finds came from outside. */
const OWN_COMMANDS = new Set(['::add-mask', '::error', '::warning', '::notice', '::debug', '::group', '::endgroup'])

/**
 * The runner's two command parsers (`commandsIn`) over every line of the run's log and
 * annotations, and every line of every output: the commands that are not the action's own, and
 * masks of anything but the run's secrets (a mask from outside would hide the log's words).
 */
export function runnerModel(run: ActionRun, secrets: readonly string[]): { lines: number; outside: string[] } {
  const masks = new Set(secrets.filter(Boolean).flatMap(secretForms))
  const outside: string[] = []
  const stdoutLines = run.stdout.split(/\r\n|\r|\n/)
  for (const line of stdoutLines) {
    for (const command of commandsIn(line)) {
      if (!OWN_COMMANDS.has(command)) outside.push(`${command} in ${JSON.stringify(line.slice(0, 120))}`)
      else if (command === '::add-mask' && !masks.has(unescapeCommand(line.trimStart().slice(MASK_PREFIX.length))))
        outside.push(`a mask of ${JSON.stringify(line.slice(0, 120))}`)
    }
  }
  let outputLines = 0
  for (const [name, value] of Object.entries(run.outputs)) {
    outputLines += value.split(/\r\n|\r|\n/).length
    for (const command of commandsIn(value)) outside.push(`${command} in output ${name}`)
  }
  return { lines: stdoutLines.length + outputLines, outside }
}

const count = (text: string, needle: string): number => (needle === '' ? 0 : text.split(needle).length - 1)

export function secretHits(run: ActionRun, secrets: readonly string[]): { hits: number; where: string[]; bytes: number } {
  const where: string[] = []
  let hits = 0
  let bytes = 0
  for (const [place, text] of Object.entries(visibleParts(run))) {
    bytes += Buffer.byteLength(text)
    for (const secret of secrets.filter(Boolean)) {
      for (const form of secretForms(secret)) {
        const n = count(text, form)
        if (n > 0) where.push(`${place}: ${JSON.stringify(form)} x${n}`)
        hits += n
      }
    }
  }
  return { hits, where, bytes }
}

export const verdictsOf = (run: ActionRun): string[] => resultOf(run).map((r) => `${r.kind} ${r.id}: ${r.verdict}`)
/** A one-line account of a run, from what it printed and what the simulator saw. */
export function summarize(run: ActionRun, sim?: KondadoSimulator | null, extra: readonly string[] = []): string {
  const verdicts = verdictsOf(run)
  return [
    `exit ${run.code ?? run.signal}`,
    `healthy=${run.outputs.healthy ?? '(none)'}`,
    ...(verdicts.length ? [verdicts.join(', ')] : []),
    ...(sim ? [`${sim.model.log.length} request${sim.model.log.length === 1 ? '' : 's'}`] : []),
    ...extra,
    `${(run.durationMs / 1000).toFixed(1)} s`,
  ].join('; ')
}

/** Everything one case touches, so it can be checked and cleaned up whatever happens. */
export class CaseContext {
  readonly spec: CaseSpec
  readonly runs: ActionRun[] = []
  /** The key and token each run was given (a case about a wrong token gives another one). */
  readonly secretsOf = new Map<ActionRun, string[]>()
  readonly #sims: KondadoSimulator[] = []
  readonly #running = new Set<RunningAction>()
  extraPipelines = 0
  extraRuns = 0
  worstOverrunMs: number | undefined
  signalToExitMs: number | undefined
  signalToReportMs: number | undefined
  runnerKillsAfterMs: number | undefined
  /** Figures of the case for RELIABILITY.md, by name: summed over the suite. */
  readonly counts: Record<string, number> = {}

  constructor(spec: CaseSpec) {
    this.spec = spec
  }

  /** Adds `n` to the case's figure `name` (kept in its record, summed in RELIABILITY.md), and returns `n`. */
  count(name: string, n: number): number {
    this.counts[name] = (this.counts[name] ?? 0) + n
    return n
  }

  async sim(setup: (model: KondadoModel) => void, options: Partial<ModelOptions> = {}): Promise<KondadoSimulator> {
    const sim = await newSimulator(setup, options)
    this.#sims.push(sim)
    return sim
  }

  /** The bundled action, with the odd credentials, fast polling, and the case's debug setting. */
  launch(sim: KondadoSimulator | null, inputs: Record<string, string>, env: Record<string, string> = {}): RunningAction {
    const all = inputsFor(sim, inputs)
    const running = startAction(all, { ...(this.spec.debug ? DEBUG_ENV : {}), ...env })
    this.#running.add(running)
    void running.done.then((run) => {
      this.#running.delete(running)
      this.runs.push(run)
      this.secretsOf.set(run, [
        ...new Set([all.key ?? KEY, all.token ?? TOKEN, KEY, TOKEN, ...(all['github-token'] ? [all['github-token']] : [])]),
      ])
    })
    return running
  }

  act(sim: KondadoSimulator | null, inputs: Record<string, string>, env?: Record<string, string>): Promise<ActionRun> {
    return this.launch(sim, inputs, env).done
  }

  /** The step ended by its `timeout`, give or take less than one request timeout. */
  expectDeadlineHeld(run: ActionRun, timeoutS: number): number {
    const overrun = run.durationMs - timeoutS * 1000
    this.worstOverrunMs = Math.max(this.worstOverrunMs ?? Number.NEGATIVE_INFINITY, overrun)
    expect(overrun).toBeLessThan(REQUEST_TIMEOUT_MS)
    // In fact far less: every request is bounded by the time left, so by the action's own clock the
    // step ends within a second of its timeout (`elapsed`, whole seconds). Node's start-up, the
    // summary and the exit, which a busy machine stretches to seconds, are not part of that clock.
    expect(Number(run.outputs.elapsed)).toBeLessThanOrEqual(timeoutS + 1)
    return overrun
  }

  /**
   * Sends `signal` and resolves with the run, the milliseconds from the signal to the step's
   * cancellation failure on stdout (`reportedMs`: what the action itself does about the signal) and
   * to the exit (`ms`: that plus writing the summary and Node's exit, which a busy machine stretches).
   * Both are recorded for RELIABILITY.md; `reportedMs` is infinite when no cancellation failure came.
   */
  async interrupt(
    running: RunningAction,
    signal: 'SIGTERM' | 'SIGINT',
  ): Promise<{ run: ActionRun; ms: number; reportedMs: number; at: number; signal: 'SIGTERM' | 'SIGINT' }> {
    this.runnerKillsAfterMs = Math.min(this.runnerKillsAfterMs ?? Number.POSITIVE_INFINITY, runnerKillsAfterMs(signal))
    const at = Date.now()
    const reported = running.waitForOutput(CANCELLED_FAILURE).then(
      () => Date.now() - at,
      () => Number.POSITIVE_INFINITY,
    )
    running.child.kill(signal)
    const run = await running.done
    const ms = Date.now() - at
    this.signalToExitMs = Math.max(this.signalToExitMs ?? 0, ms)
    const reportedMs = await reported
    this.signalToReportMs = Math.max(this.signalToReportMs ?? 0, reportedMs)
    return { run, ms, reportedMs, at, signal }
  }

  /** Exactly one pipeline was created by the duplicate request, whatever happened to its answer. */
  expectPipelinesCreated(sim: KondadoSimulator, expected: number): void {
    const created = sim.model.createdPipelineIds().length
    this.extraPipelines += Math.max(0, created - expected)
    expect(created).toBe(expected)
  }

  expectRunsStarted(sim: KondadoSimulator, id: number, expected: number): void {
    const started = sim.model.runCount(id)
    this.extraRuns += Math.max(0, started - expected)
    expect(started).toBe(expected)
  }

  async cleanup(): Promise<void> {
    for (const running of this.#running) running.child.kill('SIGKILL')
    await Promise.all([...this.#running].map((r) => r.done))
    await Promise.all(this.#sims.map((sim) => sim.stop()))
  }
}

/**
 * The cases of one test file. Each case runs concurrently with the others (each has its own
 * simulator and child process), checks every run for the secrets, and appends one JSON line.
 * `serial` runs them one at a time instead, for cases that time the action itself: five other
 * cases starting Node processes on two cores would be timed along with it.
 */
export function faultSuite(file: string, group: string, { serial = false }: { serial?: boolean } = {}) {
  const name = basename(file).replace(/\.test\.ts$/, '')
  const recordFile = join(RECORD_DIR, `${name}.jsonl`)
  // Emptied at load, before any test of the file can write, however jest orders hooks and concurrent tests.
  mkdirSync(RECORD_DIR, { recursive: true })
  writeFileSync(recordFile, '')
  const write = (record: FaultRecord): void => appendFileSync(recordFile, `${JSON.stringify(record)}\n`)

  const defineTest = serial ? test : test.concurrent

  function faultCase(spec: CaseSpec, body: (c: CaseContext) => Promise<string>, timeoutMs = 90_000): void {
    defineTest(
      `${spec.id} ${spec.name}`,
      async () => {
        const c = new CaseContext(spec)
        const started = Date.now()
        let observed = ''
        let failure: Error | undefined
        try {
          observed = await body(c)
        } catch (error) {
          failure = error instanceof Error ? error : new Error(String(error))
        }
        await c.cleanup()
        let hits = 0
        let bytes = 0
        const where: string[] = []
        for (const run of c.runs) {
          const found = secretHits(run, c.secretsOf.get(run) ?? [KEY, TOKEN])
          hits += found.hits
          bytes += found.bytes
          where.push(...found.where)
        }
        if (!failure && hits > 0) failure = new Error(`secret shown: ${where.join('; ')}`)
        // Every run of every case goes through the runner model: nothing from outside is ever obeyed.
        const obeyed: string[] = []
        for (const run of c.runs) {
          const model = runnerModel(run, c.secretsOf.get(run) ?? [KEY, TOKEN])
          c.count(LINES_CHECKED, model.lines)
          obeyed.push(...model.outside)
        }
        c.count(COMMANDS_OBEYED, obeyed.length)
        if (!failure && obeyed.length > 0) failure = new Error(`the runner would obey: ${obeyed.slice(0, 3).join('; ')}`)
        if (!failure && c.runs.length === 0) failure = new Error('the case ran no action')
        write({
          kind: 'case',
          file: name,
          group,
          ...spec,
          observed: failure ? `FAILED: ${firstLine(failure)}${observed ? ` (${observed})` : ''}` : observed,
          pass: !failure,
          ...(failure ? { error: firstLine(failure) } : {}),
          actionRuns: c.runs.length,
          bytesScanned: bytes,
          secretHits: hits,
          extraPipelines: c.extraPipelines,
          extraRuns: c.extraRuns,
          ...(c.worstOverrunMs === undefined ? {} : { worstOverrunMs: c.worstOverrunMs }),
          ...(c.signalToExitMs === undefined ? {} : { signalToExitMs: c.signalToExitMs }),
          ...(c.signalToReportMs === undefined ? {} : { signalToReportMs: c.signalToReportMs }),
          ...(c.runnerKillsAfterMs === undefined ? {} : { runnerKillsAfterMs: c.runnerKillsAfterMs }),
          durationMs: Date.now() - started,
          counts: c.counts,
        })
        if (failure !== undefined) throw failure
      },
      timeoutMs,
    )
  }

  return { faultCase, write, name }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  // jest's matcher messages carry colour codes and several lines; the record wants one plain line.
  return text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' ')
    .slice(0, 300)
}
