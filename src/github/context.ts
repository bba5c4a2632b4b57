// What the runner tells about this workflow run, read through @actions/github's `context`, and the client
// for GitHub's API at GITHUB_API_URL (GitHub Enterprise Server, or a stand-in in tests).

import { context, getOctokit } from '@actions/github'

export type Octokit = ReturnType<typeof getOctokit>

export interface GitHubContext {
  readonly owner: string
  readonly repo: string
  /** This repository's workflow runs on this server, `${GITHUB_SERVER_URL}/owner/repo/actions/runs/`: a record's run link must start so. */
  readonly runsUrl: string
  /** Where a person sees this workflow run: the records and the comment link to it. */
  readonly runUrl: string
  readonly eventName: string
  /** The pull request's number, on a pull-request event. */
  readonly pullRequest: number | undefined
  /** The commit a deployment record is made for. */
  readonly ref: string
  /** Names this step among all the workflow's steps, for its one comment. */
  readonly stepKey: string
}

export function gitHubContext(): GitHubContext {
  const { owner, repo } = context.repo
  const attempt = Number.isInteger(context.runAttempt) ? `/attempts/${context.runAttempt}` : ''
  const pull = (context.payload as { pull_request?: { number?: unknown } }).pull_request?.number
  const runsUrl = `${context.serverUrl}/${owner}/${repo}/actions/runs/`
  return {
    owner,
    repo,
    runsUrl,
    runUrl: `${runsUrl}${context.runId}${attempt}`,
    eventName: context.eventName,
    pullRequest: typeof pull === 'number' ? pull : undefined,
    ref: context.sha || context.ref,
    stepKey: [context.workflow, context.job, context.action].map((part) => encodeURIComponent(part ?? '')).join('/'),
  }
}

export const gitHubClient = (token: string): Octokit => getOctokit(token, { baseUrl: context.apiUrl })
