// What the end-to-end and fault suites share about a run of the bundled action: the odd
// credentials, the simulator it talks to, and how to read what it left for the user.

import { expect } from '@jest/globals'
import type { ActionRun } from '../harness/run-action.ts'
import { formatDuration } from '../src/core/time.ts'
import {
  KondadoSimulator,
  type Fault,
  type KondadoModel,
  type ModelOptions,
  type RequestKind,
  type RequestLogEntry,
  type RunSpans,
} from '../simulator/index.ts'

// Spaces, '+', '%', '/', '=' and non-ASCII (two and three UTF-8 bytes): every encoding differs from the raw text.
export const KEY = 'kéy 1+%2F/€'
export const TOKEN = 'tøk en+/%25=ã ✓'

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))

/** A simulator with the odd credentials, set up by `setup`, listening on 127.0.0.1; the caller stops it. */
export async function newSimulator(setup: (model: KondadoModel) => void, options: Partial<ModelOptions> = {}): Promise<KondadoSimulator> {
  const sim = new KondadoSimulator({ key: KEY, token: TOKEN, ...options })
  setup(sim.model)
  await sim.start()
  return sim
}

/**
 * A run busy (running) for `reads` status reads of it, then at rest: however slowly the action
 * starts or polls, it sees the run, and sees it end. `Infinity`: busy for the whole test.
 */
export const busyFor = (reads: number): RunSpans => ({ queuedReads: 0, runningReads: reads })

/** Inputs every run shares: the odd credentials, the simulator, and fast polling. */
export function inputsFor(sim: KondadoSimulator | null, inputs: Record<string, string>): Record<string, string> {
  return { key: KEY, token: TOKEN, ...(sim ? { 'base-url': sim.baseUrl } : {}), 'poll-interval': '1', ...inputs }
}

export const requests = (sim: KondadoSimulator, kind?: RequestKind): RequestLogEntry[] =>
  sim.model.log.filter((entry) => kind === undefined || entry.kind === kind)

/**
 * Starts a run the way another user or a schedule would, outside the action. The request is
 * dropped from the log, and the call returns only once Kondado's 1-per-second window has
 * passed, so the action's first read is not refused because of it.
 */
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

/** That answer as a fault: the simulator's own `rate-limit` fault always asks for Kondado's 60 seconds. */
export const rateLimited = (seconds: number): Fault => ({
  type: 'http',
  status: 200,
  contentType: 'application/json; charset=utf-8',
  body: rateLimitBody(seconds),
})

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

export const MASK_PREFIX = '::add-mask::'

/**
 * What a person or a later step can see: stdout without the `::add-mask::` commands (they must carry
 * the secrets, it is how the runner learns them, and the runner never shows them), stderr, the
 * outputs file and the summary.
 */
export function visibleParts(run: ActionRun): { stdout: string; stderr: string; outputs: string; summary: string } {
  const stdout = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith(MASK_PREFIX))
    .join('\n')
  return { stdout, stderr: run.stderr, outputs: run.outputsFile, summary: run.summary }
}

export const visibleStdout = (run: ActionRun): string => visibleParts(run).stdout
const linesStarting = (run: ActionRun, prefix: string): string[] =>
  visibleStdout(run)
    .split('\n')
    .filter((line) => line.startsWith(prefix))
export const errorLines = (run: ActionRun): string[] => linesStarting(run, '::error')
export const warningLines = (run: ActionRun): string[] => linesStarting(run, '::warning')
/** The runner's command escaping undone: @actions/core writes % CR LF as %25 %0D %0A. */
export const unescapeCommand = (text: string): string => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
/** A command property escaped as @actions/core writes it: % CR LF as in a message, and ':' ',' too. */
export const escapeProperty = (text: string): string =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C')
/** The failure line (`core.setFailed`), the last error command, as the user reads it. */
export const failureOf = (run: ActionRun): string => unescapeCommand((errorLines(run).at(-1) ?? '').replace(/^::error[^:]*::/, ''))

/** One entry of the `result` output. */
export interface ResultEntry {
  kind: string
  id: number
  status: string | null
  is_running: boolean | null
  is_active: boolean | null
  is_blocked: boolean | null
  kubo_status_type: string | null
  raw_msg: string | null
  verdict: string
  healthy: boolean
  elapsed: number
  url: string
  run: 'current' | 'next'
}

/** The `result` output, or no entries when the step wrote none. */
export const resultOf = (run: ActionRun): ResultEntry[] => JSON.parse(run.outputs.result ?? '[]') as ResultEntry[]

/** How long one resource took to its verdict, as the log and its annotation's title write it (the `result` output's `elapsed`). */
export function elapsedOf(run: ActionRun, kind: string, id: number): string {
  const entry = resultOf(run).find((r) => r.kind === kind && r.id === id)
  expect(entry).toBeDefined()
  return formatDuration((entry?.elapsed ?? Number.NaN) * 1000)
}

/**
 * The annotation of a resource that did not pass, whole, as the runner reads it: the title is
 * `<subject>: <verdict> (<elapsed>)` (the subject in the step's language, e.g. 'modelo 165'),
 * the body the explanation. A warning instead of an error with `fail-on-error: false`.
 */
export function annotationLine(
  run: ActionRun,
  resource: { kind: string; id: number; subject?: string },
  verdict: string,
  body: string,
  level: 'error' | 'warning' = 'error',
): string {
  const subject = resource.subject ?? `${resource.kind} ${resource.id}`
  const title = escapeProperty(`${subject}: ${verdict} (${elapsedOf(run, resource.kind, resource.id)})`)
  return `::${level} title=${title}::${body.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`
}

/** Every time of day, as the log writes it (`HH:MM:SS`, UTC), from `fromMs` to `toMs` (epoch milliseconds). */
export function clockTimesBetween(fromMs: number, toMs: number): string[] {
  const times: string[] = []
  for (let s = Math.floor(fromMs / 1000); s <= Math.floor(toMs / 1000); s++) times.push(new Date(s * 1000).toISOString().slice(11, 19))
  return times
}
