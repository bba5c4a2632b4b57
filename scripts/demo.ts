/**
 * `npm run demo`: the bundled action, run as a GitHub runner runs it, against the built-in
 * Kondado simulator: it triggers demo pipeline 2040, waits for it, judges it, and shows the
 * outputs and the job summary it wrote.
 */
import { startAction } from '../__fixtures__/run-action.ts'
import { demoScenario, DEMO_KEY, DEMO_TOKEN, KondadoSimulator } from '../simulator/index.ts'

const simulator = new KondadoSimulator({ key: DEMO_KEY, token: DEMO_TOKEN })
demoScenario(simulator.model)
await simulator.start()

const inputs = {
  command: 'run',
  key: DEMO_KEY,
  token: DEMO_TOKEN,
  'pipeline-id': '2040',
  'base-url': simulator.baseUrl,
}
const rule = (title: string): void => console.log(`\n\x1b[1m── ${title} ${'─'.repeat(Math.max(0, 60 - title.length))}\x1b[0m`)

rule(`Workflow step: kondado-action, command: run, pipeline-id: 2040 (Kondado simulator at ${simulator.baseUrl})`)
const result = await startAction(inputs, {}, process.stdout).done
await simulator.stop()

rule('Outputs')
for (const [name, value] of Object.entries(result.outputs)) console.log(`${name.padEnd(17)} ${value}`)
rule('Job summary (Markdown)')
console.log(result.summary)
rule('Requests Kondado received')
const firstAt = simulator.model.log[0]?.at ?? 0
for (const entry of simulator.model.log)
  console.log(`${((entry.at - firstAt) / 1000).toFixed(1).padStart(5)}s  ${entry.method.padEnd(4)} ${entry.path}  -> ${entry.outcome}`)
console.log(`\nExit code ${result.code}: the step ${result.code === 0 ? 'passed' : 'failed'}.`)
process.exitCode = result.code ?? 1
