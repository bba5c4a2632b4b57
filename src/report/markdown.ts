import { noPings, visible } from './neutralize.ts'

// GitHub Markdown, written one way for the job summary and for every generated document
// (README parts, BENCHMARKS.md, RELIABILITY.md). A table cell has one rule, `cell`; text that
// did not come from this project (Kondado's answers, the user's inputs) is made inert first.

/**
 * Markdown fit for one table cell: one line (a line break, CR alone included, ends the row, so
 * it and the indentation after it become a space) and `\|` for every pipe, which GitHub needs
 * even inside code spans.
 */
export function cell(markdown: string): string {
  return markdown.replace(/[\r\n]\s*/g, ' ').replace(/\|/g, '\\|')
}

/**
 * Text from Kondado or the user, made inert: no markup, links, HTML, mentions or issue links, and
 * nothing invisible (neutralize.ts); fit for a table cell and for a paragraph.
 */
export function inert(text: string): string {
  return cell(
    noPings(
      visible(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]#~!]/g, (c) => `\\${c}`),
    ),
  )
}

/** A code span that shows any text as it is, backticks included: its fence is longer than any run of them inside. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

/** A code span in a table cell, showing a status or a table path exactly as received. */
export const codeCell = (text: string): string => cell(codeSpan(text))

/** One row of cells already made fit with `cell` or `inert`. */
export const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`

/** A table; `align` gives each column's delimiter (`---`, or `---:` for figures), `---` by default. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly string[]): string {
  return [row(headers), row(align ?? headers.map(() => '---')), ...rows.map(row)].join('\n')
}
