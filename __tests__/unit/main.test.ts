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
    write: async () => {
      if (summaryFailure) throw summaryFailure
    },
  },
}))

/** What the runner's summary file does when written: undefined, it takes the text. */
let summaryFailure: Error | undefined

const { run } = await import('../../src/main.ts')
const { inert } = await import('../../src/report/markdown.ts')
const { ptBR } = await import('../../src/messages/pt-BR.ts')

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
    expect(calls.failed).toEqual(['1 de 1 recurso não passou: pipeline 2043 (com problema).'])
    expect(calls.summary).toContain('Kondado: health check')
  })
})

describe('what the step says when it cannot do its job', () => {
  test('bad inputs: the failure names every one, and the summary says the step did not start and lists them, in the language asked for', async () => {
    const { transport, clock, sent } = setUp({ 'pipeline-id': 'abc', timeout: 'soon', language: 'pt-BR', command: 'status' })
    process.env.GITHUB_STEP_SUMMARY = '/tmp/summary.md'
    try {
      await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    } finally {
      delete process.env.GITHUB_STEP_SUMMARY
    }
    expect(sent()).toBe(0)
    const [failure] = calls.failed
    expect(failure?.split('\n')).toHaveLength(2)
    expect(calls.summary).toContain('## Kondado: ')
    expect(calls.summary).toContain('❌ O step não começou: 2 inputs estão errados, e nada foi enviado à Kondado.')
    for (const line of failure?.split('\n') ?? []) expect(calls.summary).toContain(`- ${inert(line)}`)
  })

  test('bad inputs: the summary takes the language and command in any case, as the inputs are read', async () => {
    const { transport, clock } = setUp({ 'pipeline-id': 'abc', language: 'PT-br', command: 'Status' })
    process.env.GITHUB_STEP_SUMMARY = '/tmp/summary.md'
    try {
      await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    } finally {
      delete process.env.GITHUB_STEP_SUMMARY
    }
    expect(calls.summary).toContain('❌ O step não começou: um input está errado, e nada foi enviado à Kondado.')
    expect(calls.summary.split('\n')[0]).toBe(`## ${ptBR.summary.title('status')}`)
  })

  test('bad inputs on a runner with no summary file: the failure alone, no warning about the summary', async () => {
    const { transport, clock } = setUp({ 'pipeline-id': 'abc' })
    await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    expect(calls.failed).toHaveLength(1)
    expect(calls.summary).toBe('')
    expect(calls.warnings).toEqual([])
  })

  test("a summary that cannot be written says why, in the user's terms, and the verdict stands", async () => {
    const { model, transport, clock } = setUp({ 'pipeline-id': '2040' })
    model.addPipeline({ id: 2040, run: { queuedMs: 1_000, runningMs: 2_000 } })
    summaryFailure = Object.assign(new Error('Unable to access summary file'), { code: 'EACCES' })
    process.env.GITHUB_STEP_SUMMARY = '/runner/summary.md'
    try {
      await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    } finally {
      summaryFailure = undefined
      delete process.env.GITHUB_STEP_SUMMARY
    }
    expect(calls.failed).toEqual([])
    expect(calls.warnings).toEqual([
      'The job summary could not be written: the file /runner/summary.md could not be written (EACCES). The verdict and the outputs stand.',
    ])
  })

  test('no summary file at all: said so, by the variable the runner did not set', async () => {
    const { model, transport, clock } = setUp({ 'pipeline-id': '2040' })
    model.addPipeline({ id: 2040, run: { queuedMs: 1_000, runningMs: 2_000 } })
    summaryFailure = new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY')
    try {
      await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    } finally {
      summaryFailure = undefined
    }
    expect(calls.warnings).toEqual([
      'The job summary could not be written: this runner names no summary file (GITHUB_STEP_SUMMARY is not set). The verdict and the outputs stand.',
    ])
  })

  test('a refused key: one failure line for the step, one annotation, every other resource says it was not read', async () => {
    const { model, transport, clock, sent } = setUp({ 'pipeline-id': '2040 2041 2042', 'model-id': '162 163' })
    for (const id of [2040, 2041, 2042]) model.addPipeline({ id })
    model.addModel({ id: 162 })
    model.addModel({ id: 163 })
    calls.inputs.token = 'not the token'
    await run({ clock, random: seededRandom(1), transport: () => transport, runnerTemp: undefined })
    expect(sent()).toBe(1)
    expect(calls.failed).toHaveLength(1)
    expect(calls.failed[0]).toMatch(/^Kondado refused the key or token \(HTTP 401\): nothing was read\./)
    expect(calls.errors).toHaveLength(1)
    expect(calls.info.filter((line) => line.includes('was not read: Kondado had already refused the key or token'))).toHaveLength(4)
    expect(calls.summary).toContain('❌ Kondado refused the key or token, so nothing was read. First, check the key and token secrets.')
    expect(calls.summary.split('Kondado refused the key or token while reading')).toHaveLength(2)
  })
})
