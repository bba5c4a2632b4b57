// Bad inputs end to end: each fails before any request, with one line naming the input.

import { afterAll, describe, expect, test } from '@jest/globals'
import { act, cleanUp, expectClean, KEY, startSimulator, TOKEN, visibleStdout } from './helpers.ts'

afterAll(cleanUp)

/** The job summary's title for each command: a bad or missing command is read as the default, `run`. */
const TITLES: Record<string, string> = {
  run: 'Kondado: run pipelines',
  wait: 'Kondado: wait for pipelines and models',
  status: 'Kondado: health check',
  duplicate: 'Kondado: duplicate a pipeline',
}
/** Text as the summary's Markdown carries it: HTML and markup characters escaped, so it reads as written. */
const asMarkdown = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#~!]/g, (c) => `\\${c}`)

interface Case {
  readonly name: string
  readonly inputs: Record<string, string>
  /** The whole failure line, as the runner shows it. */
  readonly error: string
  /** The error as the job summary shows it, when Markdown changes more than its markup characters (a link made inert). */
  readonly summaryLine?: string
}

const CASES: readonly Case[] = [
  {
    name: 'a non-numeric id',
    inputs: { 'pipeline-id': '2040, abc' },
    error: "Input 'pipeline-id': 'abc' is not an id (ids are positive whole numbers, e.g. 2040).",
  },
  {
    name: 'an http base-url to a host that is not loopback',
    inputs: { 'pipeline-id': '2040', 'base-url': 'http://k2.kondado.com.br' },
    error:
      "Input 'base-url': 'http://k2.kondado.com.br' must use https (the token travels in the URL); plain http is allowed only for localhost, 127.x.x.x or [::1].",
    summaryLine:
      "Input 'base-url': 'http&#8203;://k2.kondado.com.br' must use https (the token travels in the URL); plain http is allowed only for localhost, 127.x.x.x or \\[::1\\].",
  },
  {
    name: 'malformed JSON in full-tables',
    inputs: {
      command: 'duplicate',
      'pipeline-id': '2040',
      'src-collection-id': '1',
      'dest-collection-id': '2',
      'full-tables': '{"": "orders_prod"',
    },
    error: `Input 'full-tables' is not valid JSON: give a JSON object such as {"": "new_table"}.`,
  },
  {
    name: 'a missing key',
    inputs: { 'pipeline-id': '2040', key: '' },
    error: "Input 'key' is required.",
  },
  {
    name: 'a missing token',
    inputs: { 'pipeline-id': '2040', token: '' },
    error: "Input 'token' is required.",
  },
  {
    name: 'an unknown command',
    inputs: { command: 'runn', 'pipeline-id': '2040' },
    error: "Input 'command': 'runn' is not one of 'run', 'wait', 'status', 'duplicate'.",
  },
  {
    name: 'a bad timeout',
    inputs: { 'pipeline-id': '2040', timeout: '10 minutes' },
    error: "Input 'timeout': '10 minutes' is not a duration (use seconds or a unit, decimals allowed: '90', '90s', '1.5m', '2h').",
  },
  {
    name: 'a timeout below one second',
    inputs: { 'pipeline-id': '2040', timeout: '0' },
    error: "Input 'timeout': '0' is out of range: give a duration from 1s to 72h.",
  },
  {
    name: 'model-id with run and wait: false',
    inputs: { 'pipeline-id': '2040', 'model-id': '162', wait: 'false' },
    error:
      "Input 'model-id' needs 'wait: true' for command 'run': the models are waited for once their pipelines have ended, and 'wait: false' returns as soon as the pipelines start.",
  },
  {
    name: 'a duplicate input with run',
    inputs: { 'pipeline-id': '2040', 'full-tables': '{"": "orders_prod"}' },
    error: "Input 'full-tables' is not used by command 'run', only by 'duplicate': remove it, or use that command.",
  },
  {
    name: 'status with no id',
    inputs: { command: 'status' },
    error: "Command 'status' needs at least one id: set 'pipeline-id', 'model-id' or both.",
  },
  {
    name: 'an id too large',
    inputs: { 'pipeline-id': '20402041' + '2042204320' + '44' },
    error:
      "Input 'pipeline-id': '20402041204220432044' is too large for an id (the largest is 9007199254740991); check that two ids are not run together.",
  },
  {
    name: 'client-id as the app shows it',
    inputs: {
      command: 'duplicate',
      'pipeline-id': '2040',
      'src-collection-id': '1',
      'dest-collection-id': '2',
      'full-tables': '{"": "orders_prod"}',
      'client-id': '732829-1',
    },
    error: "Input 'client-id': '732829-1' is the account code as the app shows it; give the number before the dash: 732829.",
  },
  {
    name: 'full-tables without the main table',
    inputs: {
      command: 'duplicate',
      'pipeline-id': '2040',
      'src-collection-id': '1',
      'dest-collection-id': '2',
      'full-tables': '{"statuses": "s"}',
    },
    error: `Input 'full-tables' must name the main table with the empty path "" (e.g. {"": "orders_prod"}).`,
  },
]

describe('bad input', () => {
  test.concurrent.each(CASES)('bad input: $name fails before any request, naming the input', async ({ inputs, error, summaryLine }) => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, tablePaths: [''] }))
    const run = await act(sim, inputs)

    expect(run.code).toBe(1)
    expect(sim.model.log).toEqual([])
    // The one thing shown: the runner's failure line, on one line.
    expect(visibleStdout(run).split('\n').filter(Boolean)).toEqual([`::error::${error}`])
    expect(run.stderr).toBe('')
    expect(run.outputsFile).toBe('')
    // A short summary: the step did not start, and why, each input error a line.
    expect(run.summary).toBe(
      `## ${TITLES[inputs.command ?? 'run'] ?? TITLES.run}\n\n❌ The step did not start: an input is not right, and nothing was sent to Kondado.\n\n- ${summaryLine ?? asMarkdown(error)}\n`,
    )
    // Nothing waited for: the empty request log above shows the step failed before any request, and
    // the one line shown that it printed nothing about a wait. How fast it exited is up to the
    // machine, so the time is bounded only against a hang, at half jest's 60 s test timeout: a
    // step stuck that long and then ending fails here with its time, one never ending times out.
    expect(run.stepMs).toBeLessThan(30_000)
    // A secret left empty has nothing to mask; the other one still must be.
    expectClean(run, sim, [inputs.key ?? KEY, inputs.token ?? TOKEN])
  })

  test.concurrent('several bad inputs: all reported in one failure, a line each, and nothing sent', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, tablePaths: [''] }))
    const run = await act(sim, { command: 'Status', 'pipeline-id': '2040, abc', timeout: '100h', 'if-running': 'fail', language: 'PT-BR' })

    expect(run.code).toBe(1)
    expect(sim.model.log).toEqual([])
    expect(visibleStdout(run).split('\n').filter(Boolean)).toEqual([
      [
        "::error::O input 'if-running' não é usado pelo comando 'status', só por 'run': remova-o ou use esse comando.",
        "Input 'pipeline-id': 'abc' não é um id válido (ids são números inteiros positivos, por exemplo 2040).",
        "Input 'timeout': '100h' está fora do intervalo: informe uma duração entre 1s e 72h.",
      ].join('%0A'),
    ])
    expect([run.stderr, run.outputsFile]).toEqual(['', ''])
    // The summary in the step's language and for its command, both read as the failure line reads them (case aside).
    expect(run.summary).toBe(
      [
        '## Kondado: health check',
        '❌ O step não começou: 3 inputs estão errados, e nada foi enviado à Kondado.',
        [
          "- O input 'if-running' não é usado pelo comando 'status', só por 'run': remova-o ou use esse comando.",
          "- Input 'pipeline-id': 'abc' não é um id válido (ids são números inteiros positivos, por exemplo 2040).",
          "- Input 'timeout': '100h' está fora do intervalo: informe uma duração entre 1s e 72h.",
        ].join('\n'),
      ].join('\n\n') + '\n',
    )
    expectClean(run, sim)
  })

  // A token pasted into the wrong input, e.g. `pipeline-id: ${{ secrets.KONDADO_TOKEN }}`. The
  // runner masks whole secrets only, so a piece of one (cut short, or split at a space) that an
  // error message echoes would show in the log.
  const LONG_TOKEN = `tok_${'A1b2C3d4'.repeat(9)}`
  test.concurrent.each([
    { name: 'a long token (echo cut short)', token: LONG_TOKEN },
    { name: 'a token with spaces (echo of one part)', token: TOKEN },
  ])('bad input holding a secret: $name in pipeline-id is not echoed, not even in part', async ({ token }) => {
    const sim = await startSimulator(() => undefined)
    const run = await act(sim, { token, 'pipeline-id': token })

    expect(run.code).toBe(1)
    expect(sim.model.log).toEqual([])
    const shown = visibleStdout(run).split('\n').filter(Boolean)
    expect(shown).toHaveLength(1)
    // Every part of the list is a bad id, each reported on its own line of the one failure.
    const echoes = [...(shown[0] ?? '').matchAll(/Input 'pipeline-id': '(.*?)' is not an id/g)].map((m) => m[1])
    expect(echoes.length).toBe(token.split(/[\s,]+/).filter(Boolean).length)
    expect(new Set(echoes)).toEqual(new Set(['***']))
    // No run of 3 characters of the token in the failure line.
    const pieces = [...new Set(Array.from({ length: token.length - 2 }, (_, i) => token.slice(i, i + 3)))]
    expect(pieces.filter((piece) => shown[0]?.includes(piece))).toEqual([])
    expectClean(run, sim, [KEY, token])
  })
})
