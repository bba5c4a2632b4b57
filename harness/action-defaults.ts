import { ACTION_YML, inputDefaults, loadActionYml } from '../scripts/lib/action-yml.ts'

/**
 * The defaults the runner fills in for inputs a workflow leaves out, read from action.yml itself:
 * what a run of the bundled action (run-action.ts) and the bench's in-process step both start from,
 * so neither drifts from the action's real defaults.
 */
export const actionDefaults = (): Record<string, string> => inputDefaults(loadActionYml(ACTION_YML))
