import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml'

// A piece of an example workflow quoted in the docs as it is in the file, comments included: one
// job by its name, or one step by its `id`. Quoting the checked file rather than a copy keeps
// what a reader pastes equal to what passed actionlint.

function findNode(root: unknown, name: string): Node | undefined {
  if (!isMap(root)) return undefined
  const jobs = root.get('jobs', true)
  if (!isMap(jobs)) return undefined
  // A step id first: a job is often named like its one step of this action.
  for (const pair of jobs.items) {
    const steps = isMap(pair.value) ? pair.value.get('steps', true) : undefined
    const step = isSeq(steps) ? steps.items.find((item) => isMap(item) && item.get('id') === name) : undefined
    if (step !== undefined) return step as Node
  }
  return jobs.items.find((pair) => isScalar(pair.key) && pair.key.value === name)?.key as Node | undefined
}

/** The lines of the step whose id is `name`, else of the job named `name`, dedented; an error if there is neither. */
export function excerpt(yamlText: string, name: string): string {
  const lineCounter = new LineCounter()
  const doc = parseDocument(yamlText, { lineCounter })
  const node = findNode(doc.contents, name)
  if (node?.range == null) throw new Error(`no job or step id '${name}'`)
  // A job starts at its key and ends with its value; a step is one list item.
  const end = isScalar(node) ? (doc.getIn(['jobs', name], true) as Node).range?.[2] : node.range[2]
  const lines = yamlText.split('\n')
  const first = lineCounter.linePos(node.range[0]).line - 1
  // The end offset is just past the node: often the start of the next line.
  const last = lineCounter.linePos((end ?? node.range[2]) - 1).line - 1
  const taken = lines.slice(first, last + 1)
  // What follows the node up to the next one (blank lines, a comment about the next step) is not its.
  while (taken.length > 0 && /^\s*(#.*)?$/.test(taken.at(-1) ?? '')) taken.pop()
  const indent = /^\s*/.exec(taken[0] ?? '')?.[0].length ?? 0
  return taken.map((line) => line.slice(Math.min(indent, /^\s*/.exec(line)?.[0].length ?? 0))).join('\n')
}
