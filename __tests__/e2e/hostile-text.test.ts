// Text from outside never steers the runner, pings anyone or hides itself, end to end on dist/:
// Kondado's statuses, raw_msg and kubo type, and an input echoed back, each carrying every
// hostile form, through the log, the annotations, the failure, the summary and the outputs. A
// runner model applies both command parsers to every line the step printed.

import { afterAll, describe, expect, test } from '@jest/globals'
import { secretForms, MASK_PREFIX, unescapeCommand } from '../../__fixtures__/action-checks.ts'
import { commandsIn, HOSTILE, LIVE_IN_MARKDOWN } from '../../__fixtures__/runner-commands.ts'
import { runnerEnv, startGitHub, stopGitHub, workflowDispatch } from '../../__fixtures__/github-run.ts'
import type { ActionRun } from '../../harness/run-action.ts'
import { act, cleanUp, expectClean, KEY, startSimulator, TOKEN } from './helpers.ts'

afterAll(async () => {
  await stopGitHub()
  await cleanUp()
})

const HOSTILE_TEXT = HOSTILE.join(' | ')

/** The commands the runner would obey: only the action's own (masks of the secrets, annotations, debug lines), never one from outside. */
function expectOnlyOwnCommands(run: ActionRun, secrets: readonly string[]): void {
  const masks = new Set(secrets.flatMap(secretForms))
  for (const line of run.stdout.split('\n')) {
    for (const command of commandsIn(line)) {
      expect({ line, command }).toEqual({
        line,
        command: expect.stringMatching(/^::(add-mask|error|warning|debug|notice|group|endgroup)$/),
      })
      if (command === '::add-mask')
        expect({ line, masked: masks.has(unescapeCommand(line.slice(MASK_PREFIX.length))) }).toEqual({ line, masked: true })
    }
  }
  for (const [name, value] of Object.entries(run.outputs)) expect({ name, commands: commandsIn(value) }).toEqual({ name, commands: [] })
  // Code spans show text as it is and link nothing: a status or kubo type is shown in one.
  const prose = run.summary.replace(/(`+)[\s\S]*?\1/g, '')
  for (const pattern of LIVE_IN_MARKDOWN)
    expect({ pattern: String(pattern), found: pattern.exec(prose)?.[0] }).toEqual({ pattern: String(pattern), found: undefined })
}

describe("Kondado's text", () => {
  for (const command of ['run', 'status'] as const)
    test.concurrent(`in a status, raw_msg and kubo type is obeyed as nothing and pings no one (${command})`, async () => {
      const sim = await startSimulator((m) => {
        m.addPipeline({
          id: 2040,
          status: 'active',
          raw_msg: HOSTILE_TEXT,
          run: { queuedReads: 0, runningReads: 1, outcome: { status: 'active', raw_msg: HOSTILE_TEXT } },
        })
        m.addPipeline({ id: 2041, script: Array.from({ length: 8 }, () => ({ status: '##[add-mask]active', raw_msg: HOSTILE[5] })) })
        m.addModel({ id: 162, kubo_status_type: '##[stop-commands]zz9 @org/team', raw_msg: HOSTILE[9] })
      })
      const inputs: Record<string, string> =
        command === 'run' ? { 'pipeline-id': '2040 2041' } : { command, 'pipeline-id': '2040 2041', 'model-id': '162' }
      const run = await act(sim, inputs)
      expectClean(run, sim)
      expect(run.code).toBe(1)
      expectOnlyOwnCommands(run, [KEY, TOKEN])
      // Not vacuous: the hostile text reached the log, the summary and the outputs, made safe.
      expect(run.stdout).toContain('##\\[stop-commands]zz9')
      expect(run.summary).toContain('@&#8203;user')
      expect(run.outputs.result).toContain('##\\\\[add-mask]')
      // The word a mask would have hidden is still readable: nothing was masked by Kondado's text.
      expect(run.stdout).toMatch(/unhealthy|unknown status/)
    })
})

describe('an input echoed back', () => {
  test.concurrent('an environment carrying a command is obeyed as nothing when the failure names it', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, tablePaths: [''] }))
    const gitHub = await startGitHub()
    gitHub.switches.noDeployments = true
    const run = await act(
      sim,
      {
        command: 'duplicate',
        'pipeline-id': '2040',
        'src-collection-id': '11',
        'dest-collection-id': '12',
        'full-tables': '{"": "orders_staging_copy"}',
        environment: 'prod ##[add-mask]unhealthy @org/team',
        'github-token': 'ghs_test-token',
      },
      runnerEnv(gitHub, workflowDispatch),
    )
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: '' })
    expect(sim.model.log).toEqual([])
    expectOnlyOwnCommands(run, [KEY, TOKEN, 'ghs_test-token'])
    expect(run.stdout).toContain("environment 'prod ##\\[add-mask]unhealthy")
  })
})
