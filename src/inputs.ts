import * as core from '@actions/core'
import { formatDuration, parseDuration } from './core/duration.ts'
import type { ProxySettings } from './core/http.ts'
import { secretVariants } from './core/redact.ts'
import { scrub } from './core/text.ts'
import type { Command, DuplicateRequest, IfRunning, StepSettings } from './core/vocabulary.ts'
import { COMMANDS, foreignInputs } from './input-scope.ts'
import type { Credentials } from './core/types.ts'
import { en, type Messages } from './messages/en.ts'
import { LANGUAGES, messagesFor, type Language } from './messages/index.ts'

/** Everything the action was asked to do, parsed and checked once, before any request. */
export interface Inputs {
  readonly step: StepSettings
  readonly credentials: Credentials
  readonly baseUrl: URL
  /** From the runner's environment, as self-hosted runners behind a company proxy set it. */
  readonly proxy: ProxySettings | undefined
  readonly requestsPerMinute: number
  readonly failOnError: boolean
  readonly language: Language
}

/**
 * A bad input, named, with a message in the user's language. Thrown before any request; when a
 * step has several, one InputError carries them all, a line each, and names the first.
 */
export class InputError extends Error {
  readonly input: string
  /** Every bad input of the step, in the order they are read. */
  readonly inputs: readonly string[]
  constructor(input: string, message: string, inputs: readonly string[] = [input]) {
    super(message)
    this.name = 'InputError'
    this.input = input
    this.inputs = inputs
  }

  static of(errors: readonly [InputError, ...InputError[]]): InputError {
    const [first] = errors
    return new InputError(
      first.input,
      errors.map((error) => error.message).join('\n'),
      errors.map((error) => error.input),
    )
  }
}

const IF_RUNNING: readonly IfRunning[] = ['wait', 'rerun', 'fail']

/**
 * What an empty input means. These are action.yml's defaults (the runner fills those in first);
 * __tests__/unit/defaults.test.ts holds the two equal, input by input.
 */
export const FALLBACKS = {
  command: 'run',
  wait: true,
  timeout: '1h',
  'start-timeout': '2m',
  'if-running': 'wait',
  'poll-interval': 3,
  'max-poll-interval': 120,
  'requests-per-minute': 20,
  'fail-on-error': true,
  language: 'en',
  'base-url': 'https://k2.kondado.com.br',
  'execute-immediately': false,
} as const satisfies Readonly<Record<string, string | number | boolean>>

/** `timeout` and `start-timeout`: at least a second; at most a self-hosted runner's job limit (GitHub-hosted jobs stop at 6 h). */
export const DURATION_RANGE_MS = { min: 1000, max: 72 * 3_600_000 } as const
/** `poll-interval` and `max-poll-interval`, in seconds. */
export const POLL_INTERVAL_RANGE_S = { min: 1, max: 3600 } as const
/** Kondado allows 20 requests a minute per key and per IP: a step may use that budget or a share of it. */
export const KONDADO_REQUESTS_PER_MINUTE = 20
export const REQUESTS_PER_MINUTE_RANGE = { min: 1, max: KONDADO_REQUESTS_PER_MINUTE } as const

/**
 * The hosts plain http may go to, as messages and docs name them, each with the pattern of host
 * names it stands for: only the runner itself, for a simulator in tests.
 */
const LOOPBACK_HOSTS: Readonly<Record<string, string>> = {
  localhost: 'localhost',
  '127.x.x.x': '127(\\.\\d{1,3}){3}',
  '[::1]': '\\[::1\\]',
}
const LOOPBACK = new RegExp(`^(${Object.values(LOOPBACK_HOSTS).join('|')})$`)
export const LOOPBACK_HOST_NAMES: readonly string[] = Object.keys(LOOPBACK_HOSTS)

type InputReader = (name: string) => string
type EnvironmentVariables = Readonly<Record<string, string | undefined>>

/**
 * Reads the inputs from the runner. The key and token are masked first of all, with every
 * encoding they may take in a URL or a body, so nothing printed afterwards can show them.
 */
export function readInputs(): Inputs {
  const read: InputReader = (name) => core.getInput(name)
  for (const secret of [read('key'), read('token')]) for (const variant of secretVariants(secret)) core.setSecret(variant)
  return parseInputs(read, process.env)
}

/** Pure: turns raw input strings into a checked `Inputs`, or throws one InputError naming every bad input. */
export function parseInputs(read: InputReader, env: EnvironmentVariables = {}): Inputs {
  const raw = (name: string): string => read(name).trim()
  const show = echoer([raw('key'), raw('token')])
  // An unknown language is reported in English; every other message in the language asked for.
  const p = new Parser(raw, en, show)
  const language = p.choice('language', LANGUAGES, FALLBACKS.language)
  p.messages = messagesFor(language)

  const credentials = { key: p.required('key'), token: p.required('token') }
  const command = p.choice('command', COMMANDS, FALLBACKS.command)
  if (!p.failed('command')) p.refuseForeign(command)
  const baseUrl = p.baseUrl('base-url')
  const proxy = p.check(() => proxyFor(baseUrl, env, p.messages))
  const pipelineIds = p.ids('pipeline-id')
  const modelIds = p.ids('model-id')
  const wait = p.boolean('wait', FALLBACKS.wait)
  const timeoutMs = p.duration('timeout', FALLBACKS.timeout)
  const startTimeoutMs = p.duration('start-timeout', FALLBACKS['start-timeout'])
  const minIntervalMs = p.seconds('poll-interval', FALLBACKS['poll-interval'], POLL_INTERVAL_RANGE_S)
  const maxIntervalMs = p.seconds('max-poll-interval', FALLBACKS['max-poll-interval'], POLL_INTERVAL_RANGE_S)
  if (maxIntervalMs < minIntervalMs && !p.failed('poll-interval') && !p.failed('max-poll-interval'))
    p.fail('max-poll-interval', p.messages.input.maxBelowMin('max-poll-interval', 'poll-interval'))
  const requestsPerMinute = p.integer('requests-per-minute', FALLBACKS['requests-per-minute'], REQUESTS_PER_MINUTE_RANGE)
  const failOnError = p.boolean('fail-on-error', FALLBACKS['fail-on-error'])
  const ifRunning = p.choice('if-running', IF_RUNNING, FALLBACKS['if-running'])

  const noIds = pipelineIds.length + modelIds.length === 0 && !p.failed('pipeline-id') && !p.failed('model-id')
  if (noIds && !p.failed('command'))
    p.fail(
      'pipeline-id',
      command === 'run' || command === 'duplicate'
        ? p.messages.input.requiredFor('pipeline-id', command)
        : p.messages.input.idsRequired(command, 'pipeline-id', 'model-id'),
    )
  const waiter = { minIntervalMs, maxIntervalMs, startTimeoutMs }
  const common = { pipelineIds, modelIds, wait, ifRunning, timeoutMs, waiter }
  const step: StepSettings = command === 'duplicate' ? { ...common, command, duplicate: p.duplicate(pipelineIds) } : { ...common, command }
  p.throwIfAny()

  return {
    step,
    credentials,
    baseUrl,
    proxy,
    requestsPerMinute,
    failOnError,
    language,
  }
}

/**
 * The proxy the runner names for the base URL's scheme, read as the runner and curl read it:
 * lower-case name first, and a bare `host:port` meaning http. Checked here with the inputs, so a
 * typo fails before any request. Its value is never echoed: it may carry a proxy password.
 */
function proxyFor(baseUrl: URL, env: EnvironmentVariables, m: Messages): ProxySettings | undefined {
  const scheme = baseUrl.protocol === 'https:' ? 'https' : 'http'
  const variable = [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`].find((name) => env[name]?.trim())
  if (variable === undefined) return undefined
  const value = (env[variable] ?? '').trim()
  const url = URL.parse(value.includes('://') ? value : `http://${value}`)
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname)
    throw new InputError(variable, m.input.proxy(variable))
  return { url: url.href, noProxy: (env.no_proxy ?? env.NO_PROXY ?? '').trim() }
}

/** A piece this long of a secret is too much to show. */
const SECRET_PIECE = 4

/**
 * How input values are echoed in errors: one line, shortened, and never any piece of the key or
 * token (pasted into the wrong input, cut at a space or at the length limit, a secret would slip
 * past the runner's masking, which hides only whole secrets).
 */
function echoer(secrets: readonly string[]): (value: string) => string {
  const known = secrets.filter((secret) => secret !== '')
  const sharesPiece = (value: string): boolean =>
    known.some(
      (secret) =>
        value.includes(secret) ||
        [...Array(Math.max(0, value.length - SECRET_PIECE + 1)).keys()].some((i) => secret.includes(value.slice(i, i + SECRET_PIECE))),
    )
  return (value) => (sharesPiece(value) ? '***' : scrub(value, (text) => text, 60))
}

interface Range {
  readonly min: number
  readonly max: number
}

/**
 * Reads one input at a time and, instead of stopping at the first bad one, notes each (a line
 * in the error) and goes on with the input's fallback, so a step reports every bad input at once.
 */
class Parser {
  readonly #raw: (name: string) => string
  readonly #show: (value: string) => string
  readonly #errors: InputError[] = []
  /** Inputs set for a command that does not read them: reported once, then read as left empty. */
  readonly #ignored = new Set<string>()
  messages: Messages

  constructor(raw: (name: string) => string, messages: Messages, show: (value: string) => string) {
    this.#raw = raw
    this.messages = messages
    this.#show = show
  }

  #value(name: string): string {
    return this.#ignored.has(name) ? '' : this.#raw(name)
  }

  fail<T>(name: string, message: string, fallback?: T): T {
    this.#errors.push(new InputError(name, message))
    return fallback as T
  }

  failed(name: string): boolean {
    return this.#errors.some((error) => error.input === name)
  }

  /** Runs a check that throws an InputError of its own, and notes it. */
  check<T>(read: () => T): T | undefined {
    try {
      return read()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      return this.fail(error.input, error.message, undefined)
    }
  }

  throwIfAny(): void {
    const [first, ...rest] = this.#errors
    if (first) throw InputError.of([first, ...rest])
  }

  /**
   * Set by the user: the runner passes action.yml's defaults as values, so an input counts as
   * given only when it differs from its default.
   */
  #given(name: string): boolean {
    const value = this.#raw(name)
    const fallback: unknown = Object.hasOwn(FALLBACKS, name) ? FALLBACKS[name as keyof typeof FALLBACKS] : ''
    return value !== '' && value.toLowerCase() !== String(fallback).toLowerCase()
  }

  refuseForeign(command: Command): void {
    for (const [name, commands] of foreignInputs(command)) {
      if (!this.#given(name)) continue
      this.fail(name, this.messages.input.notAllowedFor(name, command, commands))
      this.#ignored.add(name)
    }
  }

  required(name: string): string {
    return this.#value(name) || this.fail(name, this.messages.input.required(name), '')
  }

  /** One of a few words, in any case: `Run` and `PT-BR` are what people type. */
  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.#value(name) || fallback
    return (
      choices.find((choice) => choice.toLowerCase() === value.toLowerCase()) ??
      this.fail(name, this.messages.input.choice(name, this.#show(value), choices), fallback)
    )
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.#value(name)
    if (value === '') return fallback
    if (/^(true|yes)$/i.test(value)) return true
    if (/^(false|no)$/i.test(value)) return false
    return this.fail(name, this.messages.input.boolean(name, this.#show(value)), fallback)
  }

  /** A duration to the millisecond, decimals allowed (`1.5m`), within DURATION_RANGE_MS. */
  duration(name: string, fallback: string): number {
    const value = this.#value(name) || fallback
    const ms = parseDuration(value)
    const fallbackMs = parseDuration(fallback) ?? 0
    if (ms === undefined) return this.fail(name, this.messages.input.duration(name, this.#show(value)), fallbackMs)
    const { min, max } = DURATION_RANGE_MS
    return ms >= min && ms <= max
      ? ms
      : this.fail(name, this.messages.input.durationRange(name, this.#show(value), formatDuration(min), formatDuration(max)), fallbackMs)
  }

  /** Seconds as a plain number, decimals allowed (`2.5`), to the millisecond as durations are. */
  seconds(name: string, fallback: number, { min, max }: Range): number {
    const value = this.#value(name)
    const n = value === '' ? fallback : Number(value)
    return /^\d+(\.\d+)?$/.test(value || '0') && n >= min && n <= max
      ? Math.round(n * 1000)
      : this.fail(name, this.messages.input.number(name, this.#show(value), min, max), fallback * 1000)
  }

  integer(name: string, fallback: number, { min, max }: Range): number {
    const value = this.#value(name)
    const n = value === '' ? fallback : Number(value)
    return /^\d*$/.test(value) && n >= min && n <= max
      ? n
      : this.fail(name, this.messages.input.number(name, this.#show(value), min, max), fallback)
  }

  /** Ids separated by commas, spaces or newlines; each a positive whole number, kept in order, once. */
  ids(name: string): number[] {
    const parts = this.#value(name)
      .split(/[\s,]+/)
      .filter(Boolean)
    const ids = parts.map((part) => this.#id(name, part)).filter((id) => id !== undefined)
    return [...new Set(ids)]
  }

  optionalId(name: string): number | undefined {
    const value = this.#value(name)
    return value === '' ? undefined : this.#id(name, value)
  }

  #id(name: string, text: string): number | undefined {
    const n = Number(text)
    const digits = /^\d+$/.test(text)
    if (digits && Number.isSafeInteger(n) && n > 0) return n
    // Judged on the whole input: a secret split at its spaces must not show a word of it.
    const shown = this.#show(this.#value(name)) === '***' ? '***' : this.#show(text)
    const input = this.messages.input
    const appCode = name === 'client-id' ? /^(\d+)-\d+$/.exec(text) : null
    if (appCode && shown !== '***') return this.fail(name, input.clientCode(name, shown, appCode[1] ?? ''), undefined)
    return this.fail(name, digits && n > 0 ? input.idTooLarge(name, shown, Number.MAX_SAFE_INTEGER) : input.notId(name, shown), undefined)
  }

  baseUrl(name: string): URL {
    const fallback = new URL(FALLBACKS['base-url'])
    const value = this.#value(name) || FALLBACKS['base-url']
    const url = URL.parse(value)
    if (!url) return this.fail(name, this.messages.input.baseUrl(this.#show(value), FALLBACKS['base-url']), fallback)
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
      return this.fail(
        name,
        url.protocol === 'http:'
          ? this.messages.input.baseUrlHttps(this.#show(value), LOOPBACK_HOST_NAMES)
          : this.messages.input.baseUrl(this.#show(value), FALLBACKS['base-url']),
        fallback,
      )
    }
    if (url.username || url.password || url.search || url.hash) return this.fail(name, this.messages.input.baseUrlParts(), fallback)
    return url
  }

  jsonObject(name: string): Record<string, unknown> | undefined {
    const value = this.#value(name)
    if (value === '') return undefined
    let parsed: unknown
    try {
      parsed = JSON.parse(value)
    } catch {
      return this.fail(name, this.messages.input.json(name), undefined)
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return this.fail(name, this.messages.input.jsonObject(name), undefined)
    return parsed as Record<string, unknown>
  }

  /** A table mapping: every value a table name, and the main table (path "") present. */
  tables(name: string): Record<string, string> | undefined {
    const object = this.jsonObject(name)
    if (!object) return undefined
    const bad = Object.entries(object).find(([, table]) => typeof table !== 'string' || table.trim() === '')
    if (bad) return this.fail(name, this.messages.input.stringMap(name, this.#show(bad[0])), undefined)
    if (!Object.hasOwn(object, '')) return this.fail(name, this.messages.input.mainTable(name), undefined)
    return object as Record<string, string>
  }

  /** A value `duplicate` cannot do without; left out, it is reported, unless it was already reported as bad. */
  #requiredForDuplicate<T>(name: string, value: T | undefined, placeholder: T): T {
    if (value !== undefined) return value
    return this.failed(name) ? placeholder : this.fail(name, this.messages.input.requiredFor(name, 'duplicate'), placeholder)
  }

  duplicate(pipelineIds: readonly number[]): DuplicateRequest {
    if (pipelineIds.length > 1) this.fail('pipeline-id', this.messages.input.oneId('pipeline-id'))
    const src = this.#requiredForDuplicate('src-collection-id', this.optionalId('src-collection-id'), 0)
    const dest = this.#requiredForDuplicate('dest-collection-id', this.optionalId('dest-collection-id'), 0)
    const fullTables = this.#requiredForDuplicate('full-tables', this.tables('full-tables'), {})
    const deltas = this.tables('deltas-tables')
    const overwrite = this.jsonObject('overwrite-parameters')
    const clientId = this.optionalId('client-id')
    const name = this.#value('name')
    return {
      basePipelineId: pipelineIds[0] ?? 0,
      sourceCollectionId: src,
      destinationCollectionId: dest,
      ...(clientId === undefined ? {} : { clientId }),
      ...(name ? { name } : {}),
      fullTables,
      ...(deltas ? { deltasTables: deltas } : {}),
      ...(overwrite ? { overwriteParameters: overwrite } : {}),
      runAtOnce: this.boolean('execute-immediately', FALLBACKS['execute-immediately']),
    }
  }
}
