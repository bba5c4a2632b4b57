// `npm run demo` is half of the README's promise for a fresh machine: it must keep working, and
// show what the Actions page shows, not the raw workflow commands with the key in them.

import { describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { ptBR } from '../../src/messages/pt-BR.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')

function runDemo(...args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['scripts/demo.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout }))
  })
}

/** A log line with its timestamp, `[    12s] text`, as a pattern for one whole line. */
const logLine = (indent: string, text: string): RegExp =>
  new RegExp(`^${indent}\\[ *\\d+s\\] ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm')

describe('npm run demo', () => {
  // Three steps that each wait on a simulated run of about 8 s (the last, then a model's), plus their polling: give them room.
  // The two demos mostly wait on simulated runs: side by side, they take the time of one.
  test.concurrent(
    'shows passing and failing steps as the Actions page would: masks applied, groups as headers, annotations as lines',
    async () => {
      const { code, stdout } = await runDemo()
      expect(code).toBe(0)

      // What the runner hides: workflow commands, the secrets in any form, and (off a terminal) colours.
      expect(stdout).not.toMatch(/::/)
      for (const secret of ['demo-key', 'demo-token', 'ZGVtby1rZXk', 'ZGVtby10b2tlbg']) expect(stdout).not.toContain(secret)
      expect(stdout).not.toContain('\x1b[')

      const [intro = '', first = '', second = '', third = ''] = stdout.split(/^── /m)
      expect(intro).toMatch(/^Kondado simulator at http:\/\/127\.0\.0\.1:\d+, with the demo key and token \(simulator\/scenarios\.ts\)\.\n/)
      expect(first.split('\n')[0]).toBe('Step 1: kondado-action, command: run, pipeline-id: 2040 (its run ends healthy) ')
      expect(second.split('\n')[0]).toBe('Step 2: kondado-action, command: run, pipeline-id: 2041 (its run ends with a connection error) ')

      expect(first).toMatch(logLine('  ', 'pipeline 2040: run requested; waiting for Kondado to show it queued or running.'))
      expect(first).toMatch(/^ {2}\[ *\d+s\] pipeline 2040: healthy \(active\) after \d+s$/m)
      expect(first).not.toContain('▶')
      expect(first).not.toContain('Error:')
      expect(first).toMatch(/^ {2}healthy +true$/m)
      expect(first).toMatch(/^ {2}status +active$/m)
      expect(first).toMatch(
        /^ {2}\| \[pipeline 2040\]\(https:\/\/app\.kondado\.com\.br\/pipelines\/2040\) \| `active` \| ✅ healthy \| \d+s \| {2}\|$/m,
      )
      expect(first).toMatch(/^ +\d+\.\ds {2}POST \/pipelines\/2040\/run {2}-> ok$/m)
      expect(first).toContain('\nThe step passed (exit code 0).\n')

      const error = '"Could not connect to the source: connection timed out"'
      expect(second).toMatch(logLine('  ', `pipeline 2041: active, ${error}`))
      expect(second).toContain(`\n  Error: pipeline 2041 is not healthy: active, ${error}.\n`)
      expect(second).toContain('\n  Error: 1 of 1 resource did not pass: pipeline 2041 (unhealthy).\n')
      expect(second).toMatch(/^ {2}healthy +false$/m)
      expect(second).toMatch(/^ {2}raw-msg +Could not connect to the source: connection timed out$/m)
      expect(second).toMatch(
        /^ {2}\| \[pipeline 2041\]\(https:\/\/app\.kondado\.com\.br\/pipelines\/2041\) \| `active` \| ❌ unhealthy \| \d+s \| /m,
      )
      expect(second).toContain('\nThe step failed (exit code 1).\n')

      // After a dbt deploy: the pipeline, then the next run of the model Kondado builds from it.
      expect(third.split('\n')[0]).toBe(
        'Step 3: kondado-action, command: run, pipeline-id: 2040, model-id: 165 (after a dbt deploy: then the next run of the model built from it) ',
      )
      expect(third).toMatch(
        logLine('  ', 'model 165: its pipelines ended healthy; waiting up to 10m for its next run to show queued or running.'),
      )
      expect(third).toMatch(logLine('  ', 'model 165: the run has started.'))
      expect(third).toMatch(/^ {2}\[ *\d+s\] model 165: healthy \(active, model operational\) after \d+s$/m)
      expect(third).toMatch(
        /^ {2}\| \[model 165\]\(https:\/\/app\.kondado\.com\.br\/models\/165\) \| `active` \| ✅ healthy \(its next run\) \| \d+s \| {2}\|$/m,
      )
      expect(third).toContain('\nThe step passed (exit code 0).\n')
      expect(third.trimEnd().split('\n').at(-1)).toBe('The demo ran as expected: step 1 passed, step 2 failed, step 3 passed.')
    },
    120_000,
  )

  test.concurrent(
    '--language pt-BR: the action speaks Portuguese, and so does the story around it',
    async () => {
      const { code, stdout } = await runDemo('--language', 'pt-BR')
      expect(code).toBe(0)
      expect(stdout).not.toMatch(/::/)
      for (const secret of ['demo-key', 'demo-token', 'ZGVtby1rZXk', 'ZGVtby10b2tlbg']) expect(stdout).not.toContain(secret)

      const [intro = '', first = '', second = '', third = ''] = stdout.split(/^── /m)
      expect(intro).toMatch(
        /^Simulador da Kondado em http:\/\/127\.0\.0\.1:\d+, com a key e o token de demonstração \(simulator\/scenarios\.ts\)\.\n/,
      )
      expect(first.split('\n')[0]).toBe(
        'Step 1: kondado-action, command: run, pipeline-id: 2040, language: pt-BR (a execução termina saudável) ',
      )
      expect(first).toContain('\nLog, como a página do Actions mostra:\n')
      expect(first).toContain(`\n  ## ${ptBR.summary.title('run')}\n`)
      expect(first).toMatch(new RegExp(`^ {2}\\| \\[pipeline 2040\\]\\(.*\\) \\| \`active\` \\| ✅ ${ptBR.verdict.healthy} \\|`, 'm'))
      expect(first).toContain('\nRequisições que a Kondado recebeu (só os caminhos: a key e o token vão na query):\n')
      expect(first).toContain('\nO step passou (exit code 0).\n')

      expect(second.split('\n')[0]).toBe(
        'Step 2: kondado-action, command: run, pipeline-id: 2041, language: pt-BR (a execução termina com erro de conexão) ',
      )
      expect(second).toMatch(new RegExp(`^ {2}\\| \\[pipeline 2041\\]\\(.*\\) \\| \`active\` \\| ❌ ${ptBR.verdict.unhealthy} \\|`, 'm'))
      expect(second).toMatch(/^ {2}Error: /m)
      expect(second).toContain('\nO step falhou (exit code 1).\n')

      expect(third.split('\n')[0]).toBe(
        'Step 3: kondado-action, command: run, pipeline-id: 2040, model-id: 165, language: pt-BR (depois de um deploy do dbt: em seguida, a próxima execução do modelo construído a partir dele) ',
      )
      expect(third).toMatch(/^ {2}\| \[modelo 165\]/m)
      expect(third.trimEnd().split('\n').at(-1)).toBe(
        'A demonstração terminou como esperado: o step 1 passou, o step 2 falhou e o step 3 passou.',
      )
    },
    120_000,
  )
})
