import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { parseInputs, type Inputs } from '../src/inputs.ts'

const ACTION_YML = new URL('../action.yml', import.meta.url)

/** The defaults a user gets, straight from action.yml, so the bench follows any change to them. */
export function actionDefaults(): Record<string, string> {
  const doc = parse(readFileSync(ACTION_YML, 'utf8')) as { inputs: Record<string, { default?: unknown }> }
  return Object.fromEntries(
    Object.entries(doc.inputs).map(([name, input]) => [
      name,
      input.default === undefined ? '' : String(input.default as string | number | boolean),
    ]),
  )
}

/** The inputs the action would parse from `with:` holding only `given`: the real parser, the real defaults. */
export function actionInputs(given: Readonly<Record<string, string>>): Inputs {
  const defaults = actionDefaults()
  return parseInputs((name) => given[name] ?? defaults[name] ?? '')
}
