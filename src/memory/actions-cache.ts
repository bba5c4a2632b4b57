import { createHash } from 'node:crypto'
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici'
import { isLoopbackHost } from '../core/index.ts'

// A small client of the GitHub Actions cache service (its v2 protocol), for one small document.
//
// Why not @actions/cache: it stores files as a tar archive and restores with `tar -P`, which
// writes every member where the archive says, absolute paths and `../` included. Anyone who can
// write a cache entry this job may read (a workflow on the default branch, however little its
// permissions) could then write any file on the runner of a job holding the Kondado and GitHub
// tokens. The library also prints what the service and the entry hold (the matched key), and a
// key can carry `\r::command::`. So the run history is not a file here: it is a bounded JSON
// document, read into memory and written from memory, and no file is written at all.
//
// The protocol, as @actions/cache 6 speaks it (its lib/cache.js and lib/internal/shared/):
// twirp calls as JSON, with the runner's ACTIONS_RUNTIME_TOKEN, to ACTIONS_RESULTS_URL
// (GetCacheEntryDownloadURL, CreateCacheEntry, FinalizeCacheEntryUpload); the content itself
// goes to and from the signed blob URLs the service gives (Azure Blob Storage: one Put Blob,
// one GET), with no token. Each exchange here has timeouts, a size limit, follows no redirect
// (undici follows none unless told to), and goes only to a URL the service gave: https, or
// plain http on this machine when the service itself is there (the simulator's stand-in).

/** A run history is a few KiB (100 resources of 5 runs at most is under 40 KiB): more is not one. */
export const MAX_ENTRY_BYTES = 64 * 1024
/** The service's answers are a few hundred bytes. */
const MAX_ANSWER_BYTES = 64 * 1024
const CONNECT_TIMEOUT_MS = 5_000
const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/'
/** The Blob Storage REST version the upload names: the one the Azure SDK under @actions/cache 6.3 sends. */
const BLOB_API_VERSION = '2026-10-06'

/**
 * The service keeps entries apart by key and version, and matches only entries of the version
 * asked for: a tar archive that @actions/cache saved is never handed to this client. The same
 * shape as the library's versions (64 hex digits), of a name of its own.
 */
export const ENTRY_VERSION = createHash('sha256').update('kondado-action|run-history|json|1').digest('hex')

/** What went wrong, as data: the caller words it. Nothing here quotes a URL or a header. */
export type CacheFault =
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'network'; readonly code: string }
  | { readonly kind: 'too-large'; readonly limitBytes: number }
  | { readonly kind: 'address' }
  | { readonly kind: 'answer' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'mode'; readonly mode: string }

export class CacheError extends Error {
  readonly fault: CacheFault
  constructor(fault: CacheFault) {
    super(fault.kind)
    this.name = 'CacheError'
    this.fault = fault
  }
}

export interface CacheService {
  /** The newest entry of `key`, else of the first prefix in `restoreKeys` that has one; `undefined`: none. */
  read(key: string, restoreKeys: readonly string[], signal: AbortSignal): Promise<Buffer | undefined>
  /** Saves `content` under `key` (entries are never replaced: a key is used once). */
  write(key: string, content: Buffer, signal: AbortSignal): Promise<void>
}

type Variables = Readonly<Record<string, string | undefined>>

const isLoopbackHttp = (url: URL): boolean => url.protocol === 'http:' && isLoopbackHost(url.hostname)

/** As @actions/cache decides: GitHub Enterprise Server has only the older protocol, which this client does not speak. */
function isEnterpriseServer(variables: Variables): boolean {
  let host: string
  try {
    host = new URL(variables.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase()
  } catch {
    return true
  }
  return !(host === 'github.com' || host.endsWith('.ghe.com') || host.endsWith('.localhost'))
}

/** The runner's cache mode: unset or unknown permits both, as in @actions/cache. */
const KNOWN_MODES = new Set(['none', 'read', 'write', 'write-only'])

/** The cache service this runner offers, or `undefined` when it offers none this client can use. */
export function cacheServiceFor(variables: Variables): CacheService | undefined {
  const base = variables.ACTIONS_RESULTS_URL
  const token = variables.ACTIONS_RUNTIME_TOKEN
  if (!variables.ACTIONS_CACHE_SERVICE_V2 || !base || !token || isEnterpriseServer(variables)) return undefined
  const mode = (variables.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase()
  const known = KNOWN_MODES.has(mode)
  const permits = (allowed: readonly string[]): void => {
    if (known && !allowed.includes(mode)) throw new CacheError({ kind: 'mode', mode })
  }
  return new ActionsCacheClient(base, token, variables, {
    read: () => permits(['read', 'write']),
    write: () => permits(['write', 'write-only']),
  })
}

class ActionsCacheClient implements CacheService {
  readonly #base: string
  readonly #token: string
  readonly #variables: Variables
  readonly #permits: { read(): void; write(): void }

  constructor(base: string, token: string, variables: Variables, permits: { read(): void; write(): void }) {
    this.#base = base
    this.#token = token
    this.#variables = variables
    this.#permits = permits
  }

  async read(key: string, restoreKeys: readonly string[], signal: AbortSignal): Promise<Buffer | undefined> {
    this.#permits.read()
    return this.#session(signal, async (send) => {
      const found = await this.#twirp(send, 'GetCacheEntryDownloadURL', { key, restore_keys: restoreKeys, version: ENTRY_VERSION })
      if (found.ok !== true) return undefined
      // The matched key is never shown: it is whatever the entry's writer chose.
      const url = this.#signedUrl(found.signed_download_url ?? found.signedDownloadUrl)
      const response = await send(url, { method: 'GET', headers: { accept: 'application/octet-stream' } })
      if (response.statusCode !== 200) return fail(response, { kind: 'status', status: response.statusCode })
      return readBounded(response, MAX_ENTRY_BYTES)
    })
  }

  async write(key: string, content: Buffer, signal: AbortSignal): Promise<void> {
    this.#permits.write()
    if (content.length > MAX_ENTRY_BYTES) throw new CacheError({ kind: 'too-large', limitBytes: MAX_ENTRY_BYTES })
    await this.#session(signal, async (send) => {
      const created = await this.#twirp(send, 'CreateCacheEntry', { key, version: ENTRY_VERSION })
      if (created.ok !== true) throw new CacheError({ kind: 'refused', message: text(created.message) })
      const url = this.#signedUrl(created.signed_upload_url ?? created.signedUploadUrl)
      const uploaded = await send(url, {
        method: 'PUT',
        body: content,
        headers: {
          'x-ms-blob-type': 'BlockBlob',
          'x-ms-version': BLOB_API_VERSION,
          'content-type': 'application/octet-stream',
        },
      })
      if (uploaded.statusCode < 200 || uploaded.statusCode > 299) return fail(uploaded, { kind: 'status', status: uploaded.statusCode })
      await readBounded(uploaded, MAX_ANSWER_BYTES)
      // int64 travels as a string in twirp's JSON.
      const finalized = await this.#twirp(send, 'FinalizeCacheEntryUpload', {
        key,
        version: ENTRY_VERSION,
        size_bytes: String(content.length),
      })
      if (finalized.ok !== true) throw new CacheError({ kind: 'refused', message: text(finalized.message) })
    })
  }

  /** One operation's connections: closed at its end, so nothing is left to hold the process open. */
  async #session<T>(signal: AbortSignal, work: (send: Send) => Promise<T>): Promise<T> {
    const dispatcher = this.#dispatcher()
    const send: Send = (url, options) => request(url, { ...options, dispatcher, signal })
    try {
      return await work(send)
    } catch (error) {
      if (error instanceof CacheError) throw error
      if (signal.aborted) throw new CacheError({ kind: 'timeout' })
      throw new CacheError({ kind: 'network', code: networkCode(error) })
    } finally {
      await dispatcher.destroy().catch(() => undefined)
    }
  }

  /** Direct, or through the proxy the runner names (HTTPS_PROXY and NO_PROXY, as @actions/cache reads them). */
  #dispatcher(): Dispatcher {
    const v = this.#variables
    const timeouts = { connectTimeout: CONNECT_TIMEOUT_MS, headersTimeout: CONNECT_TIMEOUT_MS * 2, bodyTimeout: CONNECT_TIMEOUT_MS * 2 }
    const httpProxy = v.http_proxy ?? v.HTTP_PROXY
    const httpsProxy = v.https_proxy ?? v.HTTPS_PROXY
    const noProxy = v.no_proxy ?? v.NO_PROXY
    return new EnvHttpProxyAgent({
      ...timeouts,
      ...(httpProxy ? { httpProxy } : {}),
      ...(httpsProxy ? { httpsProxy } : {}),
      ...(noProxy ? { noProxy } : {}),
    })
  }

  async #twirp(send: Send, method: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const url = this.#serviceUrl(method)
    const response = await send(url, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {
        authorization: `Bearer ${this.#token}`,
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': 'kondado-github-action',
      },
    })
    if (response.statusCode < 200 || response.statusCode > 299) return fail(response, { kind: 'status', status: response.statusCode })
    let answer: unknown
    try {
      answer = JSON.parse((await readBounded(response, MAX_ANSWER_BYTES)).toString('utf8'))
    } catch (error) {
      if (error instanceof SyntaxError) throw new CacheError({ kind: 'answer' })
      throw error
    }
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) throw new CacheError({ kind: 'answer' })
    return answer as Record<string, unknown>
  }

  /** The service's own address: https, or plain http on this machine (a stand-in). The token goes only here. */
  #serviceUrl(method: string): URL {
    const base = parsed(this.#base)
    if (!base || !(base.protocol === 'https:' || isLoopbackHttp(base)) || base.username || base.password)
      throw new CacheError({ kind: 'address' })
    return new URL(`${TWIRP}${method}`, base)
  }

  /**
   * A blob URL as the service gave it: https, with no user or password in it; plain http only on
   * this machine and only when the service itself is there. Anything else is not fetched.
   */
  #signedUrl(value: unknown): URL {
    const url = parsed(text(value))
    const service = parsed(this.#base)
    const local = url !== undefined && isLoopbackHttp(url) && service !== undefined && isLoopbackHttp(service)
    if (!url || !(url.protocol === 'https:' || local) || url.username || url.password) throw new CacheError({ kind: 'address' })
    return url
  }
}

type Send = (url: URL, options: Omit<Dispatcher.RequestOptions, 'origin' | 'path'>) => Promise<Dispatcher.ResponseData>

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

function parsed(value: string): URL | undefined {
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}

/** Ends an exchange that went wrong: its body is not read (and the error its stream then reports is ours to drop). */
function fail(response: Dispatcher.ResponseData, fault: CacheFault): never {
  response.body.on('error', () => undefined).destroy()
  throw new CacheError(fault)
}

/** The body, refused as soon as it says or proves to be longer than `limit`. */
async function readBounded(response: Dispatcher.ResponseData, limit: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) fail(response, { kind: 'too-large', limitBytes: limit })
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length
    if (size > limit) fail(response, { kind: 'too-large', limitBytes: limit })
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** A network error's code in its usual shape (ECONNREFUSED, UND_ERR_SOCKET), never its message. */
function networkCode(error: unknown): string {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const { code } = e as { code?: unknown }
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,39}$/.test(code)) return code
  }
  return 'UNKNOWN'
}
