/**
 * `npm run local-action [-- env-file]`: the action from src/main.ts, run by GitHub's own local
 * runner (@github/local-action), in one command on a fresh clone.
 *
 * Inputs come from the env file given, else `.env`, else `.env.example`. Unless that file sets
 * INPUT_BASE-URL, the built-in Kondado simulator is started on a free port for this run and the
 * action pointed at it. The job summary file is created (local-action writes it only if it
 * exists) and shown at the end. local-action itself exits 0 even when the step fails, so this
 * script judges the step by what it printed (`::error::`, the failure line of `setFailed`) and
 * exits 1 when it failed.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join, resolve } from 'node:path'
import { parseEnv } from 'node:util'
import { DEMO_KEY, DEMO_TOKEN, demoScenario, KondadoSimulator } from '../simulator/index.ts'

const ROOT = resolve(import.meta.dirname, '..')
process.chdir(ROOT)
// Relative, since local-action passes its arguments on unquoted; one per run, so runs side by side keep theirs.
const ENV_FILE = `.tmp/local-action-${process.pid}.env`

const source = process.argv[2] ?? (existsSync('.env') ? '.env' : '.env.example')
if (!existsSync(source)) {
  console.log(`No file ${source}: give an env file such as .env.example.`)
  process.exit(1)
}
const text = readFileSync(source, 'utf8')
const given = parseEnv(text)
console.log(`Inputs from ${source}${source === '.env.example' ? ' (no .env: copy .env.example to .env to change them)' : ''}.`)

mkdirSync('.tmp', { recursive: true })
const set: Record<string, string> = {}
let simulator: KondadoSimulator | undefined
if (!given['INPUT_BASE-URL']) {
  simulator = new KondadoSimulator({ key: DEMO_KEY, token: DEMO_TOKEN })
  demoScenario(simulator.model)
  await simulator.start()
  set['INPUT_BASE-URL'] = simulator.baseUrl
  // A fresh simulator has seen no requests, so the run starts with no request history either (kept in RUNNER_TEMP).
  set.RUNNER_TEMP = mkdtempSync(join(ROOT, '.tmp', 'runner-temp-'))
  console.log(
    `No INPUT_BASE-URL there: the Kondado simulator runs at ${simulator.baseUrl} for this run (key ${DEMO_KEY}, token ${DEMO_TOKEN}).`,
  )
} else {
  // A server that outlives this run counts every request: runs share their request history, as steps of a job do.
  set.RUNNER_TEMP = given.RUNNER_TEMP ?? join(ROOT, '.tmp', 'runner-temp')
}
const summaryFile = given.GITHUB_STEP_SUMMARY ?? '.tmp/summary.md'
set.GITHUB_STEP_SUMMARY = summaryFile
for (const folder of [dirname(summaryFile), set.RUNNER_TEMP]) mkdirSync(folder, { recursive: true })
writeFileSync(summaryFile, '')

// The file as given, but for the lines this script sets.
const nameOf = (line: string): string => /^\s*(?:export\s+)?([\w.-]+)\s*=/.exec(line)?.[1] ?? ''
const kept = text.split('\n').filter((line) => !Object.hasOwn(set, nameOf(line)))
writeFileSync(ENV_FILE, [...kept, ...Object.entries(set).map(([name, value]) => `${name}=${value}`)].join('\n') + '\n')

console.log(`Running: local-action . src/main.ts ${ENV_FILE}\n`)
const child = spawn(process.execPath, ['node_modules/@github/local-action/bin/local-action.js', '.', 'src/main.ts', ENV_FILE], {
  // This Node first on PATH, for the tsx local-action starts; npm_config_yes lets npx fetch tsx if it must.
  env: { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, npm_config_yes: 'true' },
  stdio: ['ignore', 'pipe', 'inherit'],
})
// Ctrl-C reaches local-action too: this script waits for it to end, then reports.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
let failure: string | undefined
let pending = ''
child.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk)
  const lines = (pending + chunk.toString('utf8')).split('\n')
  pending = lines.pop() ?? ''
  for (const line of lines) if (line.startsWith('::error::')) failure ??= line.slice('::error::'.length)
})
const code = await new Promise<number>((done) => child.on('close', (exitCode) => done(exitCode ?? 1)))
await simulator?.stop()
rmSync(ENV_FILE)
if (simulator) rmSync(set.RUNNER_TEMP, { recursive: true, force: true })

const summary = readFileSync(summaryFile, 'utf8').trimEnd()
console.log(`\nJob summary (${summaryFile}):\n${summary === '' ? '(empty)' : summary}\n`)
if (code !== 0) console.log(`local-action itself failed (exit code ${code}).`)
else if (failure !== undefined) console.log(`The step failed: ${failure}\n(local-action exits 0 even so; this script exits 1.)`)
else console.log('The step passed.')
process.exitCode = code !== 0 || failure !== undefined ? 1 : 0
