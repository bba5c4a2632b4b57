import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse } from 'yaml'
import type { ActionInterface } from './action-yml.ts'
import { actionlint } from './actionlint.ts'
import { ACTION_REPOSITORY, checkContract, type Finding } from './contract.ts'
import { docFiles } from './doc-files.ts'

export interface Target {
  /** Shown in findings: relative to the repository root. */
  readonly file: string
  readonly text: string
  /** Run actionlint too: true for whole workflows, false for fragments in the docs. */
  readonly lint: boolean
  /** An example that never uses this action is a broken example (a typo in `uses:`, usually). */
  readonly mustUseAction: boolean
}

const WORKFLOW_FILE = /\.ya?ml$/

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => WORKFLOW_FILE.test(name))
    .sort()
    .map((name) => join(dir, name))
}

/** The fenced YAML blocks of a Markdown file, with the line each starts on. */
export function yamlBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i] ?? '')) continue
    const start = i + 1
    let end = start
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end++
    blocks.push({ line: start + 1, text: lines.slice(start, end).join('\n') })
    i = end
  }
  return blocks
}

const isWorkflow = (text: string): boolean => {
  try {
    const doc: unknown = parse(text)
    return typeof doc === 'object' && doc !== null && 'jobs' in doc
  } catch {
    return false
  }
}

/** examples/*.yml, .github/workflows/*.yml, and the YAML snippets in README.md, SECURITY.md and docs/*.md. */
export function defaultTargets(root: string): Target[] {
  const read = (path: string): string => readFileSync(path, 'utf8')
  const targets: Target[] = [
    ...yamlFiles(join(root, 'examples')).map((path) => ({ file: relative(root, path), text: read(path), lint: true, mustUseAction: true })),
    ...yamlFiles(join(root, '.github', 'workflows')).map((path) => ({
      file: relative(root, path),
      text: read(path),
      lint: true,
      mustUseAction: false,
    })),
  ]
  for (const doc of docFiles(root)) {
    for (const block of yamlBlocks(read(join(root, doc)))) {
      // Blank lines keep the snippet's line numbers those of the Markdown file.
      const text = '\n'.repeat(block.line - 1) + block.text
      targets.push({ file: doc, text, lint: isWorkflow(block.text), mustUseAction: false })
    }
  }
  return targets
}

export function targetsFromPaths(root: string, paths: readonly string[]): Target[] {
  const shown = (path: string): string => (relative(root, path).startsWith('..') ? path : relative(root, path))
  return paths.map((path) => ({ file: shown(path), text: readFileSync(path, 'utf8'), lint: true, mustUseAction: true }))
}

export async function checkTargets(targets: readonly Target[], action: ActionInterface): Promise<Finding[]> {
  const findings: Finding[] = []
  for (const target of targets) {
    const contract = checkContract(target.file, target.text, action)
    findings.push(...contract.findings)
    if (target.mustUseAction && contract.steps === 0) {
      findings.push({ file: target.file, line: 1, message: `no step uses this action ('${ACTION_REPOSITORY}@<ref>')` })
    }
    if (target.lint) findings.push(...(await actionlint(target.file, target.text)))
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
}
