// The model over real HTTP on 127.0.0.1, carrying out the socket-level faults; over https too,
// with a certificate the test makes, so a test can reach it by a name as real use reaches Kondado.

import { createServer } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { KondadoModel } from './model.ts'
import type { ModelOptions, SimResponse } from './model.ts'
import type { Fault, InjectedFault, InjectOptions } from './faults.ts'

const MAX_BODY_BYTES = 1024 * 1024

/** How the simulator is reached: plain http at 127.0.0.1 unless told otherwise. */
interface ServeOptions {
  /** Serve https with this key and certificate (PEM), as Kondado does; the test trusts its CA. */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer }
  /**
   * The host in `baseUrl` (default 127.0.0.1). The server listens on 127.0.0.1 whatever it says,
   * so the name must lead there: `localhost`, or a test name that a proxy or a test resolver maps.
   */
  readonly hostName?: string
}

export class KondadoSimulator {
  readonly model: KondadoModel
  readonly #serve: ServeOptions
  #server: Server | null = null
  #port = 0
  /** Every socket ever accepted and still open, across re-listens, so stop() can destroy them. */
  readonly #sockets = new Set<Socket>()
  #relistenTimer: NodeJS.Timeout | null = null
  #stopped = false

  constructor(options: ModelOptions, serve: ServeOptions = {}) {
    this.model = new KondadoModel(options)
    this.#serve = serve
  }

  async start(port = 0): Promise<void> {
    if (this.#server !== null) throw new Error('simulator: already started')
    this.#stopped = false
    await this.#listen(port)
  }

  get baseUrl(): string {
    if (this.#port === 0) throw new Error('simulator: not started')
    return `${this.#serve.tls ? 'https' : 'http'}://${this.#serve.hostName ?? '127.0.0.1'}:${this.#port}`
  }

  get port(): number {
    return this.#port
  }

  inject(fault: Fault, options?: InjectOptions): InjectedFault {
    return this.model.inject(fault, options)
  }

  clearFaults(): void {
    this.model.clearFaults()
  }

  /**
   * Closes the listening port and drops open connections, as a crashed or restarting
   * server would, so clients get ECONNREFUSED; listens again on the same port after `ms`.
   * Resolves once the port is closed (not when it reopens).
   */
  async refuseConnectionsFor(ms: number): Promise<void> {
    await this.#refuse()
    this.#relistenTimer = setTimeout(() => {
      this.#relistenTimer = null
      this.#relisten()
    }, ms)
  }

  /** The same, until `released` settles: an outage that ends on the test's cue, such as the action's output. */
  async refuseConnectionsUntil(released: Promise<unknown>): Promise<void> {
    await this.#refuse()
    const relisten = (): void => this.#relisten()
    released.then(relisten, relisten)
  }

  /** Closes everything promptly, hanging connections included. */
  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#relistenTimer !== null) clearTimeout(this.#relistenTimer)
    this.#relistenTimer = null
    await this.#close()
  }

  async #refuse(): Promise<void> {
    if (this.#server === null) throw new Error('simulator: not listening')
    await this.#close()
  }

  #relisten(): void {
    if (!this.#stopped) this.#listen(this.#port).catch((err: unknown) => console.error('simulator: could not listen again', err))
  }

  #listen(port: number): Promise<void> {
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => this.#onRequest(req, res)
    const tls = this.#serve.tls
    // The 'connection' sockets are the TCP ones, under TLS too: stop() destroys those.
    const server: Server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, onRequest) : createServer(onRequest)
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket)
      socket.on('close', () => this.#sockets.delete(socket))
    })
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        this.#server = server
        this.#port = (server.address() as AddressInfo).port
        resolve()
      })
    })
  }

  async #close(): Promise<void> {
    const server = this.#server
    this.#server = null
    for (const socket of this.#sockets) socket.destroy()
    this.#sockets.clear()
    if (server === null) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.socket.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      // Only the path and query matter; the host part is a placeholder for the URL parser.
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      let response: SimResponse
      try {
        response = this.model.handle({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          body: Buffer.concat(chunks).toString('utf8'),
        })
      } catch (err) {
        console.error('simulator: internal error on', req.method, url.pathname, err)
        response = { status: 500, headers: { 'content-type': 'text/plain' }, body: 'simulator internal error' }
      }
      this.#send(res, response)
    })
  }

  #send(res: ServerResponse, response: SimResponse): void {
    if (response.delayMs !== undefined && response.delayMs > 0) {
      const { delayMs, ...rest } = response
      const timer = setTimeout(() => this.#send(res, rest), delayMs)
      res.socket?.once('close', () => clearTimeout(timer))
      return
    }
    if (response.action === 'reset') {
      this.#tcpSocketOf(res.socket)?.resetAndDestroy() // an RST, as from a crashed proxy, rather than a polite FIN
      return
    }
    if (response.action === 'hang') return // the socket stays tracked, so stop() still closes it
    const body = Buffer.from(response.body, 'utf8')
    if (response.chunked) {
      res.writeHead(response.status, response.headers)
      this.#writeInPieces(res, body)
      return
    }
    res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) })
    if (response.action === 'truncate') {
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy())
      return
    }
    // Half the body, then silence: only a body timeout on the client ends the wait.
    if (response.action === 'stall') {
      res.write(body.subarray(0, Math.floor(body.length / 2)))
      return
    }
    res.end(body)
  }

  /**
   * The TCP socket under a request's socket: itself over http; under TLS, the accepted socket with
   * the same peer port (only a TCP socket can send an RST: a TLS socket's resetAndDestroy throws).
   */
  #tcpSocketOf(socket: Socket | null): Socket | undefined {
    if (socket === null || !this.#serve.tls) return socket ?? undefined
    return [...this.#sockets].find((tcp) => tcp.remotePort === socket.remotePort && tcp.remoteAddress === socket.remoteAddress)
  }

  /** Streams 64 KiB at a time, waiting for the client to drain, until done or the socket closes. */
  #writeInPieces(res: ServerResponse, body: Buffer): void {
    let offset = 0
    const next = (): void => {
      while (offset < body.length && !res.destroyed) {
        const piece = body.subarray(offset, offset + 65_536)
        offset += piece.length
        if (!res.write(piece)) {
          res.once('drain', next)
          return
        }
      }
      if (!res.destroyed) res.end()
    }
    next()
  }
}
