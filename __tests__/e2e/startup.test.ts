// What a user meets before anything is set up: the bundle started by a Node older than the one it
// needs, and a base-url on this machine where nothing listens (the simulator not started). Each
// must end the step at once with one line that says what is wrong, not a stack trace or minutes
// of retries. No bound on time here but jest's: a step that retried for minutes would exceed it.

import { afterAll, describe, expect, test } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { act, cleanUp, errorLines, expectNoLeak, visibleStdout } from './helpers.ts'

const DIST = resolve(import.meta.dirname, '..', '..', 'dist', 'index.js')

afterAll(cleanUp)

/** A Node on this machine older than 24 (CI's system Node is 20), with its version; undefined if none. */
function olderNode(): { path: string; version: string } | undefined {
  const found = execFileSync('sh', ['-c', 'which -a node nodejs || true'], { encoding: 'utf8' }).split('\n')
  for (const path of [...found, '/usr/local/bin/node', '/usr/bin/node'].filter((p) => p !== '' && existsSync(p))) {
    const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '')
    if (Number(version.split('.')[0]) < 24) return { path, version }
  }
  return undefined
}

function runUnder(node: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(node, [DIST], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

const older = olderNode()
describe(`dist/index.js under an older Node (${older ? `${older.version} at ${older.path}` : 'skipped: no Node older than 24 on this machine'})`, () => {
  const run = older ? test : test.skip
  run('says in one line that it needs Node 24, and exits 1', async () => {
    const node = older as { path: string; version: string }
    const { code, stdout, stderr } = await runUnder(node.path, { INPUT_KEY: 'k', INPUT_TOKEN: 't' })
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' })
    expect(stdout).toBe(
      `::error::The Kondado action needs Node.js 24 or later, and this is Node.js ${node.version}: run it with Node 24 (after npm ci, node_modules/.bin/node) or on a runner that supports 'using: node24'.\n`,
    )
  })

  run('in Portuguese with language: pt-BR', async () => {
    const node = older as { path: string; version: string }
    const { code, stdout } = await runUnder(node.path, { INPUT_LANGUAGE: 'pt-BR' })
    expect(code).toBe(1)
    expect(stdout).toMatch(
      new RegExp(
        `^::error::A action da Kondado precisa do Node\\.js 24 ou mais novo, e este é o Node\\.js ${node.version.replace(/\./g, '\\.')}: [^\\n]*\\n$`,
      ),
    )
  })
})

/** A port on this machine where a server listened a moment ago, and nothing listens now. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  await new Promise<void>((done) => server.close(() => done()))
  return port
}

describe('a base-url on this machine with nothing listening', () => {
  test.each([
    ['127.0.0.1', 'en', 'Could not reach Kondado for pipeline 2040 (ECONNREFUSED): nothing is listening at ADDRESS'],
    [
      'localhost',
      'pt-BR',
      'Não foi possível conectar à Kondado no pedido sobre o pipeline 2040 (ECONNREFUSED): não há nada escutando em ADDRESS',
    ],
  ])(
    '%s (%s): one retry, then exit 1 with one line saying nothing listens at the address, and no more of the URL',
    async (host, language, says) => {
      const address = `http://${host}:${await closedPort()}`
      const run = await act(null, { command: 'status', 'pipeline-id': '2040', 'base-url': address, language })
      expect(run.code).toBe(1)
      expect(run.outputs.healthy).toBe('false')
      // The resource's annotation, one line, says what is wrong and where; the step's failure line may repeat the address.
      const annotations = errorLines(run).filter((line) => line.startsWith('::error title='))
      expect(annotations).toHaveLength(1)
      expect(annotations[0]).toContain(says.replace('ADDRESS', address))
      expect(annotations[0]).not.toContain('%0A')
      // Two reads in all, by the request log: the first refusal is retried once, the second is final.
      expect(visibleStdout(run).match(/GET \/pipelines\/2040\/status: ECONNREFUSED/g)).toHaveLength(2)
      // The address is named bare: never its path or query (the key and token travel there).
      expect(visibleStdout(run)).not.toContain(`${address}/`)
      expectNoLeak(run)
    },
  )
})
