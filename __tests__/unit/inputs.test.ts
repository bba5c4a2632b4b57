import { describe, test, expect } from '@jest/globals'
import { InputError, type Inputs, parseInputs } from '../../src/inputs/inputs.ts'
import { thrown } from './helpers.ts'

const BASE: Record<string, string> = { key: 'my-key', token: 'my-token', 'pipeline-id': '2040' }

/** A reader over a plain map; inputs the workflow left out read as '' (the runner fills action.yml defaults, tested elsewhere). */
const reader = (values: Record<string, string>) => (name: string) => values[name] ?? ''
const parse = (values: Record<string, string>): Inputs => parseInputs(reader({ ...BASE, ...values }))

function inputError(values: Record<string, string>): InputError {
  const error = thrown(() => parse(values))
  expect(error).toBeInstanceOf(InputError)
  return error as InputError
}

/** The error names the input, both as data and in its message. */
function expectError(values: Record<string, string>, input: string, fragment?: string | RegExp): InputError {
  const error = inputError(values)
  expect(error.input).toBe(input)
  expect(error.name).toBe('InputError')
  expect(error.message).toContain(`'${input}'`)
  if (fragment !== undefined) expect(error.message).toMatch(fragment)
  return error
}

const DUPLICATE = {
  command: 'duplicate',
  'src-collection-id': '877291',
  'dest-collection-id': '678910',
  'full-tables': '{"": "orders_prod", "statuses": "statuses_prod"}',
}

describe('defaults', () => {
  test('a minimal run', () => {
    const inputs = parse({})
    expect(inputs).toEqual({
      step: {
        command: 'run',
        pipelineIds: [2040],
        modelIds: [],
        wait: true,
        ifRunning: 'wait',
        timeoutMs: 3_600_000,
        polling: { minIntervalMs: 3_000, maxIntervalMs: 120_000, startTimeoutMs: 120_000 },
        waitFor: 'current',
        modelStartTimeoutMs: 600_000,
      },
      credentials: { key: 'my-key', token: 'my-token' },
      baseUrl: new URL('https://k2.kondado.com.br'),
      requestsPerMinute: 20,
      failOnError: true,
      language: 'en',
      runHistory: true,
      github: { token: '', login: '', prComment: false, used: false },
    })
  })

  test('ids in any separator, kept in order, once', () => {
    const inputs = parse({ command: 'wait', 'pipeline-id': '3, 1\n2,,3  1', 'model-id': '162 163' })
    expect(inputs.step.pipelineIds).toEqual([3, 1, 2])
    expect(inputs.step.modelIds).toEqual([162, 163])
  })

  test('values are trimmed and booleans accept yes/no in any case', () => {
    const inputs = parse({
      wait: ' FALSE ',
      'fail-on-error': 'No',
      timeout: ' 90m ',
      'poll-interval': '5',
      'max-poll-interval': '60',
      'requests-per-minute': '10',
    })
    expect(inputs.step.wait).toBe(false)
    expect(inputs.failOnError).toBe(false)
    expect(inputs.step.timeoutMs).toBe(5_400_000)
    expect(inputs.step.polling).toEqual({ minIntervalMs: 5_000, maxIntervalMs: 60_000, startTimeoutMs: 120_000 })
    expect(inputs.requestsPerMinute).toBe(10)
  })

  test('http base-url is allowed for loopback only', () => {
    for (const url of [
      'http://127.0.0.1:8080',
      'http://localhost:3000/',
      'http://[::1]:9000',
      'http://127.1.2.3',
      'http://127.100.200.1',
    ]) {
      expect(parse({ 'base-url': url }).baseUrl.href).toBe(new URL(url).href)
    }
    expect(parse({ 'base-url': 'https://proxy.example.com/kondado' }).baseUrl.href).toBe('https://proxy.example.com/kondado')
  })

  test('wait and status take pipelines and models together', () => {
    for (const command of ['wait', 'status']) {
      const inputs = parse({ command, 'pipeline-id': '2040', 'model-id': '162' })
      expect([inputs.step.pipelineIds, inputs.step.modelIds]).toEqual([[2040], [162]])
    }
  })

  test('poll-interval may equal max-poll-interval: a fixed interval', () => {
    expect(parse({ 'poll-interval': '30', 'max-poll-interval': '30' }).step.polling).toMatchObject({
      minIntervalMs: 30_000,
      maxIntervalMs: 30_000,
    })
  })

  test('poll-interval and the bounds of its range take decimals', () => {
    expect(parse({ 'poll-interval': '1', 'max-poll-interval': '3600' }).step.polling).toMatchObject({
      minIntervalMs: 1_000,
      maxIntervalMs: 3_600_000,
    })
    expect(parse({ 'poll-interval': '2.25' }).step.polling.minIntervalMs).toBe(2_250)
  })
})

describe('every bad input is named', () => {
  test.each([
    ['key', { key: '' }],
    ['key', { key: '   ' }],
    ['token', { token: '' }],
  ])('%s missing', (input, values) => {
    expectError(values, input, /required/)
  })

  test.each([['abc'], ['-1'], ['0'], ['1.5'], ['1e3'], ['../x'], ['2040/../../x'], ['%2e%2e'], ['9007199254740993'], ['0x10']])(
    'pipeline-id %j is not an id',
    (value) => {
      const error = expectError({ 'pipeline-id': `2040, ${value}` }, 'pipeline-id')
      expect(error.message).toContain(value)
    },
  )

  test('model-id with a bad id', () => {
    expectError({ command: 'status', 'model-id': '162,../x' }, 'model-id')
  })

  test.each([
    ['http://k2.kondado.com.br', /https/],
    ['http://127.0.0.1.evil.com', /https/],
    ['http://localhost.evil.com', /https/],
    ['http://evillocalhost:8080', /https/],
    ['ftp://k2.kondado.com.br', /not a URL/],
    ['ftp://localhost/', /not a URL/],
    ['ws://127.0.0.1:8080', /not a URL/],
    ['not a url', /not a URL/],
    ['k2.kondado.com.br', /not a URL/],
    ['https://user:pass@k2.kondado.com.br', /user name, password, query or fragment/],
    ['https://user@k2.kondado.com.br', /user name, password, query or fragment/],
    ['https://:pass@k2.kondado.com.br', /user name, password, query or fragment/],
    ['https://k2.kondado.com.br?token=x', /user name, password, query or fragment/],
    ['https://k2.kondado.com.br/#frag', /user name, password, query or fragment/],
  ])('base-url %j', (value, fragment) => {
    expectError({ 'base-url': value }, 'base-url', fragment)
  })

  test('an unknown command', () => {
    expectError({ command: 'delete' }, 'command', /'delete' is not one of 'run', 'wait', 'status', 'duplicate'/)
  })

  test('an unknown if-running', () => {
    expectError({ 'if-running': 'skip' }, 'if-running')
  })

  test('an unknown language is reported in English', () => {
    expectError({ language: 'fr' }, 'language', /is not one of 'en', 'pt-BR'/)
  })

  test.each(['maybe', '1', 'on'])('wait %j is not a boolean', (value) => {
    expectError({ wait: value }, 'wait', /'true' or 'false'/)
  })

  test.each(['untrue', 'true!', 'yesterday', 'nope', 'falsey', 'know', 'also no'])(
    'wait %j is not a boolean, though it holds one',
    (value) => {
      expectError({ wait: value }, 'wait', /'true' or 'false'/)
    },
  )

  test('fail-on-error not a boolean', () => {
    expectError({ 'fail-on-error': 'sometimes' }, 'fail-on-error')
  })

  test.each(['forever', '0', '0.5s', '-5m', '73h', '1d', '10 minutes'])('timeout %j', (value) => {
    expectError({ timeout: value }, 'timeout', /duration/)
  })

  test('start-timeout', () => {
    expectError({ 'start-timeout': 'soon' }, 'start-timeout', /duration/)
  })

  test.each(['0', '0.5', '-3', 'abc', '3601', '3s'])('poll-interval %j', (value) => {
    expectError({ 'poll-interval': value }, 'poll-interval', /from 1 to 3600/)
  })

  // Each a number to JavaScript's Number(), none a number of seconds as the docs write them.
  test.each(['+5', '5.', '1e1', '0x10', '5.5.'])('poll-interval %j', (value) => {
    expectError({ 'poll-interval': value }, 'poll-interval', /from 1 to 3600/)
  })

  test('poll-interval above max-poll-interval names max-poll-interval', () => {
    expectError({ 'poll-interval': '60', 'max-poll-interval': '30' }, 'max-poll-interval', /'poll-interval'/)
  })

  test('the default max-poll-interval is checked against poll-interval too', () => {
    expectError({ 'poll-interval': '600' }, 'max-poll-interval')
  })

  test.each(['0', '21', '-1', '1.5', 'ten', '100'])('requests-per-minute %j is out of 1..20', (value) => {
    expectError({ 'requests-per-minute': value }, 'requests-per-minute', /from 1 to 20/)
  })

  test.each(['+5', '5.', '5.0', '1e1', '0x10'])('requests-per-minute %j is not a whole number as written', (value) => {
    expectError({ 'requests-per-minute': value }, 'requests-per-minute', /from 1 to 20/)
  })

  test.each(['1', '20'])('requests-per-minute %j is allowed', (value) => {
    expect(parse({ 'requests-per-minute': value }).requestsPerMinute).toBe(Number(value))
  })

  test('run without a pipeline', () => {
    expectError({ 'pipeline-id': '' }, 'pipeline-id', /required for command 'run'/)
  })

  test('run with models waits for them after its pipelines, which wait: false never does', () => {
    expect(parse({ 'model-id': '162 163' }).step).toMatchObject({ modelIds: [162, 163], modelStartTimeoutMs: 600_000 })
    expectError({ 'model-id': '162', wait: 'false' }, 'model-id', /^Input 'model-id' needs 'wait: true' for command 'run'/)
    expectError({ 'model-start-timeout': '5m' }, 'model-start-timeout', /^Input 'model-start-timeout' is not used without 'model-id'/)
    expect(parse({ 'model-id': '162', 'model-start-timeout': '5m' }).step).toMatchObject({ modelIds: [162], modelStartTimeoutMs: 300_000 })
  })

  test("wait-for: next with pipelines only has no model whose start window 'model-start-timeout' could bound", () => {
    const next = { command: 'wait', 'wait-for': 'next', 'model-start-timeout': '5m' }
    expect(inputError(next).message).toBe("Input 'model-start-timeout' is not used without 'model-id': remove it, or set 'model-id'.")
    expect(parse({ ...next, 'model-id': '162' }).step).toMatchObject({ modelStartTimeoutMs: 300_000 })
  })

  test('wait-for: current by default; next reads both start windows', () => {
    expect(parse({ command: 'wait', 'model-id': '162' }).step).toMatchObject({ waitFor: 'current' })
    const next = parse({
      command: 'wait',
      'model-id': '162',
      'wait-for': 'Next',
      'start-timeout': '30s',
      'model-start-timeout': '20m',
    }).step
    expect(next).toMatchObject({ waitFor: 'next', modelStartTimeoutMs: 1_200_000, polling: { startTimeoutMs: 30_000 } })
    expectError({ command: 'wait', 'wait-for': 'last' }, 'wait-for', /^Input 'wait-for': 'last' is not one of 'current', 'next'\.$/)
    expectError({ command: 'status', 'wait-for': 'next' }, 'wait-for', /not used by command 'status', only by 'wait'/)
  })

  test.each(['start-timeout', 'model-start-timeout'])('wait with %s but not wait-for: next is refused, not ignored', (name) => {
    expectError({ command: 'wait', [name]: '5m' }, name, new RegExp(`^Input '${name}' is not used without 'wait-for: next'`))
  })

  test('duplicate without a pipeline, or with a model, is named as for run', () => {
    expectError({ ...DUPLICATE, 'pipeline-id': '' }, 'pipeline-id', /required for command 'duplicate'/)
    expectError({ ...DUPLICATE, 'model-id': '162' }, 'model-id', /not used by command 'duplicate'/)
  })

  test('timeout from 1 s to 72 h, both ends included', () => {
    expect(parse({ timeout: '1s' }).step.timeoutMs).toBe(1_000)
    expect(parse({ timeout: '72h' }).step.timeoutMs).toBe(259_200_000)
    expectError({ timeout: '999ms' }, 'timeout', /duration/)
  })

  test('wait and status need at least one resource', () => {
    expectError({ command: 'wait', 'pipeline-id': '' }, 'pipeline-id')
    expectError({ command: 'status', 'pipeline-id': '' }, 'pipeline-id')
    expect(parse({ command: 'status', 'pipeline-id': '', 'model-id': '162' }).step.modelIds).toEqual([162])
  })
})

describe('duplicate inputs', () => {
  test('a good duplicate input becomes the exact request', () => {
    const inputs = parse({
      ...DUPLICATE,
      'client-id': '42',
      name: 'Orders (prod)',
      'deltas-tables': '{"": "orders_delta", "statuses": "statuses_delta"}',
      'overwrite-parameters': '{"start_date": "2024-01-01", "limit": 5}',
      'execute-immediately': 'true',
    })
    expect(inputs.step.command).toBe('duplicate')
    expect(inputs.step.command === 'duplicate' && inputs.step.duplicate).toStrictEqual({
      basePipelineId: 2040,
      sourceCollectionId: 877291,
      destinationCollectionId: 678910,
      clientId: 42,
      name: 'Orders (prod)',
      fullTables: { '': 'orders_prod', statuses: 'statuses_prod' },
      deltasTables: { '': 'orders_delta', statuses: 'statuses_delta' },
      overwriteParameters: { start_date: '2024-01-01', limit: 5 },
      runAtOnce: true,
    })
  })

  test('optional fields left out are absent, and execute-immediately defaults to false', () => {
    const { step } = parse(DUPLICATE)
    expect(step.command === 'duplicate' && step.duplicate).toStrictEqual({
      basePipelineId: 2040,
      sourceCollectionId: 877291,
      destinationCollectionId: 678910,
      fullTables: { '': 'orders_prod', statuses: 'statuses_prod' },
      runAtOnce: false,
    })
  })

  test.each(['src-collection-id', 'dest-collection-id', 'full-tables'])('%s is required', (input) => {
    expectError({ ...DUPLICATE, [input]: '' }, input, /required for command 'duplicate'/)
  })

  test('exactly one base pipeline', () => {
    expectError({ ...DUPLICATE, 'pipeline-id': '1,2' }, 'pipeline-id', /exactly one/)
  })

  test('collection and client ids must be ids', () => {
    expectError({ ...DUPLICATE, 'src-collection-id': '../1' }, 'src-collection-id')
    expectError({ ...DUPLICATE, 'dest-collection-id': '-4' }, 'dest-collection-id')
    expectError({ ...DUPLICATE, 'client-id': 'abc' }, 'client-id')
  })

  test.each([
    ['{not json', /not valid JSON/],
    ['[1, 2]', /JSON object/],
    ['"orders"', /JSON object/],
    ['null', /JSON object/],
    ['42', /JSON object/],
  ])('full-tables %j', (value, fragment) => {
    expectError({ ...DUPLICATE, 'full-tables': value }, 'full-tables', fragment)
  })

  test('full-tables without the main path ""', () => {
    expectError({ ...DUPLICATE, 'full-tables': '{"statuses": "statuses_prod"}' }, 'full-tables', /""/)
  })

  test.each(['{"": 5}', '{"": ""}', '{"": "   "}', '{"": "a", "x": null}'])(
    'full-tables with a value that is not a table name: %s',
    (value) => {
      expectError({ ...DUPLICATE, 'full-tables': value }, 'full-tables')
    },
  )

  test('deltas-tables is checked the same way', () => {
    expectError({ ...DUPLICATE, 'deltas-tables': '[]' }, 'deltas-tables')
    expectError({ ...DUPLICATE, 'deltas-tables': '{"statuses": "d"}' }, 'deltas-tables')
  })

  test('overwrite-parameters must be an object', () => {
    expectError({ ...DUPLICATE, 'overwrite-parameters': '["a"]' }, 'overwrite-parameters')
    expectError({ ...DUPLICATE, 'overwrite-parameters': '{oops' }, 'overwrite-parameters')
  })

  test('execute-immediately must be a boolean', () => {
    expectError({ ...DUPLICATE, 'execute-immediately': 'Y' }, 'execute-immediately')
  })
})

describe('pt-BR', () => {
  test.each([
    [{ key: '' }, 'key', "O input 'key' é obrigatório."],
    [{ 'pipeline-id': 'abc' }, 'pipeline-id', "Input 'pipeline-id': 'abc' não é um id"],
    [{ 'base-url': 'http://example.com' }, 'base-url', 'precisa usar https'],
    [{ 'requests-per-minute': '50' }, 'requests-per-minute', 'não é um número entre 1 e 20'],
    [
      { command: 'duplicate', 'src-collection-id': '1', 'dest-collection-id': '2', 'full-tables': '{"a": "b"}' },
      'full-tables',
      'cujo caminho é vazio ""',
    ],
  ])('%j is reported in Portuguese', (values, input, fragment) => {
    const error = expectError({ language: 'pt-BR', ...values }, input)
    expect(error.message).toContain(fragment)
  })

  test('the language is part of the inputs', () => {
    expect(parse({ language: 'pt-BR' }).language).toBe('pt-BR')
  })
})

describe('an odd value is shown on one short line', () => {
  test('control characters and length', () => {
    const error = expectError({ command: `run\n::error::x${'y'.repeat(200)}` }, 'command')
    expect(error.message).not.toMatch(/[\r\n]/)
    expect(error.message.length).toBeLessThan(200)
  })
})

describe('errors never echo a piece of the key or token', () => {
  const token = 'tok en+secret/value=42'
  test.each([
    ['the whole token pasted into pipeline-id', { 'pipeline-id': token }],
    ['a piece of it, cut at its space', { 'pipeline-id': 'en+secret/value=42' }],
    ['its start, in a boolean input', { wait: 'tok en+s' }],
    ['the key, in the timeout', { timeout: 'my-key' }],
  ])('%s', (_name, values) => {
    const error = inputError({ token, ...values })
    expect(error.message).toContain('***')
    for (let i = 0; i + 4 <= token.length; i++) expect(error.message).not.toContain(token.slice(i, i + 4))
    expect(error.message).not.toContain('my-key')
  })

  test('an ordinary bad value is still shown, so the user sees what was wrong', () => {
    expect(inputError({ token, 'pipeline-id': 'orders' }).message).toContain("'orders'")
  })

  test('a piece of the token at the very end of a value, or the whole value, is hidden too', () => {
    for (const value of ['orders-ue=42', 'e=42']) {
      const error = inputError({ token, 'pipeline-id': value })
      expect(error.message).toContain('***')
      expect(error.message).not.toContain('e=42')
    }
  })

  test('an empty key hides nothing: the value is still shown', () => {
    expect(inputError({ key: '', language: 'fr' }).message).toContain("'fr'")
  })
})

describe('the proxy the runner names', () => {
  const withEnv = (env: Record<string, string>, values: Record<string, string> = {}): Inputs =>
    parseInputs(reader({ ...BASE, ...values }), env)
  const LOOPBACK = { 'base-url': 'http://127.0.0.1:8080' }

  test('none set: no proxy', () => {
    expect(withEnv({}).proxy).toBeUndefined()
    expect(withEnv({ https_proxy: '  ' }).proxy).toBeUndefined()
  })

  test('https_proxy for the https base URL, with no_proxy passed on', () => {
    expect(withEnv({ https_proxy: 'http://proxy.corp:3128', no_proxy: 'localhost,.internal' }).proxy).toEqual({
      url: 'http://proxy.corp:3128/',
      noProxy: 'localhost,.internal',
    })
  })

  test('the lower-case name first, as the runner and curl read them; upper case when it is alone', () => {
    expect(withEnv({ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2', no_proxy: 'a', NO_PROXY: 'b' }).proxy).toEqual({
      url: 'http://lower:1/',
      noProxy: 'a',
    })
    expect(withEnv({ HTTPS_PROXY: 'http://upper:2', NO_PROXY: 'b' }).proxy).toEqual({ url: 'http://upper:2/', noProxy: 'b' })
  })

  test('a bare host:port means http, and an https proxy is kept as https', () => {
    expect(withEnv({ https_proxy: ' proxy.corp:3128 ', no_proxy: ' localhost ' }).proxy).toEqual({
      url: 'http://proxy.corp:3128/',
      noProxy: 'localhost',
    })
    expect(withEnv({ https_proxy: 'proxy.corp:3128' }).proxy).toEqual({ url: 'http://proxy.corp:3128/', noProxy: '' })
    expect(withEnv({ https_proxy: 'proxy.corp:3128' }).proxy?.url).toBe('http://proxy.corp:3128/')
    expect(withEnv({ https_proxy: 'https://proxy.corp' }).proxy?.url).toBe('https://proxy.corp/')
  })

  test('a loopback base URL (this runner) never goes through a proxy: in a tunnel, plain http is readable, query and token included', () => {
    for (const baseUrl of ['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080', 'https://localhost:8443'])
      expect(withEnv({ http_proxy: 'http://p:1', https_proxy: 'http://p:1' }, { 'base-url': baseUrl }).proxy).toBeUndefined()
    // Nor is a proxy variable it will not use read, so a broken one is no error.
    expect(withEnv({ http_proxy: 'ftp://nonsense' }, LOOPBACK).proxy).toBeUndefined()
  })

  test('a broken variable for the other scheme does not matter', () => {
    expect(withEnv({ http_proxy: 'ftp://nonsense' }).proxy).toBeUndefined()
  })

  test.each([['ftp://proxy.corp'], ['socks5://user:hunter2@proxy.corp:1080'], ['http://'], ['http://exa mple:1']])(
    '%s is refused, naming the variable and never showing its value',
    (value) => {
      const error = thrown(() => withEnv({ HTTPS_PROXY: value }))
      expect(error).toBeInstanceOf(InputError)
      expect((error as InputError).input).toBe('HTTPS_PROXY')
      expect((error as InputError).message).toBe(
        "Environment variable 'HTTPS_PROXY' is not a proxy address such as http://proxy.example.com:3128 (http or https).",
      )
    },
  )

  test('in pt-BR', () => {
    expect(thrown(() => withEnv({ https_proxy: 'ftp://x' }, { language: 'pt-BR' }))).toMatchObject({
      input: 'https_proxy',
      message: expect.stringContaining("A variável de ambiente 'https_proxy'"),
    })
  })
})

describe('the exact words of the input messages', () => {
  const message = (values: Record<string, string>): string => inputError(values).message

  test('a duration out of range gives the range, from the constants', () => {
    expect(message({ timeout: '0' })).toBe("Input 'timeout': '0' is out of range: give a duration from 1s to 72h.")
    expect(message({ timeout: '100h' })).toBe("Input 'timeout': '100h' is out of range: give a duration from 1s to 72h.")
    expect(message({ timeout: '10 minutes' })).toBe(
      "Input 'timeout': '10 minutes' is not a duration (use seconds or a unit, decimals allowed: '90', '90s', '1.5m', '2h').",
    )
  })

  test('an id too large for a number says so, with the largest', () => {
    expect(message({ 'pipeline-id': '20402041204220432044' })).toBe(
      "Input 'pipeline-id': '20402041204220432044' is too large for an id (the largest is 9007199254740991); check that two ids are not run together.",
    )
    expect(message({ 'pipeline-id': '0' })).toBe("Input 'pipeline-id': '0' is not an id (ids are positive whole numbers, e.g. 2040).")
  })

  test('client-id in the form the app shows it: use the number before the dash', () => {
    expect(message({ ...DUPLICATE, 'client-id': '732829-1' })).toBe(
      "Input 'client-id': '732829-1' is the account code as the app shows it; give the number before the dash: 732829.",
    )
  })

  test('wait and status with no id name both inputs', () => {
    expect(message({ command: 'status', 'pipeline-id': '' })).toBe(
      "Command 'status' needs at least one id: set 'pipeline-id', 'model-id' or both.",
    )
  })

  test('an input of another command names the commands it belongs to', () => {
    expect(message({ command: 'status', 'model-start-timeout': '5m' })).toBe(
      "Input 'model-start-timeout' is not used by command 'status', only by 'run' and 'wait': remove it, or use one of those commands.",
    )
    expect(message({ 'model-id': '162', wait: 'false' })).toBe(
      "Input 'model-id' needs 'wait: true' for command 'run': the models are waited for once their pipelines have ended, and 'wait: false' returns as soon as the pipelines start.",
    )
    expect(message({ command: 'wait', 'start-timeout': '5m' })).toBe(
      "Input 'start-timeout' is not used without 'wait-for: next': remove it, or set 'wait-for: next'.",
    )
    expect(message({ 'full-tables': '{"": "t"}' })).toBe(
      "Input 'full-tables' is not used by command 'run', only by 'duplicate': remove it, or use that command.",
    )
    expect(message({ command: 'status', 'if-running': 'fail' })).toBe(
      "Input 'if-running' is not used by command 'status', only by 'run': remove it, or use that command.",
    )
  })

  test('in Portuguese, with the same facts', () => {
    const pt = (values: Record<string, string>): string => message({ language: 'pt-BR', ...values })
    expect(pt({ timeout: '0' })).toBe("Input 'timeout': '0' está fora do intervalo: informe uma duração entre 1s e 72h.")
    expect(pt({ command: 'wait', 'pipeline-id': '' })).toBe(
      "O comando 'wait' precisa de pelo menos um id: informe 'pipeline-id', 'model-id' ou os dois.",
    )
    expect(pt({ command: 'status', 'model-start-timeout': '5m' })).toBe(
      "O input 'model-start-timeout' não é usado pelo comando 'status', só por 'run' e 'wait': remova-o ou use um desses comandos.",
    )
    expect(pt({ 'model-id': '162', wait: 'false' })).toBe(
      "O input 'model-id' exige 'wait: true' no comando 'run': os modelos são aguardados depois que os pipelines terminam, e com 'wait: false' o step termina assim que os pipelines começam.",
    )
    expect(pt({ command: 'wait', 'start-timeout': '5m' })).toBe(
      "O input 'start-timeout' não é usado sem 'wait-for: next': remova-o ou informe 'wait-for: next'.",
    )
  })
})

describe('every bad input at once', () => {
  test('one error, a line per bad input, each naming its input, in the order they are read', () => {
    const error = inputError({ token: '', command: 'Status', 'pipeline-id': '2040, abc', timeout: '0', 'poll-interval': 'x', name: 'n' })
    expect(error.input).toBe('token')
    expect(error.inputs).toEqual(['token', 'name', 'pipeline-id', 'timeout', 'poll-interval'])
    expect(error.message.split('\n')).toEqual([
      "Input 'token' is required.",
      "Input 'name' is not used by command 'status', only by 'duplicate': remove it, or use that command.",
      "Input 'pipeline-id': 'abc' is not an id (ids are positive whole numbers, e.g. 2040).",
      "Input 'timeout': '0' is out of range: give a duration from 1s to 72h.",
      "Input 'poll-interval': 'x' is not a number from 1 to 3600.",
    ])
  })

  test('an unknown language is reported in English, and so is the rest', () => {
    expect(inputError({ language: 'fr', timeout: 'x' }).message.split('\n')).toEqual([
      "Input 'language': 'fr' is not one of 'en', 'pt-BR'.",
      "Input 'timeout': 'x' is not a duration (use seconds or a unit, decimals allowed: '90', '90s', '1.5m', '2h').",
    ])
  })

  test('a bad input is not reported a second time as missing or as out of order', () => {
    expect(inputError({ ...DUPLICATE, 'pipeline-id': 'x', 'src-collection-id': 'y', 'full-tables': '{' }).inputs).toEqual([
      'pipeline-id',
      'src-collection-id',
      'full-tables',
    ])
    expect(inputError({ 'poll-interval': '0', 'max-poll-interval': '2' }).inputs).toEqual(['poll-interval'])
    expect(inputError({ command: 'nope', 'model-id': '1', 'full-tables': 'x' }).inputs).toEqual(['command'])
    // A bad command, or a bad model id, is not also reported as "no pipeline or model given".
    expect(inputError({ command: 'nope', 'pipeline-id': '' }).inputs).toEqual(['command'])
    expect(inputError({ command: 'status', 'pipeline-id': '', 'model-id': 'abc' }).inputs).toEqual(['model-id'])
    // A bad max-poll-interval is not also compared with poll-interval (as its fallback of 120 would be).
    expect(inputError({ 'poll-interval': '200', 'max-poll-interval': 'abc' }).inputs).toEqual(['max-poll-interval'])
    // if-promoted on a command that does not promote: one error, not also "used without environment".
    expect(inputError({ 'if-promoted': 'fail' }).inputs).toEqual(['if-promoted'])
  })
})

describe('what counts as given', () => {
  test("an input at action.yml's default is not given: the runner passes defaults as values", () => {
    const step = parse({
      command: 'status',
      wait: 'true',
      'start-timeout': '2m',
      'if-running': 'wait',
      'execute-immediately': 'false',
    }).step
    expect([step.command, step.wait, step.ifRunning, step.polling.startTimeoutMs]).toEqual(['status', true, 'wait', 120_000])
  })

  test('the default in another case is still the default', () => {
    expect(parse({ command: 'wait', wait: 'TRUE', 'if-running': 'Wait' }).step.command).toBe('wait')
  })

  test('a value other than the default is given', () => {
    expect(inputError({ command: 'wait', wait: 'false' }).message).toBe(
      "Input 'wait' is not used by command 'wait', only by 'run' and 'duplicate': remove it, or use one of those commands.",
    )
  })

  test('pacing inputs are read by every command', () => {
    expect(parse({ command: 'status', 'poll-interval': '1', timeout: '30s', 'requests-per-minute': '5' }).requestsPerMinute).toBe(5)
  })
})

describe('case variants and decimals', () => {
  test.each([
    ['command', 'Run', 'run'],
    ['command', 'STATUS', 'status'],
    ['if-running', 'Rerun', 'rerun'],
  ])('%s %j reads as %j', (input, value, expected) => {
    const inputs = parse({ [input]: value })
    expect(input === 'command' ? inputs.step.command : inputs.step.ifRunning).toBe(expected)
  })

  test.each(['pt-br', 'PT-BR', 'Pt-Br'])('language %j reads as pt-BR', (value) => {
    expect(parse({ language: value }).language).toBe('pt-BR')
  })

  test.each(['TRUE', 'True', 'YES'])('boolean %j reads as true', (value) => {
    expect(parse({ ...DUPLICATE, 'execute-immediately': value, 'fail-on-error': value }).failOnError).toBe(true)
  })

  test('decimals in durations and intervals, to the millisecond alike', () => {
    const { step } = parse({ timeout: '1.5m', 'start-timeout': '2.5', 'poll-interval': '2.5', 'max-poll-interval': '3.25' })
    expect([step.timeoutMs, step.polling.startTimeoutMs, step.polling.minIntervalMs, step.polling.maxIntervalMs]).toEqual([
      90_000, 2_500, 2_500, 3_250,
    ])
    expect(parse({ timeout: '2.0004' }).step.timeoutMs).toBe(2_000)
    expect(parse({ 'poll-interval': '2.0004' }).step.polling.minIntervalMs).toBe(2_000)
  })
})

describe('the run-length inputs', () => {
  test('by default: the memory on, the length learnt', () => {
    const inputs = parse({})
    expect(inputs.runHistory).toBe(true)
    expect(inputs.step.polling.expectedDurationMs).toBeUndefined()
  })

  test('expected-duration: a duration, in the units the other durations take', () => {
    expect(parse({ 'expected-duration': '45m' }).step.polling.expectedDurationMs).toBe(2_700_000)
    expect(parse({ command: 'wait', 'expected-duration': '90' }).step.polling.expectedDurationMs).toBe(90_000)
    expect(expectError({ 'expected-duration': 'soon' }, 'expected-duration').message).toBe(
      "Input 'expected-duration': 'soon' is not a duration (use seconds or a unit, decimals allowed: '90', '90s', '1.5m', '2h').",
    )
    expect(expectError({ 'expected-duration': '0.5s' }, 'expected-duration').message).toBe(
      "Input 'expected-duration': '0.5s' is out of range: give a duration from 1s to 72h.",
    )
  })

  test("run-history: 'false' turns the memory off; anything but a boolean is an error", () => {
    expect(parse({ 'run-history': 'false' }).runHistory).toBe(false)
    expect(expectError({ 'run-history': 'maybe' }, 'run-history').message).toBe("Input 'run-history': 'maybe' is not 'true' or 'false'.")
  })

  test('only run and wait read them', () => {
    expect(expectError({ command: 'status', 'run-history': 'false' }, 'run-history').message).toBe(
      "Input 'run-history' is not used by command 'status', only by 'run' and 'wait': remove it, or use one of those commands.",
    )
    expect(expectError({ ...DUPLICATE, 'expected-duration': '5m' }, 'expected-duration').message).toBe(
      "Input 'expected-duration' is not used by command 'duplicate', only by 'run' and 'wait': remove it, or use one of those commands.",
    )
  })
})

describe('the GitHub inputs', () => {
  test('off by default: no token kept, no promotion, no comment', () => {
    const inputs = parse({ ...DUPLICATE, 'github-token': 'ghs_x' })
    expect(inputs.github).toEqual({ token: '', login: '', prComment: false, used: false })
    expect(inputs.step.command === 'duplicate' && inputs.step.promotion).toBeUndefined()
  })

  test('environment turns the promotion records on, with if-promoted reuse unless told otherwise', () => {
    const reuse = parse({ ...DUPLICATE, environment: 'production', 'github-token': 'ghs_x' })
    expect(reuse.step.command === 'duplicate' && reuse.step.promotion).toEqual({ environment: 'production', ifPromoted: 'reuse' })
    expect(reuse.github).toEqual({ token: 'ghs_x', login: 'github-actions[bot]', prComment: false, used: true })
    const create = parse({ ...DUPLICATE, environment: 'production', 'if-promoted': 'Create', 'github-token': 'ghs_x' })
    expect(create.step.command === 'duplicate' && create.step.promotion).toEqual({ environment: 'production', ifPromoted: 'create' })
  })

  test('pr-comment on any command keeps the token', () => {
    expect(parse({ command: 'status', 'pr-comment': 'true', 'github-token': 'ghs_x' }).github).toEqual({
      token: 'ghs_x',
      login: 'github-actions[bot]',
      prComment: true,
      used: true,
    })
  })

  test("github-token-login: a user's, an Enterprise Managed User's or an app's login; nothing else", () => {
    const login = (value: string) =>
      parse({ command: 'status', 'pr-comment': 'true', 'github-token': 'ghs_x', 'github-token-login': value }).github.login
    expect(['octocat', 'octo-cat', 'octocat_acme', 'my-app[bot]', 'github-actions[bot]'].map(login)).toEqual([
      'octocat',
      'octo-cat',
      'octocat_acme',
      'my-app[bot]',
      'github-actions[bot]',
    ])
    for (const value of ['@octocat', 'octo cat', '-octocat', 'bot]', 'octocat[bot', '::error::x', 'https://github.com/octocat'])
      expect(
        expectError({ command: 'status', 'pr-comment': 'true', 'github-token': 'ghs_x', 'github-token-login': value }, 'github-token-login')
          .message,
      ).toContain('is not a GitHub login')
    expect(
      expectError(
        { command: 'status', 'pr-comment': 'true', 'github-token': 'ghs_x', 'github-token-login': '@octocat' },
        'github-token-login',
      ).message,
    ).toBe(
      "Input 'github-token-login': '@octocat' is not a GitHub login (letters, digits, hyphens and underscores, with '[bot]' at the end for an app's token, e.g. 'github-actions[bot]').",
    )
  })

  test('a feature without a token, if-promoted without environment, and a bad if-promoted are each named', () => {
    expect(expectError({ command: 'status', 'pr-comment': 'true' }, 'github-token').message).toBe("Input 'github-token' is required.")
    expect(expectError({ ...DUPLICATE, 'if-promoted': 'fail' }, 'if-promoted').message).toBe(
      "Input 'if-promoted' is not used without 'environment': remove it, or set 'environment'.",
    )
    expect(
      expectError({ ...DUPLICATE, environment: 'production', 'github-token': 'x', 'if-promoted': 'again' }, 'if-promoted').message,
    ).toBe("Input 'if-promoted': 'again' is not one of 'reuse', 'fail', 'create'.")
  })

  test('environment and if-promoted belong to duplicate', () => {
    expect(expectError({ command: 'run', environment: 'production' }, 'environment').message).toBe(
      "Input 'environment' is not used by command 'run', only by 'duplicate': remove it, or use that command.",
    )
    expect(expectError({ command: 'status', 'if-promoted': 'create' }, 'if-promoted').input).toBe('if-promoted')
  })
})

describe('inputs that would break what is sent', () => {
  test.each(['https://k2.kondado.com.br/api?', 'https://k2.kondado.com.br/api#', 'https://k2.kondado.com.br?#'])(
    'a base-url ending in a bare ? or # (%s) is refused: it would cut the API path off every request',
    (value) => {
      expectError({ 'base-url': value }, 'base-url', 'must not carry a user name, password, query or fragment')
    },
  )

  test('JSON nested deeper than a request body can be built is refused before any request, naming the input', () => {
    const deep = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)
    const error = expectError({ ...DUPLICATE, 'overwrite-parameters': deep(200_000) }, 'overwrite-parameters')
    expect(error.message).toBe("Input 'overwrite-parameters' nests objects or arrays more than 32 levels deep: give a flatter JSON object.")
    // At the limit it is accepted, and an array counts as a level too.
    expect(parse({ ...DUPLICATE, 'overwrite-parameters': deep(32) }).step).toMatchObject({ command: 'duplicate' })
    expectError({ ...DUPLICATE, 'overwrite-parameters': `{"a":${'['.repeat(32)}${']'.repeat(32)}}` }, 'overwrite-parameters')
  })
})
