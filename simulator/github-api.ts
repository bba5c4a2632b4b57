// A stand-in for the GitHub REST API on 127.0.0.1, serving what the action uses: an environment's
// deployments and their statuses, and a pull request's comments. The action reaches it through
// GITHUB_API_URL, as it reaches GitHub Enterprise Server. Switches make it answer as a read-only
// token, a token without the deployments permission, a failing server, or a lost answer would.
// Each token stands for a login (the workflow's token for `github-actions[bot]` unless a test says
// otherwise), recorded as the creator of what it writes and answered as GitHub's `creator` and
// `user` objects; a test plants deployments, statuses and comments by other logins.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** The login GitHub shows for what a workflow's own token (`GITHUB_TOKEN`) writes. */
export const WORKFLOW_BOT = 'github-actions[bot]'

export interface StoredDeployment {
  readonly id: number
  /** The login of the token that created it. */
  readonly creator: string
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
  /** The login of the token that wrote it. */
  readonly creator: string
  readonly state: string
  readonly environment_url: string
  readonly log_url: string
  readonly description: string
}

export interface StoredComment {
  readonly id: number
  body: string
  readonly issue: number
  /** The login of the token that wrote it. */
  readonly user: string
}

export interface GitHubRequest {
  readonly method: string
  readonly path: string
  /** Whether it carried a token the stand-in knows. */
  readonly authorized: boolean
  /** The login that token stands for. */
  readonly login: string | undefined
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

/** Planted by a test: the creator defaults to the stand-in's own login, a status's to its deployment's. */
type PlantedStatus = Omit<StoredStatus, 'id' | 'creator'> & { readonly creator?: string }

export class GitHubStandIn {
  readonly deployments: StoredDeployment[] = []
  readonly comments: StoredComment[] = []
  readonly log: GitHubRequest[] = []
  readonly switches: GitHubSwitches = { readOnly: false, noDeployments: false, serverErrors: 0, loseAnswer: undefined }
  /** Each token the stand-in knows, and the login it stands for. */
  readonly #logins = new Map<string, string>()
  readonly #login: string
  readonly #userIds = new Map<string, number>()
  readonly #sockets = new Set<Socket>()
  #server: Server | null = null
  #nextId = 1000
  readonly #started = new Date().toISOString()

  /** `token` stands for `login`: `github-actions[bot]`, as the workflow's own token does, unless told otherwise. */
  constructor(token: string, login = WORKFLOW_BOT) {
    this.#login = login
    this.#logins.set(token, login)
  }

  /** From now on `token` is accepted and stands for `login` (a personal access token, an app's token, another user's). */
  standFor(token: string, login: string): void {
    this.#logins.set(token, login)
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

  /**
   * A deployment as another run (or a person) would have made it, with its statuses oldest first:
   * by the stand-in's own login unless `creator` names another, each status by its deployment's.
   */
  addDeployment(
    fields: Omit<StoredDeployment, 'id' | 'created_at' | 'statuses' | 'creator'> & { readonly creator?: string },
    states: readonly PlantedStatus[] = [],
  ): StoredDeployment {
    const creator = fields.creator ?? this.#login
    const deployment: StoredDeployment = { ...fields, creator, id: this.#nextId++, created_at: new Date().toISOString(), statuses: [] }
    this.deployments.unshift(deployment)
    for (const state of states) this.addStatus(deployment.id, state)
    return deployment
  }

  /** A status written on an existing deployment, newest from now on: by its deployment's creator unless `creator` names another. */
  addStatus(deploymentId: number, status: PlantedStatus): StoredStatus {
    const deployment = this.deployments.find((d) => d.id === deploymentId)
    if (!deployment) throw new Error(`github stand-in: no deployment ${deploymentId}`)
    const stored: StoredStatus = { ...status, creator: status.creator ?? deployment.creator, id: this.#nextId++ }
    deployment.statuses.unshift(stored)
    return stored
  }

  /** A comment on a pull request, by the stand-in's own login unless `user` names another. */
  addComment(fields: Omit<StoredComment, 'id' | 'user'> & { readonly user?: string }): StoredComment {
    const comment: StoredComment = { ...fields, user: fields.user ?? this.#login, id: this.#nextId++ }
    this.comments.push(comment)
    return comment
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    const header = req.headers.authorization ?? ''
    const login = header.startsWith('token ') ? this.#logins.get(header.slice('token '.length)) : undefined
    const answer = this.#answer(method, url, login, Buffer.concat(chunks).toString('utf8'))
    this.log.push({ method, path: url.pathname, authorized: login !== undefined, login, status: answer.status })
    if (answer.status < 300 && this.switches.loseAnswer?.(method, url.pathname)) {
      req.socket.destroy()
      return
    }
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(answer.body))
  }

  #answer(method: string, url: URL, login: string | undefined, text: string): Answer {
    if (login === undefined) return { status: 401, body: { message: 'Bad credentials' } }
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
      const repo = `${match[1]}/${match[2]}`
      if (write) return { status: 201, body: this.#deploymentJson(repo, this.#createDeployment(body, login)) }
      const environment = url.searchParams.get('environment')
      const task = url.searchParams.get('task')
      const listed = this.deployments.filter((d) => (!environment || d.environment === environment) && (!task || d.task === task))
      return page(listed.map((d) => this.#deploymentJson(repo, d)))
    }
    if ((match = STATUSES.exec(path))) {
      const repo = `${match[1]}/${match[2]}`
      const deployment = this.deployments.find((d) => d.id === Number(match?.[3]))
      if (!deployment) return { status: 404, body: { message: 'Not Found' } }
      if (!write) return page(deployment.statuses.map((s) => this.#statusJson(repo, deployment, s)))
      const status = this.addStatus(deployment.id, {
        state: String(body.state),
        environment_url: typeof body.environment_url === 'string' ? body.environment_url : '',
        log_url: typeof body.log_url === 'string' ? body.log_url : '',
        description: typeof body.description === 'string' ? body.description : '',
        creator: login,
      })
      return { status: 201, body: this.#statusJson(repo, deployment, status) }
    }
    if ((match = COMMENTS.exec(path))) {
      const repo = `${match[1]}/${match[2]}`
      const issue = Number(match[3])
      if (!write) return page(this.comments.filter((c) => c.issue === issue).map((c) => this.#commentJson(repo, c)))
      return { status: 201, body: this.#commentJson(repo, this.addComment({ body: String(body.body), issue, user: login })) }
    }
    if ((match = COMMENT.exec(path)) && method === 'PATCH') {
      const repo = `${match[1]}/${match[2]}`
      const comment = this.comments.find((c) => c.id === Number(match?.[3]))
      if (!comment) return { status: 404, body: { message: 'Not Found' } }
      comment.body = String(body.body)
      return { status: 200, body: this.#commentJson(repo, comment) }
    }
    return { status: 404, body: { message: 'Not Found' } }
  }

  #createDeployment(body: Record<string, unknown>, creator: string): StoredDeployment {
    return this.addDeployment({
      ref: String(body.ref),
      task: typeof body.task === 'string' ? body.task : 'deploy',
      environment: typeof body.environment === 'string' ? body.environment : 'production',
      payload: body.payload ?? {},
      description: typeof body.description === 'string' ? body.description : null,
      creator,
    })
  }

  /** A `simple-user`, as GitHub answers the `creator` of a deployment or status and the `user` of a comment. */
  #userJson(login: string): Record<string, unknown> {
    const id = this.#userIds.get(login) ?? 41_898_282 + this.#userIds.size
    this.#userIds.set(login, id)
    const bot = login.endsWith('[bot]')
    const api = `https://api.github.com/users/${encodeURIComponent(login)}`
    return {
      login,
      id,
      node_id: `U_${id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: bot ? `https://github.com/apps/${login.slice(0, -'[bot]'.length)}` : `https://github.com/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: bot ? 'Bot' : 'User',
      site_admin: false,
    }
  }

  #deploymentJson(repo: string, d: StoredDeployment): Record<string, unknown> {
    const url = `${this.apiUrl}/repos/${repo}/deployments/${d.id}`
    return {
      url,
      id: d.id,
      node_id: `DE_${d.id}`,
      sha: d.ref,
      ref: d.ref,
      task: d.task,
      payload: d.payload,
      original_environment: d.environment,
      environment: d.environment,
      description: d.description,
      creator: this.#userJson(d.creator),
      created_at: d.created_at,
      updated_at: d.created_at,
      statuses_url: `${url}/statuses`,
      repository_url: `${this.apiUrl}/repos/${repo}`,
      transient_environment: false,
      production_environment: false,
    }
  }

  #statusJson(repo: string, d: StoredDeployment, s: StoredStatus): Record<string, unknown> {
    const deploymentUrl = `${this.apiUrl}/repos/${repo}/deployments/${d.id}`
    return {
      url: `${deploymentUrl}/statuses/${s.id}`,
      id: s.id,
      node_id: `DES_${s.id}`,
      state: s.state,
      creator: this.#userJson(s.creator),
      description: s.description,
      environment: d.environment,
      target_url: s.log_url,
      log_url: s.log_url,
      environment_url: s.environment_url,
      created_at: d.created_at,
      updated_at: d.created_at,
      deployment_url: deploymentUrl,
      repository_url: `${this.apiUrl}/repos/${repo}`,
    }
  }

  #commentJson(repo: string, c: StoredComment): Record<string, unknown> {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.apiUrl}/repos/${repo}/issues/comments/${c.id}`,
      html_url: `https://github.com/${repo}/pull/${c.issue}#issuecomment-${c.id}`,
      body: c.body,
      user: this.#userJson(c.user),
      created_at: this.#started,
      updated_at: this.#started,
      issue_url: `${this.apiUrl}/repos/${repo}/issues/${c.issue}`,
      author_association: 'NONE',
    }
  }
}
