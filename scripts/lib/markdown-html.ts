// The little Markdown a job summary uses (headings, tables, lists, quotes, paragraphs, code spans,
// links, bold and italics) as HTML, for the pictures of docs/pictures/. No Markdown renderer is
// installed, and a picture only needs what the summary writes.

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Inline Markdown: code spans are taken out first, so nothing inside them is read as Markdown. */
export function inline(text: string): string {
  const codes: string[] = []
  const withoutCode = text.replace(/`([^`]+)`/g, (_all, code: string) => `\u0000${codes.push(code) - 1}\u0000`)
  return escapeHtml(withoutCode.replace(/\\([\\`*_[\]|#>-])/g, '$1'))
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>')
    .replace(/\u0000(\d+)\u0000/g, (_all, i: string) => `<code>${escapeHtml(codes[Number(i)] ?? '')}</code>`)
}

/** A table row's cells; `\|` is a pipe inside a cell, code spans included, as GitHub reads it. */
const cells = (row: string): string[] =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'))

function table(rows: readonly string[]): string {
  const [head = '', , ...body] = rows
  const tr = (row: string, tag: string): string =>
    `<tr>${cells(row)
      .map((cell) => `<${tag}>${inline(cell)}</${tag}>`)
      .join('')}</tr>`
  return `<table><thead>${tr(head, 'th')}</thead><tbody>${body.map((row) => tr(row, 'td')).join('')}</tbody></table>`
}

/** Markdown blocks (separated by blank lines, or by a change of kind) as HTML. */
export function markdownToHtml(markdown: string): string {
  const out: string[] = []
  const lines = markdown.replace(/\r\n/g, '\n').split('\n')
  for (let i = 0; i < lines.length;) {
    const line = lines[i] ?? ''
    const run = (test: (l: string) => boolean): string[] => {
      const taken: string[] = []
      while (i < lines.length && test(lines[i] ?? '')) taken.push(lines[i++] ?? '')
      return taken
    }
    const heading = /^(#{1,6}) (.*)$/.exec(line)
    if (line.trim() === '') i++
    else if (heading) {
      out.push(`<h${heading[1]?.length}>${inline(heading[2] ?? '')}</h${heading[1]?.length}>`)
      i++
    } else if (line.startsWith('|')) out.push(table(run((l) => l.startsWith('|'))))
    else if (line.startsWith('>'))
      out.push(
        `<blockquote>${markdownToHtml(
          run((l) => l.startsWith('>'))
            .map((l) => l.replace(/^> ?/, ''))
            .join('\n'),
        )}</blockquote>`,
      )
    else if (/^[-*] /.test(line))
      out.push(
        `<ul>${run((l) => /^[-*] /.test(l))
          .map((l) => `<li>${inline(l.slice(2))}</li>`)
          .join('')}</ul>`,
      )
    else out.push(`<p>${inline(run((l) => l.trim() !== '' && !/^(#{1,6} |\||>|[-*] )/.test(l)).join(' '))}</p>`)
  }
  return out.join('\n')
}
