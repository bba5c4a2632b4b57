// The GitHub side of a step, loaded with a dynamic import only by steps that use it (a PR
// comment, or promotion records), so the others do not load GitHub's libraries at all.

import type { Clock, PromotionRecords, Random } from '../core/index.ts'
import type { CallTiming } from './api.ts'
import { gitHubClient, gitHubContext, type GitHubContext } from './context.ts'
import { deploymentRecords, type RecordKeeping } from './deployments.ts'
import { type CommentOutcome, writeComment } from './pr-comment.ts'

export interface GitHubSide {
  /** The repository, event and workflow run this step belongs to. */
  readonly context: GitHubContext
  /** `github-token-login`: who the token writes as. */
  readonly login: string
  /** The promotion records, for a step whose deadline is `deadline` on the clock. */
  records(deadline: number): PromotionRecords
  /** Writes (or edits) the step's one comment; every failure is an outcome, never a throw of GitHub's. */
  comment(body: string, deadline: number): Promise<CommentOutcome>
}

/**
 * `keeping.login` is who the token writes as (`github-token-login`): the records and the comment
 * are believed only when written by it.
 */
export function connect(token: string, keeping: RecordKeeping, clock: Clock, random: Random): GitHubSide {
  const octokit = gitHubClient(token)
  const context = gitHubContext()
  const timing = (deadline: number): CallTiming => ({ clock, random, deadline })
  return {
    context,
    login: keeping.login,
    records: (deadline) => deploymentRecords(octokit, context, timing(deadline), keeping),
    comment: (body, deadline) => writeComment(octokit, context, timing(deadline), keeping.login, body),
  }
}
