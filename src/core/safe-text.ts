// Text made safe to show: secrets hidden (redact) and server text made one inert line (scrub).
// Kondado puts the token in every URL, so any text that may have met a URL or a server answer
// passes through a redactor before anyone sees it; every encoding a secret can take on the way
// (URL, form, base64, JSON) is hidden too. main.ts makes the step's one redactor.

export type Redactor = (text: string) => string

const MASK = '***'

export function secretVariants(secret: string): string[] {
  if (secret === '') return []
  const variants = new Set<string>([
    secret,
    encodeURIComponent(secret),
    // Percent-encoding is case-insensitive, and some servers echo it in lower case.
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    encodeURI(secret),
    new URLSearchParams({ x: secret }).toString().slice(2),
    Buffer.from(secret, 'utf8').toString('base64'),
    Buffer.from(secret, 'utf8').toString('base64url'),
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(secret)
      .slice(1, -1)
      .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    escape(secret),
  ])
  // Longest first, so a variant that contains another is replaced whole. No encoding of a
  // non-empty secret is empty, so the guard above is all that keeps '' out.
  return [...variants].sort((a, b) => b.length - a.length)
}

export function createRedactor(secrets: readonly string[]): Redactor {
  const variants = [...new Set(secrets.flatMap(secretVariants))].sort((a, b) => b.length - a.length)
  return (text) => {
    let out = text
    for (const variant of variants) out = out.split(variant).join(MASK)
    return out
  }
}

/** Bidi controls and zero-width characters: they reorder or hide what a reader sees. */
export const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g

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
    // Bidi controls and zero-width characters: they make text read other than it is
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim()
  // Redacted again before the cut: stripping can join a secret's pieces, and the cut could then
  // leave its start where no redactor would recognise it.
  const oneLine = redact(stripped)
  return oneLine.length > limit ? `${oneLine.slice(0, limit - 1).replace(/[\ud800-\udbff]$/, '')}…` : oneLine
}
