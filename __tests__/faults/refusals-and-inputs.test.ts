// Refused credentials, bad inputs, and server text that tries to speak to the runner.
// Issue items 7, 10 and 11.

import { describe, expect } from '@jest/globals'
import type { ActionRun } from '../../harness/run-action.ts'
import type { AuthFailure, Fault } from '../../simulator/index.ts'
import {
  errorLines,
  failureOf,
  faultSuite,
  KEY,
  requests,
  resultOf,
  secretForms,
  summarize,
  TOKEN,
  unescapeCommand,
  visibleStdout,
  warningLines,
} from './harness.ts'

const { faultCase } = faultSuite(import.meta.filename, 'Refusals, inputs and injection')

const WRONG_TOKEN = 'wrøng tok+en%20/ä'
const WRONG_KEY = 'wrong kéy+%2B'

describe('7. refused credentials', () => {
  /** The step's failure line when Kondado refused the key outright: one cause, told once for the whole step. */
  const keyRefused = (http: number): string =>
    `Kondado refused the key or token (HTTP ${http}): nothing was read. Kondado said: "INVALID_TOKEN: Invalid key or token". Check the key and token secrets, and that the token is still switched on in Kondado (Settings -> Tokens).`
  const refusals: Array<[string, AuthFailure, string, Record<string, string>, string, string]> = [
    [
      '7.1',
      '401-json',
      'a wrong token, 401 with JSON, two pipelines',
      { command: 'status', 'pipeline-id': '2040 2041', token: WRONG_TOKEN },
      'status',
      keyRefused(401),
    ],
    [
      '7.2',
      '403-html',
      'a wrong token, 403 with an HTML page, before a trigger',
      { 'pipeline-id': '2040', token: WRONG_TOKEN },
      'run',
      // A 403 page that does not name the key may be about this pipeline alone: told as that resource's problem.
      '1 of 1 resource did not pass: pipeline 2040 (key or token refused, HTTP 403).',
    ],
    [
      '7.3',
      '200-success-false',
      'a wrong key, 200 with `success: false`, a pipeline and a model',
      { command: 'wait', 'pipeline-id': '2040', 'model-id': '162', key: WRONG_KEY },
      'wait',
      keyRefused(200),
    ],
  ]
  for (const [id, failure, name, inputs, command, stepFailure] of refusals) {
    faultCase(
      {
        id,
        name,
        fault: `\`${command}\`: Kondado answers ${failure}`,
        expected:
          'one request, no retry, no POST: "Kondado refused the key or token" for the resource it was refused for, "was not read" for the others; no secret shown',
      },
      async (c) => {
        const sim = await c.sim(
          (m) => {
            m.addPipeline({ id: 2040 })
            m.addPipeline({ id: 2041 })
            m.addModel({ id: 162 })
          },
          { authFailure: failure },
        )
        const run = await c.act(sim, inputs)
        expect(run.code).toBe(1)
        expect(sim.model.log).toHaveLength(1)
        expect(requests(sim, 'run')).toHaveLength(0)
        expect(resultOf(run).map((r) => r.verdict)).toEqual(resultOf(run).map(() => 'error'))
        // The refusal is annotated on the resource it was refused for; each other resource, not read, says only that, in the log.
        const [first, ...rest] = resultOf(run)
        expect(errorLines(run).join('\n')).toContain(`Kondado refused the key or token while reading ${first?.kind} ${first?.id}`)
        const logged = visibleStdout(run)
          .split('\n')
          .map((line) => line.replace(/^\[\s*[^\]]*\]\s/, ''))
        for (const r of rest) {
          expect(logged).toContain(
            `${r.kind} ${r.id} was not read: Kondado had already refused the key or token, and would refuse it here too.`,
          )
          expect([...errorLines(run), ...warningLines(run)].filter((line) => line.includes(`${r.kind} ${r.id}`))).toEqual([])
        }
        expect(failureOf(run)).toBe(stepFailure)
        expect(visibleStdout(run)).not.toContain('retrying in')
        return summarize(run, sim)
      },
    )
  }

  for (const [id, failure] of [
    ['7.4', '401-json'],
    ['7.5', '403-html'],
    ['7.6', '200-success-false'],
  ] as const) {
    faultCase(
      {
        id,
        name: `duplicate with a wrong token (${failure})`,
        fault: `\`duplicate\`: the POST is answered ${failure}`,
        expected: 'a clear refusal, not "outcome unknown": no pipeline, no second POST, "refused the key or token"',
      },
      async (c) => {
        const sim = await c.sim((m) => m.addPipeline({ id: 2040 }), { authFailure: failure })
        const run = await c.act(sim, {
          command: 'duplicate',
          'pipeline-id': '2040',
          'src-collection-id': '1',
          'dest-collection-id': '2',
          'full-tables': '{"": "orders_prod"}',
          token: WRONG_TOKEN,
        })
        expect(run.code).toBe(1)
        expect(sim.model.log).toHaveLength(1)
        c.expectPipelinesCreated(sim, 0)
        expect(failureOf(run)).toContain('Duplicating pipeline 2040 failed: Kondado refused the key or token')
        expect(failureOf(run)).not.toContain('outcome unknown')
        return summarize(run, sim)
      },
    )
  }
})

describe('10. bad inputs, each before any request', () => {
  const DUP = {
    command: 'duplicate',
    'pipeline-id': '2040',
    'src-collection-id': '1',
    'dest-collection-id': '2',
    'full-tables': '{"": "orders_prod"}',
  }
  const cases: Array<[string, string, Record<string, string>, string]> = [
    ['10.1', 'a non-numeric id', { 'pipeline-id': '2040, abc' }, "Input 'pipeline-id': 'abc' is not an id"],
    ['10.2', 'a negative id', { 'pipeline-id': '-5' }, "Input 'pipeline-id': '-5' is not an id"],
    ['10.3', 'an id like ../x', { 'pipeline-id': '../x' }, "Input 'pipeline-id': '../x' is not an id"],
    [
      '10.4',
      'a path in an id',
      { command: 'status', 'pipeline-id': '2040/../../models/1' },
      "Input 'pipeline-id': '2040/../../models/1' is not an id",
    ],
    ['10.5', 'an id in exponent form', { command: 'status', 'model-id': '1e3' }, "Input 'model-id': '1e3' is not an id"],
    [
      '10.6',
      'an id past 2^53',
      { 'pipeline-id': '99999999999999999999' },
      "Input 'pipeline-id': '99999999999999999999' is too large for an id",
    ],
    [
      '10.7',
      'an http base-url',
      { 'pipeline-id': '2040', 'base-url': 'http://k2.kondado.com.br' },
      "Input 'base-url': 'http://k2.kondado.com.br' must use https",
    ],
    [
      '10.8',
      'a malformed base-url',
      { 'pipeline-id': '2040', 'base-url': 'k2.kondado.com.br' },
      "Input 'base-url': 'k2.kondado.com.br' is not a URL",
    ],
    [
      '10.9',
      'a base-url with credentials in it',
      { 'pipeline-id': '2040', 'base-url': 'https://user:pw@k2.kondado.com.br' },
      "Input 'base-url' must not carry a user name, password, query or fragment.",
    ],
    ['10.10', 'JSON that is an array', { ...DUP, 'full-tables': '["orders_prod"]' }, "Input 'full-tables' must be a JSON object"],
    ['10.11', 'JSON that is a string', { ...DUP, 'deltas-tables': '"orders_delta"' }, "Input 'deltas-tables' must be a JSON object"],
    ['10.12', 'JSON that is a number', { ...DUP, 'overwrite-parameters': '42' }, "Input 'overwrite-parameters' must be a JSON object"],
    ['10.13', 'JSON that does not parse', { ...DUP, 'full-tables': '{"": "orders_prod"' }, "Input 'full-tables' is not valid JSON"],
    [
      '10.14',
      'an unknown command',
      { command: 'delete', 'pipeline-id': '2040' },
      "Input 'command': 'delete' is not one of 'run', 'wait', 'status', 'duplicate'.",
    ],
    [
      '10.15',
      'duplicate without src-collection-id',
      { ...DUP, 'src-collection-id': '' },
      "Input 'src-collection-id' is required for command 'duplicate'.",
    ],
    [
      '10.16',
      'duplicate without dest-collection-id',
      { ...DUP, 'dest-collection-id': '' },
      "Input 'dest-collection-id' is required for command 'duplicate'.",
    ],
    ['10.17', 'duplicate without full-tables', { ...DUP, 'full-tables': '' }, "Input 'full-tables' is required for command 'duplicate'."],
    [
      '10.18',
      'duplicate with two base pipelines',
      { ...DUP, 'pipeline-id': '2040 2041' },
      "Input 'pipeline-id' takes exactly one id for command 'duplicate'",
    ],
    [
      '10.19',
      'a timeout that does not parse',
      { 'pipeline-id': '2040', timeout: 'forever' },
      "Input 'timeout': 'forever' is not a duration",
    ],
    ['10.20', 'a negative timeout', { 'pipeline-id': '2040', timeout: '-5s' }, "Input 'timeout': '-5s' is not a duration"],
    [
      '10.21',
      'a start-timeout in words',
      { 'pipeline-id': '2040', 'start-timeout': 'two minutes' },
      "Input 'start-timeout': 'two minutes' is not a duration",
    ],
    [
      '10.22',
      'requests-per-minute over the limit',
      { 'pipeline-id': '2040', 'requests-per-minute': '25' },
      "Input 'requests-per-minute': '25' is not a number from 1 to 20.",
    ],
    [
      '10.23',
      'a line break and a command in an id',
      { 'pipeline-id': '2040\n::error::pwned' },
      "Input 'pipeline-id': '::error::pwned' is not an id",
    ],
    ['10.24', 'the token pasted into pipeline-id', { 'pipeline-id': TOKEN }, "Input 'pipeline-id': '***' is not an id"],
  ]
  for (const [id, name, inputs, message] of cases) {
    faultCase(
      { id, name, fault: `inputs: ${JSON.stringify(inputs)}`, expected: 'exit 1 before any request, with one line naming the input' },
      async (c) => {
        const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
        const run = await c.act(sim, inputs)
        expect(run.code).toBe(1)
        expect(sim.model.log).toEqual([])
        expect(errorLines(run)).toHaveLength(1)
        expect(failureOf(run)).toContain(message)
        expect(visibleStdout(run).split('\n').filter(Boolean)).toEqual(errorLines(run))
        return summarize(run, sim, [`"${failureOf(run).slice(0, 90)}"`])
      },
    )
  }

  faultCase(
    {
      id: '10.25',
      name: 'plain http to an address that reaches the simulator',
      fault: 'inputs: `base-url: http://[::ffff:127.0.0.1]:<simulator port>` (plain http, not a loopback name the action accepts)',
      expected: 'refused before any request: the simulator, which that URL reaches, sees nothing',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      const run = await c.act(sim, { 'pipeline-id': '2040', 'base-url': `http://[::ffff:127.0.0.1]:${sim.port}` })
      expect(run.code).toBe(1)
      expect(failureOf(run)).toContain('must use https')
      expect(sim.model.log).toEqual([])
      return summarize(run, sim)
    },
  )
})

/** Server text that would act on the runner if it reached the start of a line. */
const INJECTED = [
  'boom',
  '::error::pwned',
  '::add-mask::active',
  '::stop-commands::resume-later',
  '::set-output name=healthy::true',
  '::warning file=x.ts,line=1::fake',
  '\u001b[31mred\u001b[0m \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  '\r::error::after-cr',
  '\u2028::error::after-ls \u0085::error::after-nel',
  '<script>alert(1)</script> | `code` [x](https://evil.example)',
].join('\n')

const RUNNER_COMMAND = /^::([a-z-]+)/
const OURS = new Set(['add-mask', 'debug', 'error', 'warning', 'group', 'endgroup'])

/**
 * The runner sees only our own commands: masks that are the secrets' forms, our annotations and
 * groups. No control character, escape or line separator reaches a log, summary or output.
 */
function expectInert(run: ActionRun, annotations: number): void {
  const lines = run.stdout.split('\n')
  for (const line of lines) {
    const command = RUNNER_COMMAND.exec(line)?.[1]
    if (command !== undefined) expect({ line, ours: OURS.has(command) }).toEqual({ line, ours: true })
  }
  const masks = lines.filter((l) => l.startsWith('::add-mask::')).map((l) => unescapeCommand(l.slice('::add-mask::'.length)))
  const forms = new Set([KEY, TOKEN].flatMap(secretForms))
  expect(masks.filter((m) => !forms.has(m))).toEqual([])
  expect(errorLines(run).filter((l) => !l.startsWith('::error::'))).toHaveLength(annotations)
  for (const [place, text] of Object.entries({ stdout: run.stdout, summary: run.summary, outputs: run.outputsFile })) {
    expect({ place, controls: text.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g) ?? [] }).toEqual({ place, controls: [] })
  }
  for (const [name, value] of Object.entries(run.outputs)) expect({ name, lines: value.split('\n').length }).toEqual({ name, lines: 1 })
  // Escaped brackets (\[x\]) are text; only an unescaped ](...) would make a link.
  expect(run.summary).not.toMatch(/<script|(?<!\\)\]\(https:\/\/evil/)
}

describe('11. server text that speaks to the runner', () => {
  faultCase(
    {
      id: '11.1',
      name: 'workflow commands, line breaks and escapes in raw_msg',
      fault:
        '`status`: `raw_msg` holds `::error::`, `::add-mask::`, `::stop-commands::`, `::set-output`, CR, LF, U+2028, NEL, ANSI and OSC escapes, HTML and Markdown',
      expected:
        'shown as one line of text: no line starts a runner command, no escape or control character anywhere, the summary cell is inert; unhealthy',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, raw_msg: INJECTED }))
      const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'unhealthy' }])
      expectInert(run, 1)
      // The text is there to read, just not at the start of a line.
      expect(visibleStdout(run)).toContain('boom ::error::pwned ::add-mask::active ::stop-commands::resume-later')
      expect(run.outputs['raw-msg']).toContain('::set-output name=healthy::true')
      expect(run.outputs.healthy).toBe('false')
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '11.2',
      name: 'the same text as a status value',
      fault: '`status`: the status field itself holds the injected text',
      expected: 'an unknown status, shown inertly; never healthy',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject(
        { type: 'status', value: { 2040: { status: INJECTED, is_running: false, is_active: true, is_blocked: false, raw_msg: null } } },
        { times: Infinity },
      )
      const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'unknown-status', healthy: false }])
      expectInert(run, 1)
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '11.3',
      name: "the same text in Kondado's refusal of a trigger",
      fault: '`run`: POST /run answered `{"success": false, "error": <injected text>}`',
      expected: 'an error quoting the text inertly; no retry of the POST',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      const fault: Fault = {
        type: 'http',
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ success: false, error: INJECTED }),
      }
      sim.inject(fault, { match: { kind: 'run' } })
      const run = await c.act(sim, { 'pipeline-id': '2040' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'error' }])
      expect(requests(sim, 'run')).toHaveLength(1)
      expectInert(run, 1)
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '11.4',
      name: 'the same text in an HTML error page',
      fault: '`status`, `timeout: 8s`: every read is a 502 page whose title and body hold the injected text',
      expected: 'an error with a short excerpt of the page text, inert',
      timeoutS: 8,
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040 }))
      sim.inject(
        { type: 'http', status: 502, body: `<html><head><title>${INJECTED}</title></head><body>${INJECTED}</body></html>` },
        { times: Infinity },
      )
      const run = await c.act(sim, { command: 'status', 'pipeline-id': '2040', timeout: '8s' })
      expect(run.code).toBe(1)
      expect(resultOf(run)).toMatchObject([{ verdict: 'error' }])
      expectInert(run, 1)
      return summarize(run, sim)
    },
  )

  faultCase(
    {
      id: '11.5',
      name: 'Markdown, HTML and line breaks in table names shown in the summary',
      fault: '`duplicate`: `full-tables` names hold `|`, `<img onerror>`, a Markdown link and a line break with `::error::`',
      expected: 'the summary shows them as text: no table cell broken, no HTML, no link; no runner command',
    },
    async (c) => {
      const sim = await c.sim((m) => m.addPipeline({ id: 2040, tablePaths: ['', 'items'] }))
      const tables = { '': 'orders | <img src=x onerror=alert(1)>', items: '[x](https://evil.example)\n::error::pwned' }
      const run = await c.act(sim, {
        command: 'duplicate',
        'pipeline-id': '2040',
        'src-collection-id': '1',
        'dest-collection-id': '2',
        'full-tables': JSON.stringify(tables),
        wait: 'false',
      })
      expect(run.code).toBe(0)
      c.expectPipelinesCreated(sim, 1)
      expect(sim.model.duplicatePayload(sim.model.createdPipelineIds()[0] ?? 0)?.full_tables).toEqual(tables)
      expectInert(run, 0)
      expect(run.summary).not.toContain('<img')
      expect(run.summary).toContain('orders \\| &lt;img src=x onerror=alert(1)&gt;')
      return summarize(run, sim)
    },
  )
})
