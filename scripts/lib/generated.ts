import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ActionInterface } from './action-yml.ts'
import { renderBenchFigures } from './bench-table.ts'
import { applyBlocks, applyFacts, BlockError, blockNames, endMarker, startMarker } from './blocks.ts'
import { docFiles } from './doc-files.ts'
import { excerpt } from './excerpt.ts'
import { FACTS } from './facts.ts'
import { renderHealthRules, renderInputs, renderOutputs, renderVerdicts } from './tables.ts'
import { renderTroubleshooting } from './troubleshooting.ts'

// What `npm run docs` writes: the generated blocks and fact spans of every Markdown file that a
// reader of this repository opens. Each block computed from the code lives in exactly one file,
// so a fact is stated once and a moved or deleted marker is an error, not a silently stale page.

/** Blocks that quote a repository file: `file:examples/x.yml`, or one step or job of it, `file:examples/x.yml#id`. */
export const FILE_BLOCK = 'file:'

function computedBlocks(action: ActionInterface, root: string): Map<string, string> {
  return new Map([
    ['inputs', renderInputs(action)],
    ['outputs', renderOutputs(action)],
    ['verdicts', renderVerdicts()],
    ['health-rules', renderHealthRules()],
    ['troubleshooting', renderTroubleshooting('en')],
    ['troubleshooting-pt-BR', renderTroubleshooting('pt-BR')],
    ['bench', renderBenchFigures(root)],
  ])
}

function quotedFile(name: string, root: string): string {
  const [path = '', part] = name.slice(FILE_BLOCK.length).split('#')
  const text = readFileSync(join(root, path), 'utf8').replace(/\n+$/, '')
  const language = /\.ya?ml$/.test(path) ? 'yaml' : ''
  return `\`\`\`${language}\n${part === undefined ? text : excerpt(text, part)}\n\`\`\``
}

export interface DocUpdate {
  readonly file: string
  readonly text: string
  /** Names of the blocks and facts whose content changed. */
  readonly changed: readonly string[]
}

const holds = (text: string, name: string): boolean => text.includes(startMarker(name)) || text.includes(endMarker(name))

/** Every doc file as `npm run docs` would write it, with what changed; `texts` are the files as they are now. */
export function updateDocs(texts: ReadonlyMap<string, string>, action: ActionInterface, root: string): DocUpdate[] {
  const computed = computedBlocks(action, root)
  for (const name of computed.keys()) {
    const holders = [...texts].filter(([, text]) => holds(text, name)).map(([file]) => file)
    if (holders.length !== 1) {
      const where = holders.length === 0 ? 'none has it' : `found in ${holders.join(', ')}`
      throw new BlockError(`'${startMarker(name)}' must be in exactly one of ${[...texts.keys()].join(', ')} (${where})`)
    }
  }
  return [...texts].map(([file, text]) => {
    try {
      const bodies = new Map([...computed].filter(([name]) => holds(text, name)))
      for (const name of blockNames(text, FILE_BLOCK)) bodies.set(name, quotedFile(name, root))
      const blocks = applyBlocks(text, bodies)
      const facts = applyFacts(blocks.text, FACTS)
      return { file, text: facts.text, changed: [...blocks.changed, ...facts.changed] }
    } catch (error) {
      throw new BlockError(`${file}: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
}

export const readDocs = (root: string): Map<string, string> =>
  new Map(docFiles(root).map((file) => [file, readFileSync(join(root, file), 'utf8')]))
