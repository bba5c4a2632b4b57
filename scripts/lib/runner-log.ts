// What the Actions page shows for a step's raw stdout: the runner reads workflow commands out of
// it rather than printing them. Masks hide their values as ***, a group is a collapsible header
// (▶ title) over its lines, an annotation is an "Error: …" line, and debug lines, outputs and
// state stay hidden, as they are on GitHub unless debug logging is on.

const ANNOTATIONS: Readonly<Record<string, string>> = { error: 'Error', warning: 'Warning', notice: 'Notice' }
const HIDDEN = new Set(['debug', 'set-output', 'save-state', 'add-path', 'echo'])
const COMMAND = /^::([a-z-]+)(?: [^:]*)?::(.*)$/

/** A command's message, as the runner decodes it. */
const unescapeData = (text: string): string => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')

export interface Style {
  readonly header: (text: string) => string
  readonly error: (text: string) => string
}

export const PLAIN: Style = { header: (text) => text, error: (text) => text }
export const ANSI: Style = { header: (text) => `\x1b[1m${text}\x1b[0m`, error: (text) => `\x1b[31m${text}\x1b[0m` }

/** Feed it stdout line by line; each call returns what the page shows for that line (nothing for a command it hides). */
export class RunnerLog {
  readonly #masks: string[] = []
  readonly #style: Style
  #inGroup = false

  constructor(style: Style = PLAIN) {
    this.#style = style
  }

  line(raw: string): string[] {
    const command = COMMAND.exec(raw)
    if (command === null) return [this.#indent(this.#mask(raw))]
    const [, name = '', data = ''] = command
    const message = this.#mask(unescapeData(data))
    if (name === 'add-mask') {
      // Longest first, so a value that contains another is hidden whole.
      this.#masks.push(unescapeData(data))
      this.#masks.sort((a, b) => b.length - a.length)
      return []
    }
    if (name === 'group') {
      this.#inGroup = true
      return [this.#style.header(`▶ ${message}`)]
    }
    if (name === 'endgroup') {
      this.#inGroup = false
      return []
    }
    const annotation = ANNOTATIONS[name]
    if (annotation !== undefined) return message.split('\n').map((part) => this.#indent(this.#style.error(`${annotation}: ${part}`)))
    return HIDDEN.has(name) ? [] : [this.#indent(this.#mask(raw))]
  }

  #mask(text: string): string {
    return this.#masks.reduce((out, secret) => (secret === '' ? out : out.split(secret).join('***')), text)
  }

  #indent(text: string): string {
    return this.#inGroup ? `  ${text}` : text
  }
}

/** A whole captured stdout, rendered. */
export function renderRunnerLog(stdout: string, style: Style = PLAIN): string[] {
  const log = new RunnerLog(style)
  return stdout
    .replace(/\n$/, '')
    .split('\n')
    .flatMap((line) => log.line(line))
}
