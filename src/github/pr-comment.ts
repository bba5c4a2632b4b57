// The step's report as one comment on the pull request, found again by a hidden marker that
// names the workflow, job and step, and by its author, and edited in place by later runs of the
// same step. Anyone may write the marker: another login's comment that holds it is left alone.

import { call, type CallTiming, GitHubFailure, loginOf, writtenBy } from './api.ts'
import type { GitHubContext, Octokit } from './context.ts'

const PULL_REQUEST_EVENTS: readonly string[] = ['pull_request', 'pull_request_target']

export type CommentOutcome =
  | { readonly outcome: 'updated'; readonly pullRequest: number }
  /** `wroteAs`: the comment was written as another login than `github-token-login` (undefined: GitHub did not say as whom), so later runs will not find it. */
  | { readonly outcome: 'created'; readonly pullRequest: number; readonly wroteAs?: { readonly login: string | undefined } }
  | { readonly outcome: 'not-a-pull-request'; readonly eventName: string }
  /** The token may not write here: a pull request from a fork, or no `pull-requests: write`. */
  | { readonly outcome: 'read-only'; readonly httpStatus: number }
  | { readonly outcome: 'failed'; readonly httpStatus: number | undefined }

/** Invisible in the rendered comment; `--` cannot occur in it, since the step key is percent-encoded. */
export const markerOf = (github: GitHubContext): string => `<!-- kondado-action:${github.stepKey} -->`

/** `login`: `github-token-login`, who the token writes as; only a comment by it is this step's. */
export async function writeComment(
  octokit: Octokit,
  github: GitHubContext,
  timing: CallTiming,
  login: string,
  body: string,
): Promise<CommentOutcome> {
  const number = github.pullRequest
  if (!PULL_REQUEST_EVENTS.includes(github.eventName) || number === undefined)
    return { outcome: 'not-a-pull-request', eventName: github.eventName }
  const issue = { owner: github.owner, repo: github.repo, issue_number: number }
  const marker = markerOf(github)
  const text = `${marker}\n${body}`
  try {
    const comments = await call(timing, true, (signal) =>
      octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100, request: { signal } }),
    )
    const mine = comments.find((comment) => comment.body?.startsWith(marker) && writtenBy(comment.user, login))
    if (mine) {
      await call(timing, true, (signal) =>
        octokit.rest.issues.updateComment({ owner: github.owner, repo: github.repo, comment_id: mine.id, body: text, request: { signal } }),
      )
      return { outcome: 'updated', pullRequest: number }
    }
    const created = await call(timing, false, (signal) => octokit.rest.issues.createComment({ ...issue, body: text, request: { signal } }))
    if (writtenBy(created.data.user, login)) return { outcome: 'created', pullRequest: number }
    return { outcome: 'created', pullRequest: number, wroteAs: { login: loginOf(created.data.user) } }
  } catch (error) {
    if (!(error instanceof GitHubFailure)) throw error
    const status = error.httpStatus
    return status === 403 || status === 404 ? { outcome: 'read-only', httpStatus: status } : { outcome: 'failed', httpStatus: status }
  }
}
