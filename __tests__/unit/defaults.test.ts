import { describe, test, expect } from '@jest/globals'
import { ACTION_YML, inputDefaults, loadActionYml } from '../../scripts/lib/action-yml.ts'
import { DURATION_RANGE_MS, FALLBACKS, parseInputs, POLL_INTERVAL_RANGE_S } from '../../src/inputs/inputs.ts'
import { INPUT_COMMANDS } from '../../src/inputs/commands.ts'
import { longTime } from '../../scripts/lib/facts.ts'

const action = loadActionYml(ACTION_YML)
const defaults = inputDefaults(action)
const fallback = (name: string): string => (Object.hasOwn(FALLBACKS, name) ? String(FALLBACKS[name as keyof typeof FALLBACKS]) : '')
/**
 * An expression the runner evaluates has no fallback: `github-token` is the job's token on a
 * runner, and left empty (a local run) there is no token, which only the GitHub features need.
 */
const EXPRESSION_DEFAULTS = { 'github-token': '${{ github.token }}' }

describe("action.yml's defaults and the parser's fallbacks", () => {
  test('are one set: every input has the same default in both, or none in both', () => {
    expect(Object.keys(defaults)).toHaveLength(32)
    expect({ ...Object.fromEntries(action.inputs.map((input) => [input.name, fallback(input.name)])), ...EXPRESSION_DEFAULTS }).toEqual(
      defaults,
    )
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

describe("action.yml's descriptions and the table of which inputs each command reads", () => {
  const described = Object.fromEntries(action.inputs.map((input) => [input.name, input.description]))
  const forCommands = (commands: readonly string[]): string => {
    const named = commands.map((c) => `\`${c}\``)
    return `For ${named.length < 3 ? named.join(' and ') : `${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}`}, `
  }

  test('an input some commands read starts "For `run` and `duplicate`, ..." with exactly those commands', () => {
    expect(Object.keys(INPUT_COMMANDS).filter((name) => !described[name]?.startsWith(forCommands(INPUT_COMMANDS[name] ?? [])))).toEqual([])
  })

  test('an input every command reads names no command that way', () => {
    const common = action.inputs.filter((input) => !Object.hasOwn(INPUT_COMMANDS, input.name))
    expect(common.filter((input) => input.description.startsWith('For `')).map((input) => input.name)).toEqual([])
    expect(common.map((input) => input.name)).toEqual([
      'command',
      'key',
      'token',
      'pipeline-id',
      'timeout',
      'poll-interval',
      'max-poll-interval',
      'requests-per-minute',
      'fail-on-error',
      'language',
      'base-url',
      'github-token',
      'github-token-login',
      'pr-comment',
    ])
  })

  test('the durations give the range the parser checks', () => {
    for (const name of ['timeout', 'start-timeout', 'model-start-timeout'])
      expect(described[name]).toContain(`from ${longTime(DURATION_RANGE_MS.min)} to ${longTime(DURATION_RANGE_MS.max)}.`)
  })

  test('the poll intervals give the range the parser checks', () => {
    for (const name of ['poll-interval', 'max-poll-interval'])
      expect(described[name]).toContain(`from ${POLL_INTERVAL_RANGE_S.min} to ${POLL_INTERVAL_RANGE_S.max}.`)
  })
})
