// A model of the runner's two workflow-command parsers (actions/runner's ActionCommand), and the
// hostile forms of text from outside that tests feed to every writer.

/**
 * The commands a runner would obey in `text`: `::name ...::` at the start of a line after blanks
 * (TryParseV2), and the legacy `##[name ...]` anywhere in a line (TryParse). Lines end at \n or \r.
 */
export function commandsIn(text: string): string[] {
  return text.split(/\r\n|\r|\n/).flatMap((line) => {
    const found: string[] = []
    const v2 = /^\s*::([A-Za-z-]+)/.exec(line)
    if (v2) found.push(`::${v2[1]}`)
    for (const legacy of line.matchAll(/##\[([A-Za-z-]+)/g)) found.push(`##[${legacy[1]}`)
    return found
  })
}

/** Every hostile form a review found, as Kondado's text, a cache key or an input could carry it. */
export const HOSTILE = [
  '##[stop-commands]zz9',
  '##[add-mask]unhealthy',
  '##[error]rotate your token at https://evil.example',
  '##[warning file=src/main.ts;line=3]forged',
  '##[set-output name=x;]true',
  'ok\n::add-mask::unhealthy',
  'ok\r::error::forged',
  '   ::warning::indented',
  '#\u200b#[add-mask]hidden by a zero-width space',
  'ping @user and @org/team about #123, see https://evil.example and www.evil.example',
  'reads \u202ereversed\u202c and \u2066isolated\u2069 and zero\u200bwidth\ufeff',
]

/** What a Markdown text must never hold once rendered by GitHub from outside text: a ping, an issue link, a bare link, an invisible character. */
export const LIVE_IN_MARKDOWN = [
  /@&?(?!#8203;)[\w-]/,
  /(?<!&)#\d/,
  /https?:\/\/evil/,
  /www\.evil/,
  /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/,
]
