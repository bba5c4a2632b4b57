// `npm run local-action` on a fresh clone: one command, no .env, no simulator started by hand, no
// summary file made beforehand. It runs src/main.ts (not dist/) through GitHub's local runner, so
// this also checks that local-action still finds main.ts's run(). Its exit code is the step's.

import { afterAll, describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { en } from '../../src/messages/en.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** The script as `npm run local-action -- <envFile>` runs it, outside any runner: no INPUT_, GITHUB_ or RUNNER_ variables. */
function localAction(envFile: string): Promise<{ code: number | null; stdout: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|NODE_OPTIONS$)/.test(name)),
  )
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['scripts/local-action.ts', envFile], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout }))
  })
}

const folders: string[] = []
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })))

/** An env file of the demo key and token, these lines, and a summary file of its own. */
function envFile(lines: string[]): { path: string; summary: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kondado-local-action-'))
  folders.push(dir)
  const summary = join(dir, 'summary.md')
  const path = join(dir, '.env')
  writeFileSync(path, ['INPUT_KEY=demo-key', 'INPUT_TOKEN=demo-token', ...lines, `GITHUB_STEP_SUMMARY=${summary}`].join('\n') + '\n')
  return { path, summary }
}

const lastLines = (stdout: string, count: number): string[] => stdout.trimEnd().split('\n').slice(-count)

describe('npm run local-action', () => {
  // Each run starts tsx through npm exec, then waits on simulated runs: give it room.
  test('with .env.example, as on a fresh clone: starts the simulator, runs src/main.ts, shows the outputs and the summary, exits 0', async () => {
    const { code, stdout } = await localAction('.env.example')
    expect(stdout).toContain('Inputs from .env.example (no .env: copy .env.example to .env to change them).\n')
    expect(stdout).toMatch(/^No INPUT_BASE-URL there: the Kondado simulator runs at http:\/\/127\.0\.0\.1:\d+ for this run /m)
    expect(stdout).toMatch(/^::info::\[ *\d+s\] pipeline 2040: healthy \(active\) after \d+s$/m)
    expect(stdout).toContain('::set-output name=healthy::true\n')
    expect(stdout).toContain('Action Outputs')
    const summary = stdout.slice(stdout.indexOf('\nJob summary (.tmp/summary.md):\n'))
    expect(summary).toContain(`\n## ${en.summary.title('run')}\n`)
    expect(summary).toMatch(/^\| \[pipeline 2040\]\(https:\/\/app\.kondado\.com\.br\/pipelines\/2040\) \| `active` \| ✅ healthy \|/m)
    expect(lastLines(stdout, 1)).toEqual(['The step passed.'])
    expect(code).toBe(0)
  }, 120_000)

  test('a step that fails: exit code 1, though local-action itself exits 0', async () => {
    const { path, summary } = envFile(['INPUT_COMMAND=status', 'INPUT_PIPELINE-ID=2042'])
    const { code, stdout } = await localAction(path)
    expect(stdout).toContain('::set-output name=healthy::false\n')
    expect(lastLines(stdout, 2)).toEqual([
      expect.stringMatching(/^The step failed: .*pipeline 2042/),
      '(local-action exits 0 even so; this script exits 1.)',
    ])
    expect(readFileSync(summary, 'utf8')).toContain('too_many_consecutive_failed_builds__blocked')
    expect(code).toBe(1)
  }, 120_000)

  test('an env file with its own base-url: no simulator started, and nothing listening there is said at once', async () => {
    const server = createServer()
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
    const address = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    await new Promise<void>((closed) => server.close(() => closed()))
    const { path } = envFile(['INPUT_COMMAND=status', 'INPUT_PIPELINE-ID=2040', `INPUT_BASE-URL=${address}`])
    const { code, stdout } = await localAction(path)
    expect(stdout).not.toContain('simulator runs at')
    expect(stdout).toContain(`: nothing is listening at ${address}, the 'base-url' on this machine.`)
    expect(lastLines(stdout, 2)[0]).toMatch(/^The step failed: /)
    expect(code).toBe(1)
  }, 120_000)
})
