import { actionDefaults } from '../harness/action-defaults.ts'
import { type Inputs, parseInputs } from '../src/inputs/inputs.ts'

/** The inputs the action would parse from `with:` holding only `given`: the real parser, the real defaults. */
export function actionInputs(given: Readonly<Record<string, string>>): Inputs {
  const defaults = actionDefaults()
  return parseInputs((name) => given[name] ?? defaults[name] ?? '')
}
