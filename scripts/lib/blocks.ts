/**
 * Generated blocks in a Markdown file: everything between `<!-- NAME:start -->` and
 * `<!-- NAME:end -->` belongs to a generator and is rewritten whole; the rest is prose.
 */
export const startMarker = (name: string): string => `<!-- ${name}:start -->`
export const endMarker = (name: string): string => `<!-- ${name}:end -->`

export class BlockError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BlockError'
  }
}

function count(text: string, marker: string): number {
  return text.split(marker).length - 1
}

function bounds(text: string, name: string): { from: number; to: number } {
  const start = startMarker(name)
  const end = endMarker(name)
  if (count(text, start) !== 1 || count(text, end) !== 1) {
    throw new BlockError(`expected exactly one '${start}' and one '${end}'`)
  }
  const from = text.indexOf(start) + start.length
  const to = text.indexOf(end)
  if (to < from) throw new BlockError(`'${end}' comes before '${start}'`)
  return { from, to }
}

/** What is between the markers now, without the framing newlines. */
export function readBlock(text: string, name: string): string {
  const { from, to } = bounds(text, name)
  return text.slice(from, to).replace(/^\n/, '').replace(/\n$/, '')
}

export function replaceBlock(text: string, name: string, body: string): string {
  const { from, to } = bounds(text, name)
  return `${text.slice(0, from)}\n${body.replace(/\n+$/, '')}\n${text.slice(to)}`
}

/** Names of every block whose start marker matches `prefix` (e.g. `file:` for embedded files). */
export function blockNames(text: string, prefix: string): string[] {
  const names: string[] = []
  const pattern = /<!-- (\S+):start -->/g
  for (const match of text.matchAll(pattern)) {
    const name = match[1] as string
    if (name.startsWith(prefix)) names.push(name)
  }
  return names
}

export interface BlockUpdate {
  readonly text: string
  /** Names of the blocks whose content changed. */
  readonly changed: readonly string[]
}

/** Rewrites every named block; says which ones were out of date. */
export function applyBlocks(text: string, bodies: ReadonlyMap<string, string>): BlockUpdate {
  let out = text
  const changed: string[] = []
  for (const [name, body] of bodies) {
    if (readBlock(out, name) !== body.replace(/\n+$/, '')) changed.push(name)
    out = replaceBlock(out, name, body)
  }
  return { text: out, changed }
}

/**
 * Inline generated text inside prose, `<!-- fact:NAME -->text<!-- /fact -->`, on one line: a
 * number or a list in a sentence, taken from `values` (scripts/lib/facts.ts). An unknown name is
 * an error, so a typo cannot leave a stale figure unchecked.
 */
const FACT = /<!-- fact:([a-z0-9-]+) -->(.*?)<!-- \/fact -->/g

export function applyFacts(text: string, values: Readonly<Record<string, string>>): BlockUpdate {
  const changed = new Set<string>()
  const out = text.replace(FACT, (_span, name: string, now: string) => {
    const value = values[name]
    if (value === undefined) throw new BlockError(`unknown fact '${name}'`)
    if (now !== value) changed.add(`fact:${name}`)
    return `<!-- fact:${name} -->${value}<!-- /fact -->`
  })
  return { text: out, changed: [...changed] }
}
