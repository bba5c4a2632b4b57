// The fault-injection suite's harness: each case starts its own simulator, runs the bundled
// action against it as the runner would, checks every captured byte for the secrets, and records
// what it saw under .tmp/reliability/ for scripts/reliability-report.ts.

import { expect, test } from '@jest/globals'
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { startAction, type ActionRun, type RunningAction } from '../../__fixtures__/run-action.ts'
import { DEFAULT_LIMITS } from '../../src/core/http.ts'
import { KondadoSimulator, type KondadoModel, type ModelOptions, type RequestKind, type RequestLogEntry } from '../../simulator/index.ts'

// Spaces, '+', '%', '/', '=' and non-ASCII (two and three UTF-8 bytes): every encoding differs from the raw text.
export const KEY = 'kéy 1+%2F/€'
export const TOKEN = 'tøk en+/%25=ã ✓'

export const RECORD_DIR = resolve(import.meta.dirname, '..', '..', '.tmp', 'reliability')
/** Fast polling and short waits, so a case takes seconds. */
export const BASE_INPUTS = { 'poll-interval': '1' }
/** The transport's own request timeout (src/core/http.ts DEFAULT_LIMITS): the bound on an overrun. */
export const REQUEST_TIMEOUT_MS = DEFAULT_LIMITS.requestTimeoutMs
/** `ACTIONS_STEP_DEBUG: true` makes the runner set RUNNER_DEBUG=1 for the step; both are set. */
export const DEBUG_ENV = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' }

export interface CaseSpec {
  /** e.g. "4.3": the issue's item, then the case. */
  readonly id: string
  readonly name: string
  /** What goes wrong, in a few words. */
  readonly fault: string
  /** What the action must do about it. */
  readonly expected: string
  /** Seconds of `timeout` given to the action, when the case is about the deadline. */
  readonly timeoutS?: number
  readonly debug?: boolean
}

export interface CaseRecord extends CaseSpec {
  readonly kind: 'case'
  readonly file: string
  readonly group: string
  readonly observed: string
  readonly pass: boolean
  readonly error?: string
  readonly actionRuns: number
  readonly bytesScanned: number
  readonly secretHits: number
  readonly extraPipelines: number
  readonly extraRuns: number
  readonly worstOverrunMs?: number
  readonly signalToExitMs?: number
  readonly durationMs: number
}

export interface PropertyRecord {
  readonly kind: 'property'
  readonly file: string
  readonly id: string
  readonly name: string
  readonly runs: number
  readonly seed: number
  readonly pass: boolean
  readonly error?: string
  readonly figures: Readonly<Record<string, number>>
}

export type ReliabilityRecord = CaseRecord | PropertyRecord

/**
 * Every form a secret can take on its way out: raw, in a URL (path or query, either case of hex
 * digits), in a form body, in base64, inside JSON (escaped, or with \u escapes for non-ASCII),
 * and through JavaScript's escape().
 */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  const forms = [
    secret,
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams({ x: secret }).toString().slice(2),
    Buffer.from(secret, 'utf8').toString('base64'),
    Buffer.from(secret, 'utf8').toString('base64url'),
    json,
    json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    // JavaScript's legacy escape(), as old code and some servers still write it.
    escape(secret),
  ]
  const lower = forms.flatMap((f) => (/%[0-9A-F]{2}/.test(f) ? [f.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())] : []))
  return [...new Set([...forms, ...lower])]
}

const count = (text: string, needle: string): number => (needle === '' ? 0 : text.split(needle).length - 1)

const MASK_PREFIX = '::add-mask::'

/**
 * What a person or a later step can see: stdout without the `::add-mask::` commands (they must carry
 * the secrets, it is how the runner learns them, and the runner never shows them), stderr, the
 * outputs file and the summary.
 */
export function visibleParts(run: ActionRun): Record<string, string> {
  const stdout = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith(MASK_PREFIX))
    .join('\n')
  return { stdout, stderr: run.stderr, outputs: run.outputsFile, summary: run.summary }
}

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

export const visibleStdout = (run: ActionRun): string => visibleParts(run).stdout ?? ''
export const errorLines = (run: ActionRun): string[] =>
  visibleStdout(run)
    .split('\n')
    .filter((line) => line.startsWith('::error'))
export const warningLines = (run: ActionRun): string[] =>
  visibleStdout(run)
    .split('\n')
    .filter((line) => line.startsWith('::warning'))
/** The runner's command escaping undone: @actions/core writes % CR LF as %25 %0D %0A. */
export const unescapeCommand = (text: string): string => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
/** The failure line (`core.setFailed`), the last error command, as the user reads it. */
export const failureOf = (run: ActionRun): string => unescapeCommand((errorLines(run).at(-1) ?? '').replace(/^::error[^:]*::/, ''))

export interface ResultEntry {
  kind: string
  id: number
  status: string | null
  raw_msg: string | null
  verdict: string
  healthy: boolean
  url: string
}

export const resultOf = (run: ActionRun): ResultEntry[] => JSON.parse(run.outputs.result ?? '[]') as ResultEntry[]
export const verdictsOf = (run: ActionRun): string[] => resultOf(run).map((r) => `${r.kind} ${r.id}: ${r.verdict}`)
export const requests = (sim: KondadoSimulator, kind?: RequestKind): RequestLogEntry[] =>
  sim.model.log.filter((entry) => kind === undefined || entry.kind === kind)
export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))

/** A run started outside the action, as by a schedule; Kondado's 1-per-second window is let pass. */
export async function startRunElsewhere(sim: KondadoSimulator, id: number): Promise<void> {
  const res = sim.model.handle({
    method: 'POST',
    path: `/pipelines/${id}/run`,
    query: new URLSearchParams({ key: KEY, token: TOKEN }),
    body: '',
  })
  expect(JSON.parse(res.body)).toEqual({ success: true })
  sim.model.log.splice(0)
  await sleep(1_050)
}

/** Kondado's throttling answer (HTTP 200), asking for a pause short enough for a test. */
export const rateLimitBody = (seconds: number): string =>
  JSON.stringify({ success: false, error: 'RATE_LIMIT_EXCEEDED', message: `Too many requests. Please try again in ${seconds} seconds.` })

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

  constructor(spec: CaseSpec) {
    this.spec = spec
  }

  async sim(setup: (model: KondadoModel) => void, options: Partial<ModelOptions> = {}): Promise<KondadoSimulator> {
    const sim = new KondadoSimulator({ key: KEY, token: TOKEN, ...options })
    setup(sim.model)
    this.#sims.push(sim)
    await sim.start()
    return sim
  }

  /** The bundled action, with the odd credentials, fast polling, and the case's debug setting. */
  launch(sim: KondadoSimulator | null, inputs: Record<string, string>, env: Record<string, string> = {}): RunningAction {
    const all = { key: KEY, token: TOKEN, ...(sim ? { 'base-url': sim.baseUrl } : {}), ...BASE_INPUTS, ...inputs }
    const running = startAction(all, { ...(this.spec.debug ? DEBUG_ENV : {}), ...env })
    this.#running.add(running)
    void running.done.then((run) => {
      this.#running.delete(running)
      this.runs.push(run)
      this.secretsOf.set(run, [...new Set([all.key, all.token, KEY, TOKEN])])
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
    // In fact far less: every request is bounded by the time left, so once the action runs only
    // the summary remains. Node's start-up is left out of this bound: a busy machine stretches it.
    expect(run.stepMs - timeoutS * 1000).toBeLessThan(2_500)
    return overrun
  }

  /** Sends `signal` and resolves with the run and the milliseconds from the signal to the exit. */
  async interrupt(running: RunningAction, signal: 'SIGTERM' | 'SIGINT'): Promise<{ run: ActionRun; ms: number; at: number }> {
    const at = Date.now()
    running.child.kill(signal)
    const run = await running.done
    const ms = Date.now() - at
    this.signalToExitMs = Math.max(this.signalToExitMs ?? 0, ms)
    return { run, ms, at }
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
  const write = (record: ReliabilityRecord): void => appendFileSync(recordFile, `${JSON.stringify(record)}\n`)

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
          durationMs: Date.now() - started,
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
