// The one place that hides secrets. Kondado puts the token in every URL, so any text that
// may have met a URL or a server answer passes through a redactor before anyone sees it.
// Every encoding a secret can take on the way (URL, form, base64, JSON) is hidden too.

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
