import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { actionDefaults } from './action-defaults.ts'

const ROOT = resolve(import.meta.dirname, '..')
const DIST = join(ROOT, 'dist', 'index.js')

export interface ActionRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly outputs: Record<string, string>
  readonly summary: string
  readonly outputsFile: string
  readonly durationMs: number
  /**
   * From the action's first output to its exit: the time its own `timeout` governs, without
   * Node's start-up and the bundle's load, which a busy machine can stretch to seconds.
   */
  readonly stepMs: number
}

export interface RunningAction {
  readonly child: ChildProcess
  readonly done: Promise<ActionRun>
  /** Resolves once stdout contains `text`. */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>
}

/** Parses the runner's `name<<delimiter` output file format. */
function parseOutputsFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name, delimiter] = match as unknown as [string, string, string]
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] as string)
    outputs[name] = value.join('\n')
  }
  return outputs
}

/**
 * Runs the committed dist/index.js exactly as a runner does: a child process under this Node,
 * every input as INPUT_<NAME> with action.yml's defaults filled in, and the runner's files.
 */
export function startAction(
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
  echo?: NodeJS.WritableStream,
): RunningAction {
  const dir = mkdtempSync(join(tmpdir(), 'kondado-action-'))
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_STATE: join(dir, 'state') }
  for (const file of Object.values(files)) writeFileSync(file, '')
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, ...files, ...extraEnv }
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...inputs })) env[`INPUT_${name.toUpperCase()}`] = value
  const started = Date.now()
  const child = spawn(process.execPath, [DIST], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  /** Pending waitForOutput calls: each is told of new output, and of the exit. */
  const watchers = new Set<(exited: boolean) => void>()
  let firstOutputAt: number | undefined
  child.stdout?.on('data', (chunk: Buffer) => {
    firstOutputAt ??= Date.now()
    stdout += chunk.toString('utf8')
    echo?.write(chunk)
    for (const watcher of watchers) watcher(false)
  })
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const done = new Promise<ActionRun>((resolvePromise) => {
    child.on('close', (code, signal) => {
      for (const watcher of watchers) watcher(true)
      const outputsFile = readFileSync(files.GITHUB_OUTPUT, 'utf8')
      const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')
      rmSync(dir, { recursive: true, force: true })
      const exitedAt = Date.now()
      resolvePromise({
        code,
        signal,
        stdout,
        stderr,
        outputs: parseOutputsFile(outputsFile),
        summary,
        outputsFile,
        durationMs: exitedAt - started,
        stepMs: exitedAt - (firstOutputAt ?? started),
      })
    })
  })
  // Its timer is cleared however the wait ends, so no test leaves one behind to hold jest's worker open.
  const waitForOutput = (text: string | RegExp, timeoutMs = 50_000): Promise<void> =>
    new Promise((resolveWait, reject) => {
      const matches = (): boolean => (typeof text === 'string' ? stdout.includes(text) : text.test(stdout))
      if (matches()) return resolveWait()
      const end = (error?: Error): void => {
        clearTimeout(timer)
        watchers.delete(watcher)
        if (error) reject(error)
        else resolveWait()
      }
      const timer = setTimeout(() => end(new Error(`no ${String(text)} in stdout within ${timeoutMs} ms:\n${stdout}`)), timeoutMs)
      const watcher = (exited: boolean): void => {
        if (matches()) end()
        else if (exited) end(new Error(`the action exited without printing ${String(text)}:\n${stdout}`))
      }
      watchers.add(watcher)
    })
  return { child, done, waitForOutput }
}
