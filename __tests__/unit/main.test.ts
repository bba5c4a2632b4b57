import { beforeEach, describe, expect, jest, test } from '@jest/globals'
import { seededRandom, VirtualClock } from '../../harness/virtual-clock.ts'
import type { Transport } from '../../src/core/http.ts'
import { KondadoModel } from '../../simulator/index.ts'
import { modelTransport } from '../../simulator/transport.ts'

// The GitHub adapter with @actions/core replaced: the whole action runs in virtual time, with
// the simulator's model behind the transport, and every call to the runner is recorded.
const calls = {
  inputs: {} as Record<string, string>,
  secrets: [] as string[],
  outputs: {} as Record<string, string>,
  summary: '',
  failed: [] as string[],
  errors: [] as string[],
  warnings: [] as string[],
  info: [] as string[],
  debug: [] as string[],
}

jest.unstable_mockModule('@actions/core', () => ({
  getInput: (name: string) => calls.inputs[name] ?? '',
  setSecret: (secret: string) => calls.secrets.push(secret),
  setOutput: (name: string, value: string) => (calls.outputs[name] = value),
  setFailed: (message: string) => calls.failed.push(message),
  error: (message: string) => calls.errors.push(message),
  warning: (message: string) => calls.warnings.push(message),
  info: (message: string) => calls.info.push(message),
  debug: (message: string) => calls.debug.push(message),
  startGroup: (title: string) => calls.info.push(`group: ${title}`),
  endGroup: () => undefined,
  summary: {
    addRaw(text: string) {
      calls.summary += text
      return this
    },
    write: async () => undefined,
  },
}))

const { run } = await import('../../src/main.ts')

const KEY = 'main-key'
const TOKEN = 'main tök+en'

function setUp(inputs: Record<string, string>): { model: KondadoModel; transport: Transport; clock: VirtualClock; sent: () => number } {
  Object.assign(calls, {
    inputs: { key: KEY, token: TOKEN, ...inputs },
    secrets: [],
    outputs: {},
    summary: '',
    failed: [],
    errors: [],
    warnings: [],
    info: [],
    debug: [],
  })
  const clock = new VirtualClock(1_000_000)
  const model = new KondadoModel({ key: KEY, token: TOKEN, clock })
  let count = 0
  const transport = modelTransport(model, { beforeRequest: () => count++ })
  return { model, transport, clock, sent: () => count }
}

beforeEach(() => {
  calls.failed = []
})

describe('run(): the adapter around the core', () => {
  test('a healthy run: secrets masked first, outputs and summary written, the step passes', async () => {
    const { model, transport, clock } = setUp({ 'pipeline-id': '2040', 'base-url': 'https://k2.kondado.com.br' })
    model.addPipeline({ id: 2040, run: { queuedMs: 1_000, runningMs: 20_000 } })
    await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    expect(calls.secrets).toEqual(expect.arrayContaining([KEY, TOKEN, encodeURIComponent(TOKEN)]))
    expect(calls.failed).toEqual([])
    expect(calls.outputs).toMatchObject({ status: 'active', healthy: 'true', 'is-running': 'false', 'raw-msg': '' })
    expect(JSON.parse(calls.outputs.result ?? '[]')).toEqual([expect.objectContaining({ kind: 'pipeline', id: 2040, verdict: 'healthy' })])
    expect(calls.summary).toContain('[pipeline 2040](https://app.kondado.com.br/pipelines/2040)')
    expect(model.runCount(2040)).toBe(1)
  })

  test('the GitHub token is masked as well, once a feature uses it', async () => {
    const { model, transport, clock } = setUp({
      command: 'status',
      'pipeline-id': '2043',
      'pr-comment': 'true',
      'github-token': 'ghs_main',
    })
    model.addPipeline({ id: 2043, status: 'active' })
    // A push, not a pull request: the comment is left out, so nothing is sent to GitHub.
    Object.assign(process.env, { GITHUB_REPOSITORY: 'acme/warehouse', GITHUB_EVENT_NAME: 'push' })
    try {
      await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    } finally {
      delete process.env.GITHUB_REPOSITORY
      delete process.env.GITHUB_EVENT_NAME
    }
    expect(calls.secrets).toContain('ghs_main')
    expect(calls.failed).toEqual([])
  })

  test('a debug line per request, with its path and never its query (the key and the token); no end groups', async () => {
    const { model, transport, clock } = setUp({ 'pipeline-id': '2040' })
    model.addPipeline({ id: 2040, run: { queuedMs: 1_000, runningMs: 20_000 } })
    await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    expect(calls.debug.filter((line) => line.startsWith('[')).slice(0, 2)).toEqual([
      '[     0s] GET /pipelines/2040/status: HTTP 200 in 0 ms, after 0 ms waiting for its turn',
      '[     1s] POST /pipelines/2040/run: HTTP 200 in 0 ms, after 1100 ms waiting for its turn',
    ])
    expect(calls.debug.join('\n')).not.toMatch(/\?|key|main/)
    expect(calls.info.filter((line) => line.startsWith('group: '))).toEqual([])
  })

  test('a runner without the Actions cache service: the run history is a debug line each way, never a warning', async () => {
    const { model, transport, clock } = setUp({ 'pipeline-id': '2040' })
    model.addPipeline({ id: 2040, run: { queuedMs: 1_000, runningMs: 20_000 } })
    await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    expect(calls.debug.filter((line) => line.startsWith('Run history'))).toEqual([
      'Run history: the Actions cache could not be read (no cache service on this runner); reading on the usual schedule.',
      'Run history: not saved to the Actions cache (no cache service on this runner); the next run reads on what it had.',
    ])
    expect(calls.warnings).toEqual([])
  })

  test('a bad input fails the step with one line naming it, before any request', async () => {
    const { transport, clock, sent } = setUp({ 'pipeline-id': '../x' })
    await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    expect(calls.failed).toEqual(["Input 'pipeline-id': '../x' is not an id (ids are positive whole numbers, e.g. 2040)."])
    expect(sent()).toBe(0)
    expect(calls.outputs).toEqual({})
  })

  test('fail-on-error: false reports an unhealthy run as warnings and passes', async () => {
    const { model, transport, clock } = setUp({ 'pipeline-id': '2041', 'fail-on-error': 'false' })
    model.addPipeline({
      id: 2041,
      run: { queuedMs: 1_000, runningMs: 5_000, outcome: { status: 'active', raw_msg: 'Source unreachable' } },
    })
    await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    expect(calls.failed).toEqual([])
    expect(calls.errors).toEqual([])
    expect(calls.warnings.join('\n')).toContain('Source unreachable')
    expect(calls.warnings.join('\n')).toContain('fail-on-error is false')
    expect(calls.outputs.healthy).toBe('false')
  })

  test('an unexpected error never shows its message: it could quote the URL, which carries the token', async () => {
    const { clock } = setUp({ 'pipeline-id': '2040' })
    const transport: Transport = async (req) => {
      throw new TypeError(`cannot read ${req.url.href}`)
    }
    await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    const everything = [...calls.failed, ...calls.errors, ...calls.warnings, ...calls.info, calls.summary].join('\n')
    expect(everything).not.toContain('main-key')
    expect(everything).not.toContain(encodeURIComponent(TOKEN))
    expect(calls.failed).toHaveLength(1)
    expect(calls.outputs.healthy).toBe('false')
  })

  test('pt-BR: the failure is in Portuguese', async () => {
    const { model, transport, clock } = setUp({ command: 'status', 'pipeline-id': '2043', language: 'pt-BR' })
    model.addPipeline({ id: 2043, status: 'not_active' })
    await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    expect(calls.failed).toEqual(['1 de 1 recurso não está saudável.'])
    expect(calls.summary).toContain('Kondado: verificação de saúde')
  })
})
