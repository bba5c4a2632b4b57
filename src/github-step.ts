// The GitHub side of a step, as main.ts uses it. GitHub's libraries are loaded with a dynamic
// import, only when `pr-comment` or `environment` asks for them: the other steps start as before.

import * as core from '@actions/core'
import type { Clock, Random } from './core/clock.ts'
import type { Redactor } from './core/redact.ts'
import { commentBody } from './github/comment-body.ts'
import type { GitHubSide } from './github/index.ts'
import type { Inputs } from './inputs.ts'
import type { Messages } from './messages/index.ts'

export type { GitHubSide }

/** A comment is worth this long past the step's deadline: a step that timed out still reports on its PR. */
const COMMENT_GRACE_MS = 30_000

export async function loadGitHub(inputs: Inputs, clock: Clock, random: Random): Promise<GitHubSide | undefined> {
  if (!inputs.github.used) return undefined
  const { connect } = await import('./github/index.ts')
  return connect(inputs.github.token, clock, random)
}

export interface StepVerdict {
  /** The step's failure message; undefined when it passed. */
  readonly failure: string | undefined
  readonly summary: string
  readonly deadline: number
}

/** Writes the step's comment and says how it went; never throws, so a failed comment never fails a passing step. */
export async function commentOnPullRequest(
  github: GitHubSide,
  m: Messages,
  redact: Redactor,
  verdict: StepVerdict,
  clock: Clock,
): Promise<void> {
  try {
    const body = redact(commentBody(m, verdict.failure, verdict.summary, github.run.runUrl))
    const deadline = Math.max(verdict.deadline, clock.now() + COMMENT_GRACE_MS)
    const result = await github.comment(body, deadline)
    switch (result.outcome) {
      case 'created':
      case 'updated':
        return core.info(redact(m.github.commented(result.outcome === 'created', result.pullRequest)))
      case 'not-a-pull-request':
        return core.info(redact(m.github.notPullRequest(result.eventName)))
      case 'read-only':
        return core.warning(redact(m.github.readOnly(result.httpStatus)))
      case 'failed':
        return core.warning(redact(m.github.commentFailed(result.httpStatus)))
    }
  } catch {
    core.warning(redact(m.github.commentFailed(undefined)))
  }
}
