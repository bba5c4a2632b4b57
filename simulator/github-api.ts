// A stand-in for the GitHub REST API on 127.0.0.1, serving what the action uses: an environment's
// deployments and their statuses, and a pull request's comments. The action reaches it through
// GITHUB_API_URL, as it reaches GitHub Enterprise Server. Switches make it answer as a read-only
// token, a token without the deployments permission, a failing server, or a lost answer would.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface StoredDeployment {
  readonly id: number
  readonly ref: string
  readonly task: string
  readonly environment: string
  readonly payload: unknown
  readonly description: string | null
  readonly created_at: string
  /** Newest first, as GitHub lists them. */
  readonly statuses: StoredStatus[]
}

export interface StoredStatus {
  readonly id: number
  readonly state: string
  readonly environment_url: string
  readonly log_url: string
  readonly description: string
}

export interface StoredComment {
  readonly id: number
  body: string
  readonly issue: number
}

export interface GitHubRequest {
  readonly method: string
  readonly path: string
  /** Whether it carried the token the stand-in was made with. */
  readonly authorized: boolean
  readonly status: number
}

export interface GitHubSwitches {
  /** Every write is refused with 403, as for a pull request from a fork. */
  readOnly: boolean
  /** Every deployments request is refused with 403, as for a token without `deployments: write`. */
  noDeployments: boolean
  /** The next this many requests get a 502 (nothing applied). */
  serverErrors: number
  /** Requests this tests true for are applied, then their socket is destroyed without an answer. */
  loseAnswer: ((method: string, path: string) => boolean) | undefined
}

const DEPLOYMENTS = /^\/repos\/([^/]+)\/([^/]+)\/deployments$/
const STATUSES = /^\/repos\/([^/]+)\/([^/]+)\/deployments\/(\d+)\/statuses$/
const COMMENTS = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/
const COMMENT = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/

interface Answer {
  readonly status: number
  readonly body: unknown
}

export class GitHubStandIn {
  readonly deployments: StoredDeployment[] = []
  readonly comments: StoredComment[] = []
  readonly log: GitHubRequest[] = []
  readonly switches: GitHubSwitches = { readOnly: false, noDeployments: false, serverErrors: 0, loseAnswer: undefined }
  readonly #token: string
  readonly #sockets = new Set<Socket>()
  #server: Server | null = null
  #nextId = 1000

  constructor(token: string) {
    this.#token = token
  }

  get apiUrl(): string {
    const address = this.#server?.address() as AddressInfo | null
    if (!address) throw new Error('github stand-in: not started')
    return `http://127.0.0.1:${address.port}`
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.#serve(req, res))
    server.on('connection', (socket) => {
      this.#sockets.add(socket)
      socket.on('close', () => this.#sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    this.#server = server
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()))
    this.#server = null
  }

  /** A deployment as another run (or a person) would have made it, with its statuses oldest first. */
  addDeployment(
    fields: Omit<StoredDeployment, 'id' | 'created_at' | 'statuses'>,
    states: readonly Omit<StoredStatus, 'id'>[] = [],
  ): StoredDeployment {
    const deployment: StoredDeployment = { ...fields, id: this.#nextId++, created_at: new Date().toISOString(), statuses: [] }
    this.deployments.unshift(deployment)
    for (const state of states) deployment.statuses.unshift({ ...state, id: this.#nextId++ })
    return deployment
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    const authorized = req.headers.authorization === `token ${this.#token}`
    const answer = this.#answer(method, url, authorized, Buffer.concat(chunks).toString('utf8'))
    this.log.push({ method, path: url.pathname, authorized, status: answer.status })
    if (answer.status < 300 && this.switches.loseAnswer?.(method, url.pathname)) {
      req.socket.destroy()
      return
    }
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(answer.body))
  }

  #answer(method: string, url: URL, authorized: boolean, text: string): Answer {
    if (!authorized) return { status: 401, body: { message: 'Bad credentials' } }
    if (this.switches.serverErrors > 0) {
      this.switches.serverErrors--
      return { status: 502, body: { message: 'Server Error' } }
    }
    const path = url.pathname
    const write = method !== 'GET'
    const refused = { status: 403, body: { message: 'Resource not accessible by integration' } }
    if (this.switches.noDeployments && path.includes('/deployments')) return refused
    if (this.switches.readOnly && write) return refused
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>
    const page = (items: readonly unknown[]): Answer => {
      const perPage = Number(url.searchParams.get('per_page') ?? 30)
      const from = (Number(url.searchParams.get('page') ?? 1) - 1) * perPage
      return { status: 200, body: items.slice(from, from + perPage) }
    }
    let match: RegExpExecArray | null
    if ((match = DEPLOYMENTS.exec(path))) {
      if (write) return { status: 201, body: this.#createDeployment(body) }
      const environment = url.searchParams.get('environment')
      const task = url.searchParams.get('task')
      return page(this.deployments.filter((d) => (!environment || d.environment === environment) && (!task || d.task === task)))
    }
    if ((match = STATUSES.exec(path))) {
      const deployment = this.deployments.find((d) => d.id === Number(match?.[3]))
      if (!deployment) return { status: 404, body: { message: 'Not Found' } }
      if (!write) return page(deployment.statuses)
      const status: StoredStatus = {
        id: this.#nextId++,
        state: String(body.state),
        environment_url: typeof body.environment_url === 'string' ? body.environment_url : '',
        log_url: typeof body.log_url === 'string' ? body.log_url : '',
        description: typeof body.description === 'string' ? body.description : '',
      }
      deployment.statuses.unshift(status)
      return { status: 201, body: status }
    }
    if ((match = COMMENTS.exec(path))) {
      const issue = Number(match[3])
      if (!write) return page(this.comments.filter((c) => c.issue === issue))
      const comment: StoredComment = { id: this.#nextId++, body: String(body.body), issue }
      this.comments.push(comment)
      return { status: 201, body: comment }
    }
    if ((match = COMMENT.exec(path)) && method === 'PATCH') {
      const comment = this.comments.find((c) => c.id === Number(match?.[3]))
      if (!comment) return { status: 404, body: { message: 'Not Found' } }
      comment.body = String(body.body)
      return { status: 200, body: comment }
    }
    return { status: 404, body: { message: 'Not Found' } }
  }

  #createDeployment(body: Record<string, unknown>): StoredDeployment {
    return this.addDeployment({
      ref: String(body.ref),
      task: typeof body.task === 'string' ? body.task : 'deploy',
      environment: typeof body.environment === 'string' ? body.environment : 'production',
      payload: body.payload ?? {},
      description: typeof body.description === 'string' ? body.description : null,
    })
  }
}
