/**
 * `npm run demo`: three steps of one job, the bundled action run as a GitHub runner runs it, against
 * the built-in Kondado simulator. The first runs pipeline 2040, which ends healthy, so the step
 * passes; the second runs pipeline 2041, whose run ends with an error, so the step fails; the
 * third, after a dbt deploy, runs 2040 again and waits for the next run of model 165, which Kondado
 * runs after 2040, and passes once that run has ended healthy. For each
 * it shows the log as the Actions page shows it (masks applied, groups as ▶ headers, annotations
 * as Error: lines), then the outputs, the job summary and the requests Kondado received.
 * Exits 0 when every step ended as described. Colours only on a terminal (and not with NO_COLOR).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { startAction } from '../harness/run-action.ts'
import { demoScenario, DEMO_KEY, DEMO_TOKEN, KondadoSimulator } from '../simulator/index.ts'
import { ANSI, PLAIN, RunnerLog } from './lib/runner-log.ts'

const style = process.stdout.isTTY && process.env.NO_COLOR === undefined ? ANSI : PLAIN
const rule = (title: string): void => console.log(`\n${style.header(`── ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}`)}`)

/** Prints the step's stdout as it comes, line by line, through the runner's eyes. */
function runnerView(): Writable {
  const log = new RunnerLog(style)
  let pending = ''
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const lines = (pending + chunk.toString('utf8')).split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) for (const shown of log.line(line)) console.log(`  ${shown}`)
      done()
    },
    final(done) {
      if (pending !== '') for (const shown of log.line(pending)) console.log(`  ${shown}`)
      done()
    },
  })
}

const STEPS: { pipeline: string; model?: string; story: string; passes: boolean }[] = [
  { pipeline: '2040', story: 'its run ends healthy', passes: true },
  { pipeline: '2041', story: 'its run ends with a connection error', passes: false },
  { pipeline: '2040', model: '165', story: 'after a dbt deploy: then the next run of the model built from it', passes: true },
]

const simulator = new KondadoSimulator({ key: DEMO_KEY, token: DEMO_TOKEN })
demoScenario(simulator.model)
await simulator.start()
// Steps of one job share RUNNER_TEMP, where the action leaves its recent requests for the next step on the key.
const runnerTemp = mkdtempSync(join(tmpdir(), 'kondado-demo-'))
console.log(`Kondado simulator at ${simulator.baseUrl}, with the demo key and token (simulator/scenarios.ts).`)
console.log('Three steps of one job, each the bundled action dist/index.js as a runner starts it.')

let asExpected = true
for (const [i, step] of STEPS.entries()) {
  const models = step.model === undefined ? '' : `, model-id: ${step.model}`
  rule(`Step ${i + 1}: kondado-action, command: run, pipeline-id: ${step.pipeline}${models} (${step.story})`)
  console.log('Log, as the Actions page shows it:')
  const from = simulator.model.log.length
  const view = runnerView()
  const inputs = {
    command: 'run',
    key: DEMO_KEY,
    token: DEMO_TOKEN,
    'pipeline-id': step.pipeline,
    ...(step.model === undefined ? {} : { 'model-id': step.model }),
    'base-url': simulator.baseUrl,
  }
  const result = await startAction(inputs, { RUNNER_TEMP: runnerTemp }, view).done
  await new Promise<void>((done) => view.end(done))

  console.log('\nOutputs:')
  for (const [name, value] of Object.entries(result.outputs)) console.log(`  ${name.padEnd(17)} ${value}`)
  console.log('\nJob summary (Markdown):')
  for (const line of result.summary.trimEnd().split('\n')) console.log(`  ${line}`)
  console.log('\nRequests Kondado received (paths only: the key and token are in the query):')
  const requests = simulator.model.log.slice(from)
  const firstAt = requests[0]?.at ?? 0
  for (const entry of requests)
    console.log(`  ${((entry.at - firstAt) / 1000).toFixed(1).padStart(5)}s  ${entry.method.padEnd(4)} ${entry.path}  -> ${entry.outcome}`)
  const passed = result.code === 0
  asExpected &&= passed === step.passes
  console.log(`\n${passed ? 'The step passed' : style.error('The step failed')} (exit code ${result.code}).`)
}
await simulator.stop()
rmSync(runnerTemp, { recursive: true, force: true })
console.log(
  asExpected
    ? '\nThe demo ran as expected: step 1 passed, step 2 failed, step 3 passed.'
    : style.error('\nThe demo did not run as expected.'),
)
process.exitCode = asExpected ? 0 : 1
