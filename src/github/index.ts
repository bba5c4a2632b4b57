// The GitHub side of a step, loaded with a dynamic import only by steps that use it (a PR
// comment, or promotion records), so the others do not load GitHub's libraries at all.

import type { Clock, Random } from '../core/clock.ts'
import type { PromotionRecords } from '../core/promotion.ts'
import type { CallTiming } from './api.ts'
import { gitHubClient, runInfo, type RunInfo } from './context.ts'
import { deploymentRecords } from './deployments.ts'
import { writeComment, type CommentOutcome } from './pr-comment.ts'

export interface GitHubSide {
  readonly run: RunInfo
  /** The promotion records, for a step whose deadline is `deadline` on the clock. */
  records(deadline: number): PromotionRecords
  /** Writes (or edits) the step's one comment; every failure is an outcome, never a throw of GitHub's. */
  comment(body: string, deadline: number): Promise<CommentOutcome>
}

export function connect(token: string, clock: Clock, random: Random): GitHubSide {
  const octokit = gitHubClient(token)
  const run = runInfo()
  const timing = (deadline: number): CallTiming => ({ clock, random, deadline })
  return {
    run,
    records: (deadline) => deploymentRecords(octokit, run, timing(deadline)),
    comment: (body, deadline) => writeComment(octokit, run, timing(deadline), body),
  }
}
