import * as core from '@actions/core'
import { parseDuration } from './core/duration.ts'
import type { ProxySettings } from './core/http.ts'
import { secretVariants } from './core/redact.ts'
import { scrub } from './core/text.ts'
import type { Command, DuplicateRequest, IfRunning, StepSettings } from './core/vocabulary.ts'
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

/** A bad input, named, with a message in the user's language. Thrown before any request. */
export class InputError extends Error {
  readonly input: string
  constructor(input: string, message: string) {
    super(message)
    this.name = 'InputError'
    this.input = input
  }
}

const COMMANDS: readonly Command[] = ['run', 'wait', 'status', 'duplicate']
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

/** Pure: turns raw input strings into a checked `Inputs`, or throws the first InputError. */
export function parseInputs(read: InputReader, env: EnvironmentVariables = {}): Inputs {
  const raw = (name: string): string => read(name).trim()
  const show = echoer([raw('key'), raw('token')])
  const languageText = raw('language') || FALLBACKS.language
  if (!(LANGUAGES as readonly string[]).includes(languageText))
    throw new InputError('language', en.input.choice('language', show(languageText), LANGUAGES))
  const language = languageText as Language
  const m = messagesFor(language)
  const p = new Parser(raw, m, show)

  const credentials = { key: p.required('key'), token: p.required('token') }
  const command = p.choice('command', COMMANDS, FALLBACKS.command)
  const baseUrl = p.baseUrl('base-url')
  const proxy = proxyFor(baseUrl, env, m)
  const pipelineIds = p.ids('pipeline-id')
  const modelIds = p.ids('model-id')
  const wait = p.boolean('wait', FALLBACKS.wait)
  const timeoutMs = p.duration('timeout', FALLBACKS.timeout)
  const startTimeoutMs = p.duration('start-timeout', FALLBACKS['start-timeout'])
  const minIntervalMs = p.seconds('poll-interval', FALLBACKS['poll-interval'], POLL_INTERVAL_RANGE_S)
  const maxIntervalMs = p.seconds('max-poll-interval', FALLBACKS['max-poll-interval'], POLL_INTERVAL_RANGE_S)
  if (maxIntervalMs < minIntervalMs) throw new InputError('max-poll-interval', m.input.maxBelowMin('max-poll-interval', 'poll-interval'))
  const requestsPerMinute = p.integer('requests-per-minute', FALLBACKS['requests-per-minute'], REQUESTS_PER_MINUTE_RANGE)
  const failOnError = p.boolean('fail-on-error', FALLBACKS['fail-on-error'])
  const ifRunning = p.choice('if-running', IF_RUNNING, FALLBACKS['if-running'])

  if (command === 'run' || command === 'duplicate') {
    if (pipelineIds.length === 0) throw new InputError('pipeline-id', m.input.requiredFor('pipeline-id', command))
    if (modelIds.length > 0) throw new InputError('model-id', m.input.notAllowedFor('model-id', command))
  }
  // Only wait and status get here without a pipeline: run and duplicate were refused above.
  if (pipelineIds.length + modelIds.length === 0) throw new InputError('pipeline-id', m.input.requiredFor('pipeline-id', command))
  const waiter = { minIntervalMs, maxIntervalMs, startTimeoutMs }
  const common = { pipelineIds, modelIds, wait, ifRunning, timeoutMs, waiter }
  const step: StepSettings = command === 'duplicate' ? { ...common, command, duplicate: p.duplicate(pipelineIds) } : { ...common, command }

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

class Parser {
  readonly #raw: (name: string) => string
  readonly #m: Messages
  readonly #show: (value: string) => string

  constructor(raw: (name: string) => string, messages: Messages, show: (value: string) => string) {
    this.#raw = raw
    this.#m = messages
    this.#show = show
  }

  #fail(name: string, message: string): never {
    throw new InputError(name, message)
  }

  required(name: string): string {
    return this.#raw(name) || this.#fail(name, this.#m.input.required(name))
  }

  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.#raw(name) || fallback
    return (choices as readonly string[]).includes(value)
      ? (value as T)
      : this.#fail(name, this.#m.input.choice(name, this.#show(value), choices))
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.#raw(name)
    if (value === '') return fallback
    if (/^(true|yes)$/i.test(value)) return true
    if (/^(false|no)$/i.test(value)) return false
    return this.#fail(name, this.#m.input.boolean(name, this.#show(value)))
  }

  duration(name: string, fallback: string): number {
    const value = this.#raw(name) || fallback
    const ms = parseDuration(value)
    return ms !== undefined && ms >= DURATION_RANGE_MS.min && ms <= DURATION_RANGE_MS.max
      ? ms
      : this.#fail(name, this.#m.input.duration(name, this.#show(value)))
  }

  seconds(name: string, fallback: number, { min, max }: Range): number {
    const value = this.#raw(name)
    const n = value === '' ? fallback : Number(value)
    return /^\d+(\.\d+)?$/.test(value || '0') && n >= min && n <= max
      ? Math.round(n * 1000)
      : this.#fail(name, this.#m.input.number(name, this.#show(value), min, max))
  }

  integer(name: string, fallback: number, { min, max }: Range): number {
    const value = this.#raw(name)
    const n = value === '' ? fallback : Number(value)
    return /^\d*$/.test(value) && n >= min && n <= max ? n : this.#fail(name, this.#m.input.number(name, this.#show(value), min, max))
  }

  /** Ids separated by commas, spaces or newlines; each a positive whole number, kept in order, once. */
  ids(name: string): number[] {
    const parts = this.#raw(name)
      .split(/[\s,]+/)
      .filter(Boolean)
    const ids = parts.map((part) => this.#id(name, part))
    return [...new Set(ids)]
  }

  optionalId(name: string): number | undefined {
    const value = this.#raw(name)
    return value === '' ? undefined : this.#id(name, value)
  }

  #id(name: string, text: string): number {
    const n = Number(text)
    if (/^\d+$/.test(text) && Number.isSafeInteger(n) && n > 0) return n
    // Judged on the whole input: a secret split at its spaces must not show a word of it.
    const shown = this.#show(this.#raw(name)) === '***' ? '***' : this.#show(text)
    return this.#fail(name, this.#m.input.notId(name, shown))
  }

  baseUrl(name: string): URL {
    const value = this.#raw(name) || FALLBACKS['base-url']
    let url: URL
    try {
      url = new URL(value)
    } catch {
      return this.#fail(name, this.#m.input.baseUrl(this.#show(value), FALLBACKS['base-url']))
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
      return this.#fail(
        name,
        url.protocol === 'http:'
          ? this.#m.input.baseUrlHttps(this.#show(value), LOOPBACK_HOST_NAMES)
          : this.#m.input.baseUrl(this.#show(value), FALLBACKS['base-url']),
      )
    }
    if (url.username || url.password || url.search || url.hash) return this.#fail(name, this.#m.input.baseUrlParts())
    return url
  }

  jsonObject(name: string): Record<string, unknown> | undefined {
    const value = this.#raw(name)
    if (value === '') return undefined
    let parsed: unknown
    try {
      parsed = JSON.parse(value)
    } catch {
      return this.#fail(name, this.#m.input.json(name))
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return this.#fail(name, this.#m.input.jsonObject(name))
    return parsed as Record<string, unknown>
  }

  /** A table mapping: every value a table name, and the main table (path "") present. */
  tables(name: string): Record<string, string> | undefined {
    const object = this.jsonObject(name)
    if (!object) return undefined
    for (const [path, table] of Object.entries(object)) {
      if (typeof table !== 'string' || table.trim() === '') this.#fail(name, this.#m.input.stringMap(name, this.#show(path)))
    }
    if (!Object.hasOwn(object, '')) this.#fail(name, this.#m.input.mainTable(name))
    return object as Record<string, string>
  }

  duplicate(pipelineIds: readonly number[]): DuplicateRequest {
    if (pipelineIds.length !== 1) this.#fail('pipeline-id', this.#m.input.oneId('pipeline-id'))
    const requiredId = (name: string): number => this.optionalId(name) ?? this.#fail(name, this.#m.input.requiredFor(name, 'duplicate'))
    const src = requiredId('src-collection-id')
    const dest = requiredId('dest-collection-id')
    const fullTables = this.tables('full-tables') ?? this.#fail('full-tables', this.#m.input.requiredFor('full-tables', 'duplicate'))
    const deltas = this.tables('deltas-tables')
    const overwrite = this.jsonObject('overwrite-parameters')
    const clientId = this.optionalId('client-id')
    const name = this.#raw('name')
    return {
      basePipelineId: pipelineIds[0] as number,
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
