import * as core from '@actions/core'
import {
  type Credentials,
  type DuplicateRequest,
  type IfPromoted,
  type IfRunning,
  type JudgedRun,
  type PromotionSettings,
  type ProxySettings,
  isLoopbackHost,
  LOOPBACK_HOST_NAMES,
  scrub,
  secretVariants,
  type StepSettings,
} from '../core/index.ts'
import { COMMANDS } from './commands.ts'
import { InputError, Parser } from './parser.ts'
import { en, type Messages } from '../messages/en.ts'
import { type Language, LANGUAGES, messagesFor } from '../messages/index.ts'

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
  /** `run-history`: keep run lengths in the Actions cache (steps that wait for runs, with no `expected-duration`). */
  readonly runHistory: boolean
  /** The GitHub API's side of the step: the token is kept only when a feature that uses it is on. */
  readonly github: GitHubInputs
}

interface GitHubInputs {
  readonly token: string
  /** `github-token-login`: who the token writes as; only records and a comment by this login are believed. */
  readonly login: string
  readonly prComment: boolean
  /** `pr-comment` or `environment`: the step talks to GitHub's API. */
  readonly used: boolean
}

/** Thrown by `parseInputs`; main.ts tells it from a bug by its class. */
export { InputError }

const IF_RUNNING: readonly IfRunning[] = ['wait', 'rerun', 'fail']
const WAIT_FOR: readonly JudgedRun[] = ['current', 'next']
const IF_PROMOTED: readonly IfPromoted[] = ['reuse', 'fail', 'create']

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
  'wait-for': 'current',
  /**
   * Kondado may queue a model minutes after its pipelines end, behind other work of the account;
   * longer than a few minutes, a model on a schedule of its own (hourly, say) would hold the
   * runner most of an hour before the step says it was not seen to start.
   */
  'model-start-timeout': '10m',
  'run-history': true,
  'pr-comment': false,
  'github-token-login': 'github-actions[bot]',
  'if-promoted': 'reuse',
} as const satisfies Readonly<Record<string, string | number | boolean>>

/** `timeout`, `start-timeout` and `model-start-timeout`: at least a second; at most a self-hosted runner's job limit (GitHub-hosted jobs stop at 6 h). */
export const DURATION_RANGE_MS = { min: 1000, max: 72 * 3_600_000 } as const
/** `poll-interval` and `max-poll-interval`, in seconds. */
export const POLL_INTERVAL_RANGE_S = { min: 1, max: 3600 } as const
/** Kondado allows 20 requests a minute per key and per IP: a step may use that budget or a share of it. */
export const KONDADO_REQUESTS_PER_MINUTE = 20
export const REQUESTS_PER_MINUTE_RANGE = { min: 1, max: KONDADO_REQUESTS_PER_MINUTE } as const

type InputReader = (name: string) => string
type EnvironmentVariables = Readonly<Record<string, string | undefined>>

/**
 * Reads the inputs from the runner. The key and token are masked first of all, with every
 * encoding they may take in a URL or a body, so nothing printed afterwards can show them.
 */
export function readInputs(): Inputs {
  const read: InputReader = (name) => core.getInput(name)
  const mask = (secret: string): void => secretVariants(secret).forEach((variant) => core.setSecret(variant))
  mask(read('key'))
  mask(read('token'))
  const inputs = parseInputs(read, process.env)
  mask(inputs.github.token)
  return inputs
}

/** Pure: turns raw input strings into a checked `Inputs`, or throws one InputError naming every bad input. */
export function parseInputs(read: InputReader, env: EnvironmentVariables = {}): Inputs {
  const raw = (name: string): string => read(name).trim()
  const show = echoer([raw('key'), raw('token')])
  // An unknown language is reported in English; every other message in the language asked for.
  const p = new Parser(raw, en, show, FALLBACKS)
  const language = p.choice('language', LANGUAGES, FALLBACKS.language)
  p.messages = messagesFor(language)

  const credentials = { key: p.required('key'), token: p.required('token') }
  const command = p.choice('command', COMMANDS, FALLBACKS.command)
  if (!p.failed('command')) p.refuseForeign(command)
  const baseUrl = readBaseUrl(p, 'base-url')
  const proxy = p.check(() => proxyFor(baseUrl, env, p.messages))
  const pipelineIds = p.ids('pipeline-id')
  const modelIds = p.ids('model-id')
  const wait = p.boolean('wait', FALLBACKS.wait)
  const timeoutMs = p.duration('timeout', FALLBACKS.timeout, DURATION_RANGE_MS)
  const startTimeoutMs = p.duration('start-timeout', FALLBACKS['start-timeout'], DURATION_RANGE_MS)
  const minIntervalMs = p.seconds('poll-interval', FALLBACKS['poll-interval'], POLL_INTERVAL_RANGE_S)
  const maxIntervalMs = p.seconds('max-poll-interval', FALLBACKS['max-poll-interval'], POLL_INTERVAL_RANGE_S)
  if (maxIntervalMs < minIntervalMs && !p.failed('poll-interval') && !p.failed('max-poll-interval'))
    p.fail('max-poll-interval', p.messages.input.maxBelowMin('max-poll-interval', 'poll-interval'))
  const requestsPerMinute = p.integer('requests-per-minute', FALLBACKS['requests-per-minute'], REQUESTS_PER_MINUTE_RANGE)
  const failOnError = p.boolean('fail-on-error', FALLBACKS['fail-on-error'])
  const ifRunning = p.choice('if-running', IF_RUNNING, FALLBACKS['if-running'])
  const waitFor = p.choice('wait-for', WAIT_FOR, FALLBACKS['wait-for'])
  const modelStartTimeoutMs = p.duration('model-start-timeout', FALLBACKS['model-start-timeout'], DURATION_RANGE_MS)
  checkNextRun(p, command, { modelIds, wait, waitFor })
  const expectedDurationMs = p.value('expected-duration') ? p.duration('expected-duration', '', DURATION_RANGE_MS) : undefined
  const runHistory = p.boolean('run-history', FALLBACKS['run-history'])

  const noIds = pipelineIds.length + modelIds.length === 0 && !p.failed('pipeline-id') && !p.failed('model-id')
  if (noIds && !p.failed('command'))
    p.fail(
      'pipeline-id',
      command === 'run' || command === 'duplicate'
        ? p.messages.input.requiredFor('pipeline-id', command)
        : p.messages.input.idsRequired(command, 'pipeline-id', 'model-id'),
    )
  const polling = { minIntervalMs, maxIntervalMs, startTimeoutMs, ...(expectedDurationMs === undefined ? {} : { expectedDurationMs }) }
  const common = { pipelineIds, modelIds, wait, ifRunning, timeoutMs, polling, waitFor, modelStartTimeoutMs }
  const promotion = command === 'duplicate' ? promotionOf(p) : undefined
  const step: StepSettings =
    command === 'duplicate'
      ? { ...common, command, duplicate: duplicate(p, pipelineIds), ...(promotion ? { promotion } : {}) }
      : { ...common, command }
  const github = gitHubInputs(p, promotion !== undefined)
  p.throwIfAny()

  return {
    step,
    credentials,
    baseUrl,
    proxy,
    requestsPerMinute,
    failOnError,
    language,
    runHistory,
    github,
  }
}

/** `environment` turns the records on; `if-promoted` says what a record found means, so it needs one. */
function promotionOf(p: Parser): PromotionSettings | undefined {
  const environment = p.value('environment')
  const ifPromoted = p.choice('if-promoted', IF_PROMOTED, FALLBACKS['if-promoted'])
  if (!environment && p.given('if-promoted')) p.fail('if-promoted', p.messages.input.unusedWithout('if-promoted', 'environment'))
  return environment ? { environment, ifPromoted } : undefined
}

/** The token is read only when something uses it: a step without either feature needs none. */
function gitHubInputs(p: Parser, promotes: boolean): GitHubInputs {
  const prComment = p.boolean('pr-comment', FALLBACKS['pr-comment'])
  const used = prComment || promotes
  const login = used ? gitHubLogin(p) : ''
  return { token: used ? p.required('github-token') : '', login, prComment, used }
}

/** A user's login (an Enterprise Managed User's has `_`), or an app's with `[bot]`: nothing else reaches a message. */
export const isGitHubLogin = (text: unknown): text is string =>
  typeof text === 'string' && /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}(\[bot\])?$/.test(text)

function gitHubLogin(p: Parser): string {
  const value = p.value('github-token-login') || FALLBACKS['github-token-login']
  return isGitHubLogin(value)
    ? value
    : p.fail('github-token-login', p.messages.input.login('github-token-login', p.show(value)), FALLBACKS['github-token-login'])
}

/**
 * The proxy the runner names for Kondado's https address, read as the runner and curl read it:
 * lower-case name first, and a bare `host:port` meaning http. Checked here with the inputs, so a
 * typo fails before any request. Its value is never echoed: it may carry a proxy password. A
 * loopback base-url (the only one allowed plain http) means this runner itself and is never
 * proxied: in a tunnel, plain http is readable, query and token included.
 */
function proxyFor(baseUrl: URL, env: EnvironmentVariables, m: Messages): ProxySettings | undefined {
  if (isLoopbackHost(baseUrl.hostname)) return undefined
  const variable = ['https_proxy', 'HTTPS_PROXY'].find((name) => env[name]?.trim())
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

function readBaseUrl(p: Parser, name: string): URL {
  const fallback = new URL(FALLBACKS['base-url'])
  const value = p.value(name) || FALLBACKS['base-url']
  const url = URL.parse(value)
  const m = p.messages.input
  if (!url) return p.fail(name, m.baseUrl(p.show(value), FALLBACKS['base-url']), fallback)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    const message =
      url.protocol === 'http:' ? m.baseUrlHttps(p.show(value), LOOPBACK_HOST_NAMES) : m.baseUrl(p.show(value), FALLBACKS['base-url'])
    return p.fail(name, message, fallback)
  }
  // A bare `?` or `#` leaves search and hash empty, yet cuts the API path off the URL: the raw text decides.
  if (url.username || url.password || /[?#]/.test(value)) return p.fail(name, m.baseUrlParts(), fallback)
  return url
}

/**
 * The inputs of a next run that would otherwise be silently ignored: `run` waits for models only
 * after their pipelines have ended, which `wait: false` never sees; a model's start window needs a
 * model; and `wait` reads the start windows only with `wait-for: next`.
 */
function checkNextRun(p: Parser, command: string, given: { modelIds: readonly number[]; wait: boolean; waitFor: JudgedRun }): void {
  const m = p.messages.input
  if (command === 'run' && given.modelIds.length > 0 && !given.wait) p.fail('model-id', m.modelsNeedWait('model-id', 'wait'))
  if (command === 'wait' && given.waitFor !== 'next')
    for (const name of ['start-timeout', 'model-start-timeout'])
      if (p.given(name) && !p.failed(name)) p.fail(name, m.unusedWithout(name, 'wait-for: next'))
  if (given.modelIds.length === 0 && p.given('model-start-timeout') && !p.failed('model-start-timeout'))
    p.fail('model-start-timeout', m.unusedWithout('model-start-timeout', 'model-id'))
}

/** A value `duplicate` cannot do without; left out, it is reported, unless it was already reported as bad. */
function requiredForDuplicate<T>(p: Parser, name: string, value: T | undefined, placeholder: T): T {
  if (value !== undefined) return value
  return p.failed(name) ? placeholder : p.fail(name, p.messages.input.requiredFor(name, 'duplicate'), placeholder)
}

function duplicate(p: Parser, pipelineIds: readonly number[]): DuplicateRequest {
  if (pipelineIds.length > 1) p.fail('pipeline-id', p.messages.input.oneId('pipeline-id'))
  const src = requiredForDuplicate(p, 'src-collection-id', p.optionalId('src-collection-id'), 0)
  const dest = requiredForDuplicate(p, 'dest-collection-id', p.optionalId('dest-collection-id'), 0)
  const fullTables = requiredForDuplicate(p, 'full-tables', p.tables('full-tables'), {})
  const deltas = p.tables('deltas-tables')
  const overwrite = p.jsonObject('overwrite-parameters')
  const clientId = p.optionalId('client-id')
  const name = p.value('name')
  return {
    basePipelineId: pipelineIds[0] ?? 0,
    sourceCollectionId: src,
    destinationCollectionId: dest,
    ...(clientId === undefined ? {} : { clientId }),
    ...(name ? { name } : {}),
    fullTables,
    ...(deltas ? { deltasTables: deltas } : {}),
    ...(overwrite ? { overwriteParameters: overwrite } : {}),
    runAtOnce: p.boolean('execute-immediately', FALLBACKS['execute-immediately']),
  }
}
