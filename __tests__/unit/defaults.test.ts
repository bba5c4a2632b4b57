import { describe, test, expect } from '@jest/globals'
import { ACTION_YML, inputDefaults, loadActionYml } from '../../scripts/lib/action-yml.ts'
import { FALLBACKS, parseInputs } from '../../src/inputs.ts'

const action = loadActionYml(ACTION_YML)
const defaults = inputDefaults(action)
const fallback = (name: string): string => (Object.hasOwn(FALLBACKS, name) ? String(FALLBACKS[name as keyof typeof FALLBACKS]) : '')

describe("action.yml's defaults and the parser's fallbacks", () => {
  test('are one set: every input has the same default in both, or none in both', () => {
    expect(Object.keys(defaults)).toHaveLength(23)
    expect(Object.fromEntries(action.inputs.map((input) => [input.name, fallback(input.name)]))).toEqual(defaults)
    for (const name of Object.keys(FALLBACKS)) expect(Object.keys(defaults)).toContain(name)
  })

  // The runner fills in action.yml's defaults, a local run or a test reads '' for what it left
  // out: either way the step must get the same settings.
  test.each([
    ['run', { 'pipeline-id': '2040' }],
    ['duplicate', { 'pipeline-id': '2040', 'src-collection-id': '1', 'dest-collection-id': '2', 'full-tables': '{"": "t"}' }],
    ['wait', { 'model-id': '162' }],
  ])('parse alike, filled in or left empty, for %s', (command, given: Record<string, string>) => {
    const inputs: Record<string, string> = { key: 'k', token: 't', command, ...given }
    const filled = parseInputs((name) => inputs[name] ?? defaults[name] ?? '')
    const empty = parseInputs((name) => inputs[name] ?? '')
    expect(empty).toEqual(filled)
    expect(filled.step.timeoutMs).toBe(3_600_000)
  })
})
