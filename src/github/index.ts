// The GitHub side of a step, as main.ts uses it: its one door. GitHub's libraries are loaded
// with a dynamic import of connect.ts, only when `pr-comment` or `environment` asks for them: the
// other steps start as before. The pull-request comment's words are written here.

import * as core from '@actions/core'
import { type Clock, createRedactor, type Random, type Redactor } from '../core/index.ts'
import type { GitHubSide } from './connect.ts'
import type { Inputs } from '../inputs/inputs.ts'
import type { Messages } from '../messages/en.ts'
import { messagesFor } from '../messages/index.ts'
import { inert } from '../report/markdown.ts'
import { forLog } from '../report/neutralize.ts'

export type { GitHubSide }

/** A comment is worth this long past the step's deadline: a step that timed out still reports on its PR. */
const COMMENT_GRACE_MS = 30_000

export async function loadGitHub(inputs: Inputs, clock: Clock, random: Random): Promise<GitHubSide | undefined> {
  if (!inputs.github.used) return undefined
  const { connect } = await import('./connect.ts')
  const login = inputs.github.login
  const m = messagesFor(inputs.language)
  const redact = createRedactor([inputs.credentials.key, inputs.credentials.token, inputs.github.token])
  // The counts only: nothing a record that is not believed holds reaches the log.
  const ignored = (environment: string, count: Parameters<Messages['github']['ignored']>[2]): void =>
    core.info(forLog(redact(m.github.ignored(environment, login, count))))
  return connect(inputs.github.token, { login, ignored }, clock, random)
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
    const body = redact(commentBody(m, verdict.failure, verdict.summary, github.context.runUrl))
    const deadline = Math.max(verdict.deadline, clock.now() + COMMENT_GRACE_MS)
    const result = await github.comment(body, deadline)
    switch (result.outcome) {
      case 'created':
        core.info(forLog(redact(m.github.commented(true, result.pullRequest))))
        // Written as another login than `github-token-login`: the next run will not find it to edit.
        return result.wroteAs ? core.warning(forLog(redact(m.github.commentedAs(result.wroteAs.login, github.login)))) : undefined
      case 'updated':
        return core.info(forLog(redact(m.github.commented(false, result.pullRequest))))
      case 'not-a-pull-request':
        return core.info(forLog(redact(m.github.notPullRequest(result.eventName))))
      case 'read-only':
        return core.warning(forLog(redact(m.github.readOnly(result.httpStatus))))
      case 'failed':
        return core.warning(forLog(redact(m.github.commentFailed(result.httpStatus))))
    }
  } catch {
    core.warning(forLog(redact(m.github.commentFailed(undefined))))
  }
}

/**
 * The pull-request comment: the verdict, then the step's summary (its table and reasons), then a
 * link to the workflow run. `failure` is the step's failure message, undefined when it passed.
 */
export function commentBody(m: Messages, failure: string | undefined, summary: string, runUrl: string): string {
  const verdict = failure === undefined ? `✅ ${inert(m.github.passed)}` : `❌ ${inert(failure)}`
  return [`**${verdict}**`, summary.trim(), `[${inert(m.github.runLink)}](${runUrl})`].join('\n\n') + '\n'
}
