import { createServer, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

/** What the proxy was asked: the request line's target and the headers, as a company proxy would log them. */
export interface ProxyRequest {
  readonly method: string
  readonly target: string
  readonly headers: IncomingMessage['headers']
}

/**
 * A forward proxy on 127.0.0.1 that only tunnels (CONNECT), as locked-down company proxies do;
 * any other request is logged and refused. With `credentials`, a tunnel needs that Basic
 * Proxy-Authorization, or the answer is 407. `hosts` are names only the proxy resolves (to an
 * address), as a company's proxy resolves names its runners cannot: a test host such as
 * `kondado.test`, which no resolver of the machine knows.
 */
export class ConnectProxy {
  readonly requests: ProxyRequest[] = []
  readonly #server: Server
  readonly #sockets = new Set<Socket>()
  /** Every byte passed through a tunnel, either way: all the proxy could read of what went inside. */
  readonly #tunnelled: Buffer[] = []
  #connections = 0

  constructor(credentials?: { user: string; password: string }, { hosts = {} }: { hosts?: Readonly<Record<string, string>> } = {}) {
    const expected = credentials && `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`
    this.#server = createServer((req, res) => {
      this.requests.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers })
      res.writeHead(405).end()
    })
    this.#server.on('connection', (socket: Socket) => {
      this.#connections++
      this.#sockets.add(socket)
      socket.on('close', () => this.#sockets.delete(socket))
    })
    this.#server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      this.requests.push({ method: 'CONNECT', target: req.url ?? '', headers: req.headers })
      if (expected && req.headers['proxy-authorization'] !== expected) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n')
        return
      }
      const [host = '', port] = (req.url ?? '').split(':')
      const upstream = connect(Number(port), hosts[host] ?? host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        this.#tunnelled.push(head)
        upstream.write(head)
        upstream.on('data', (chunk: Buffer) => this.#tunnelled.push(chunk))
        client.on('data', (chunk: Buffer) => this.#tunnelled.push(chunk))
        upstream.pipe(client)
        client.pipe(upstream)
      })
      this.#sockets.add(upstream)
      upstream.on('close', () => this.#sockets.delete(upstream))
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
    })
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
  }

  /** Connections accepted, whatever was sent on them (nothing, a request, or a tunnel). */
  get connections(): number {
    return this.#connections
  }

  /** Every byte the tunnels carried, both ways, in the order each arrived. */
  get tunnelled(): Buffer {
    return Buffer.concat(this.#tunnelled)
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}
