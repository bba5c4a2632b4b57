// The pull-request comment: the verdict, then the step's summary (its table and reasons), then a
// link to the run, in the step's language.

import { inert } from '../markdown.ts'
import type { Messages } from '../messages/index.ts'

/** `failure` is the step's failure message, undefined when it passed; `summary` its job summary. */
export function commentBody(m: Messages, failure: string | undefined, summary: string, runUrl: string): string {
  const verdict = failure === undefined ? `✅ ${inert(m.github.passed)}` : `❌ ${inert(failure)}`
  return [`**${verdict}**`, summary.trim(), `[${inert(m.github.runLink)}](${runUrl})`].join('\n\n') + '\n'
}
