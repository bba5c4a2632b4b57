import type { Redactor } from './redact.ts'

/** Server text longer than this is cut: a log line or a summary cell, not a dump. */
export const EXCERPT_LIMIT = 300

/**
 * Makes text from Kondado safe to show: one line (so no `::command::` can start a line the
 * runner would execute), no control or escape characters, no secret, a bounded length.
 */
export function scrub(text: string, redact: Redactor, limit = EXCERPT_LIMIT): string {
  const stripped = redact(text)
    // Whole ANSI CSI and OSC sequences, so no [31m debris is left behind
    .replace(/(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '')
    // C0 and C1 controls, DEL, and the Unicode line and paragraph separators
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  // Redacted again before the cut: stripping can join a secret's pieces, and the cut could then
  // leave its start where no redactor would recognise it.
  const oneLine = redact(stripped)
  return oneLine.length > limit ? `${oneLine.slice(0, limit - 1).replace(/[\ud800-\udbff]$/, '')}…` : oneLine
}
