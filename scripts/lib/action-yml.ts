import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse } from 'yaml'

/** The action's interface as the docs and the example check need it, in action.yml's order. */
export interface ActionInput {
  readonly name: string
  readonly description: string
  readonly required: boolean
  /** `undefined` when action.yml gives no default at all (not even an empty one). */
  readonly default: string | undefined
}

export interface ActionOutput {
  readonly name: string
  readonly description: string
}

export interface ActionInterface {
  readonly inputs: readonly ActionInput[]
  readonly outputs: readonly ActionOutput[]
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Parses action.yml text; a malformed file fails loudly rather than yielding an empty table. */
export function parseActionYml(text: string): ActionInterface {
  const doc: unknown = parse(text)
  if (!isRecord(doc) || !isRecord(doc.inputs) || !isRecord(doc.outputs))
    throw new Error('action.yml: expected `inputs` and `outputs` mappings')
  const description = (where: string, spec: Record<string, unknown>): string => {
    if (typeof spec.description !== 'string' || spec.description.trim() === '') throw new Error(`action.yml: ${where} has no description`)
    return spec.description.trim()
  }
  const inputs = Object.entries(doc.inputs).map(([name, spec]): ActionInput => {
    if (!isRecord(spec)) throw new Error(`action.yml: input '${name}' is not a mapping`)
    const fallback = spec.default
    return {
      name,
      description: description(`input '${name}'`, spec),
      required: spec.required === true || spec.required === 'true',
      default: fallback === undefined || fallback === null ? undefined : typeof fallback === 'string' ? fallback : JSON.stringify(fallback),
    }
  })
  const outputs = Object.entries(doc.outputs).map(([name, spec]): ActionOutput => {
    if (!isRecord(spec)) throw new Error(`action.yml: output '${name}' is not a mapping`)
    return { name, description: description(`output '${name}'`, spec) }
  })
  return { inputs, outputs }
}

export const loadActionYml = (path: string): ActionInterface => parseActionYml(readFileSync(path, 'utf8'))

/** The repository's own action.yml. */
export const ACTION_YML = resolve(import.meta.dirname, '..', '..', 'action.yml')

/** What each input holds when a workflow leaves it out, as the runner fills it in: '' where action.yml gives no default. */
export const inputDefaults = (action: ActionInterface): Record<string, string> =>
  Object.fromEntries(action.inputs.map((input) => [input.name, input.default ?? '']))
