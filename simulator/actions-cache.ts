// A stand-in for the GitHub Actions cache service on 127.0.0.1, speaking its v2 protocol as the
// runner offers it (ACTIONS_CACHE_SERVICE_V2, ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN) and as
// @actions/cache 6 and the action's own client (src/memory/actions-cache.ts) speak it: three twirp
// calls on ACTIONS_RESULTS_URL (CreateCacheEntry, FinalizeCacheEntryUpload,
// GetCacheEntryDownloadURL), the content uploaded to the signed URL as Azure Blob Storage takes it
// (one PUT for a small one), and downloaded from the signed URL with a plain GET.
//
// And the ways a cache can go wrong or be turned against a job: `down` drops every connection,
// as an unreachable service would; `hang` takes requests and never answers; `plant` puts an
// entry there as any workflow that may write the scope could (any key, any content);
// `downloadUrl` hands out another address for an entry's content; `redirectDownloads` answers
// the download with a redirect; `answer` replaces a twirp call's answer.

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/'

export interface CacheEntry {
  readonly key: string
  readonly version: string
  readonly archive: Buffer
  readonly createdAt: number
}

export interface CacheRequest {
  readonly method: string
  /** The twirp method, or `upload` and `download` for the content. */
  readonly call: string
  readonly authorization: string | undefined
  /** The request's headers, as received. */
  readonly headers: IncomingHttpHeaders
}

/** A twirp call's answer put in place of the stand-in's own. */
export interface CannedAnswer {
  readonly status: number
  readonly body: string | Buffer
}

interface Pending {
  key: string
  version: string
  archive?: Buffer
}

export class ActionsCacheStandIn {
  /** Finalized entries, oldest first. */
  readonly entries: CacheEntry[] = []
  readonly log: CacheRequest[] = []
  /** A cache that is down: every connection is dropped. */
  down = false
  /** A cache that takes every request and never answers. */
  hang = false
  /** The address given for entry `index`'s content, in place of the stand-in's own. */
  downloadUrl: ((index: number, own: string) => string) | undefined
  /** Downloads answered with a redirect to this address. */
  redirectDownloads: string | undefined
  /** A twirp call's answer, in place of the stand-in's own; `undefined`: the usual one. */
  answer: ((call: string) => CannedAnswer | undefined) | undefined
  readonly #pending = new Map<string, Pending>()
  readonly #sockets = new Set<Socket>()
  #server: Server | null = null
  #port = 0
  #nextId = 1
  #clock = 0

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.#handle(req, res))
    server.on('connection', (socket) => {
      this.#sockets.add(socket)
      socket.on('close', () => this.#sockets.delete(socket))
      if (this.down) socket.destroy()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    this.#server = server
    this.#port = (server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()))
    this.#server = null
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}/`
  }

  /** An entry as any workflow that may write the cache scope could leave it: any key, any content. */
  plant(key: string, archive: Buffer, version: string): void {
    this.entries.push({ key, version, archive, createdAt: this.#clock++ })
  }

  /** The variables a runner sets for a job that may use the cache. */
  env(): Record<string, string> {
    return { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: this.url, ACTIONS_RUNTIME_TOKEN: 'stand-in-runtime-token' }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', this.url)
    const call = url.pathname.startsWith(TWIRP) ? url.pathname.slice(TWIRP.length) : req.method === 'PUT' ? 'upload' : 'download'
    this.log.push({ method: req.method ?? '', call, authorization: req.headers.authorization, headers: req.headers })
    if (this.hang) return
    if (url.pathname.startsWith(TWIRP)) {
      const canned = this.answer?.(call)
      if (canned) return void res.writeHead(canned.status, { 'content-type': 'application/json' }).end(canned.body)
      return this.#twirp(call, JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>, res)
    }
    const id = url.pathname.split('/').at(-1) ?? ''
    if (req.method === 'PUT') {
      const pending = this.#pending.get(id)
      if (!pending) return void res.writeHead(404).end()
      pending.archive = body
      return void res.writeHead(201, { etag: `"${id}"`, 'last-modified': new Date().toUTCString(), 'x-ms-request-id': id }).end()
    }
    if (this.redirectDownloads) return void res.writeHead(302, { location: this.redirectDownloads }).end()
    const entry = this.entries[Number(id)]
    if (!entry) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': entry.archive.length }).end(entry.archive)
  }

  #twirp(call: string, request: Record<string, unknown>, res: ServerResponse): void {
    const answer = (json: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json))
    const text = (value: unknown): string => (typeof value === 'string' ? value : '')
    const key = text(request.key)
    const version = text(request.version)
    switch (call) {
      case 'CreateCacheEntry': {
        if (this.entries.some((e) => e.key === key && e.version === version)) return answer({ ok: false, message: 'already exists' })
        const id = `u${this.#nextId++}`
        this.#pending.set(id, { key, version })
        return answer({ ok: true, signed_upload_url: `${this.url}devstoreaccount1/cache/${id}?sig=upload` })
      }
      case 'FinalizeCacheEntryUpload': {
        const found = [...this.#pending].find(([, p]) => p.key === key && p.version === version && p.archive)
        if (!found) return answer({ ok: false, message: 'no upload' })
        this.#pending.delete(found[0])
        this.entries.push({ key, version, archive: found[1].archive as Buffer, createdAt: this.#clock++ })
        return answer({ ok: true, entry_id: String(this.entries.length) })
      }
      case 'GetCacheEntryDownloadURL': {
        // Sent with protobuf's field names, as the generated twirp client writes them.
        const restoreKeys = Array.isArray(request.restore_keys) ? request.restore_keys.map(text) : []
        const index = this.#match(key, restoreKeys, version)
        if (index === undefined) return answer({ ok: false, signed_download_url: '', matched_key: '' })
        const entry = this.entries[index] as CacheEntry
        const own = `${this.url}devstoreaccount1/cache/${index}?sig=download`
        return answer({ ok: true, signed_download_url: this.downloadUrl?.(index, own) ?? own, matched_key: entry.key })
      }
      default:
        return void res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'bad_route', msg: call }))
    }
  }

  /** As the service does: the key exactly, else each restore key as a prefix, the newest entry first; one version only. */
  #match(key: string, restoreKeys: readonly string[], version: string): number | undefined {
    const newest = (test: (e: CacheEntry) => boolean): number | undefined => {
      const index = this.entries.findLastIndex((e) => e.version === version && test(e))
      return index === -1 ? undefined : index
    }
    return newest((e) => e.key === key) ?? restoreKeys.map((prefix) => newest((e) => e.key.startsWith(prefix))).find((i) => i !== undefined)
  }
}
