import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ActionInterface } from './action-yml.ts'
import { applyBlocks, applyFacts, blockNames, type BlockUpdate } from './blocks.ts'
import { FACTS } from './facts.ts'
import { renderBenchFigures } from './bench-table.ts'
import { renderHealthRules, renderInputs, renderOutputs, renderVerdicts } from './tables.ts'
import { renderTroubleshooting } from './troubleshooting.ts'

/** Prefix of the blocks that embed a repository file, e.g. `<!-- file:examples/quick-start.yml:start -->`. */
export const FILE_BLOCK = 'file:'

/** What the README says for each generated block, derived from the sources that own the facts. */
export function readmeBlocks(readme: string, action: ActionInterface, root: string): Map<string, string> {
  const bodies = new Map<string, string>([
    ['inputs', renderInputs(action)],
    ['outputs', renderOutputs(action)],
    ['verdicts', renderVerdicts()],
    ['health-rules', renderHealthRules()],
    ['troubleshooting', renderTroubleshooting()],
    ['bench', renderBenchFigures(root)],
  ])
  // Workflows in the README are the checked example files themselves, so what a reader copies has passed CI.
  for (const name of blockNames(readme, FILE_BLOCK)) {
    const path = name.slice(FILE_BLOCK.length)
    const language = path.endsWith('.yml') || path.endsWith('.yaml') ? 'yaml' : ''
    bodies.set(name, `\`\`\`${language}\n${readFileSync(join(root, path), 'utf8').replace(/\n+$/, '')}\n\`\`\``)
  }
  return bodies
}

export function updateReadme(readme: string, action: ActionInterface, root: string): BlockUpdate {
  const blocks = applyBlocks(readme, readmeBlocks(readme, action, root))
  const facts = applyFacts(blocks.text, FACTS)
  return { text: facts.text, changed: [...blocks.changed, ...facts.changed] }
}
