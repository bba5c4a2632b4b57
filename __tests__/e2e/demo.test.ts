// `npm run demo` is half of the README's promise for a fresh machine: it must keep working.

import { describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..', '..')

function runDemo(): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['scripts/demo.ts'], {
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

describe('npm run demo', () => {
  test('runs the bundled action against the simulator: pipeline 2040 triggered, waited for, judged healthy; outputs and summary shown', async () => {
    const { code, stdout } = await runDemo()
    expect(code).toBe(0)
    expect(stdout).toMatch(/pipeline 2040: run requested/)
    expect(stdout).toMatch(/pipeline 2040: healthy \(active\) after \d+s/)
    expect(stdout).toMatch(/^healthy\s+true$/m)
    expect(stdout).toMatch(/^status\s+active$/m)
    expect(stdout).toContain('## Kondado: run pipelines')
    expect(stdout).toContain('| [pipeline 2040](https://app.kondado.com.br/pipelines/2040) | `active` | ✅ healthy |')
    expect(stdout).toMatch(/POST \/pipelines\/2040\/run\s+-> ok/)
    expect(stdout).toContain('Exit code 0: the step passed.')
  })
})
