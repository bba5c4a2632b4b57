import { ACTION_YML, inputDefaults, loadActionYml } from '../scripts/lib/action-yml.ts'
import { parseInputs, type Inputs } from '../src/inputs.ts'

/** The defaults a user gets, straight from action.yml, so the bench follows any change to them. */
export const actionDefaults = (): Record<string, string> => inputDefaults(loadActionYml(ACTION_YML))

/** The inputs the action would parse from `with:` holding only `given`: the real parser, the real defaults. */
export function actionInputs(given: Readonly<Record<string, string>>): Inputs {
  const defaults = actionDefaults()
  return parseInputs((name) => given[name] ?? defaults[name] ?? '')
}
