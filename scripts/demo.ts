/**
 * `npm run demo`: three steps of one job, the bundled action run as a GitHub runner runs it, against
 * the built-in Kondado simulator. The first runs pipeline 2040, which ends healthy, so the step
 * passes; the second runs pipeline 2041, whose run ends with an error, so the step fails; the
 * third, after a dbt deploy, runs 2040 again and waits for the next run of model 165, which Kondado
 * runs after 2040, and passes once that run has ended healthy. For each
 * it shows the log as the Actions page shows it (masks applied, groups as ▶ headers, annotations
 * as Error: lines), then the outputs, the job summary and the requests Kondado received.
 * Exits 0 when every step ended as described. Colours only on a terminal (and not with NO_COLOR).
 * `--language pt-BR` runs the action with `language: pt-BR` and tells the story in Portuguese.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { startAction } from '../harness/run-action.ts'
import { demoScenario, DEMO_KEY, DEMO_TOKEN, KondadoSimulator } from '../simulator/index.ts'
import { ANSI, PLAIN, RunnerLog } from './lib/runner-log.ts'

/** The demo's own words; the action's are its `language` input's. */
const WORDS = {
  en: {
    simulator: (url: string) => `Kondado simulator at ${url}, with the demo key and token (simulator/scenarios.ts).`,
    steps: 'Three steps of one job, each the bundled action dist/index.js as a runner starts it.',
    stories: [
      'its run ends healthy',
      'its run ends with a connection error',
      'after a dbt deploy: then the next run of the model built from it',
    ],
    log: 'Log, as the Actions page shows it:',
    outputs: 'Outputs:',
    summary: 'Job summary (Markdown):',
    requests: 'Requests Kondado received (paths only: the key and token are in the query):',
    ended: (passed: boolean, code: number | null) => `${passed ? 'The step passed' : 'The step failed'} (exit code ${code}).`,
    asExpected: 'The demo ran as expected: step 1 passed, step 2 failed, step 3 passed.',
    notAsExpected: 'The demo did not run as expected.',
  },
  'pt-BR': {
    simulator: (url: string) => `Simulador da Kondado em ${url}, com a key e o token de demonstração (simulator/scenarios.ts).`,
    steps: 'Três steps de um mesmo job; em cada um, a action empacotada dist/index.js é executada como o runner a executa.',
    stories: [
      'a execução termina saudável',
      'a execução termina com erro de conexão',
      'depois de um deploy do dbt: em seguida, a próxima execução do modelo construído a partir dele',
    ],
    log: 'Log, como a página do Actions mostra:',
    outputs: 'Outputs:',
    summary: 'Resumo do job (Markdown):',
    requests: 'Requisições que a Kondado recebeu (só os caminhos: a key e o token vão na query):',
    ended: (passed: boolean, code: number | null) => `${passed ? 'O step passou' : 'O step falhou'} (exit code ${code}).`,
    asExpected: 'A demonstração terminou como esperado: o step 1 passou, o step 2 falhou e o step 3 passou.',
    notAsExpected: 'A demonstração não terminou como esperado.',
  },
} as const
const { values: options } = parseArgs({ options: { language: { type: 'string', default: 'en' } } })
const language = Object.keys(WORDS).find((name) => name.toLowerCase() === options.language.toLowerCase()) as keyof typeof WORDS | undefined
if (!language) {
  console.error(`--language: '${options.language}' is not one of ${Object.keys(WORDS).join(', ')}.`)
  process.exit(2)
}
const words = WORDS[language]

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
  { pipeline: '2040', story: words.stories[0], passes: true },
  { pipeline: '2041', story: words.stories[1], passes: false },
  { pipeline: '2040', model: '165', story: words.stories[2], passes: true },
]

const simulator = new KondadoSimulator({ key: DEMO_KEY, token: DEMO_TOKEN })
demoScenario(simulator.model)
await simulator.start()
// Steps of one job share RUNNER_TEMP, where the action leaves its recent requests for the next step on the key.
const runnerTemp = mkdtempSync(join(tmpdir(), 'kondado-demo-'))
console.log(words.simulator(simulator.baseUrl))
console.log(words.steps)

let asExpected = true
for (const [i, step] of STEPS.entries()) {
  const models = step.model === undefined ? '' : `, model-id: ${step.model}`
  const inPortuguese = language === 'en' ? '' : `, language: ${language}`
  rule(`Step ${i + 1}: kondado-action, command: run, pipeline-id: ${step.pipeline}${models}${inPortuguese} (${step.story})`)
  console.log(words.log)
  const from = simulator.model.log.length
  const view = runnerView()
  const inputs = {
    command: 'run',
    key: DEMO_KEY,
    token: DEMO_TOKEN,
    'pipeline-id': step.pipeline,
    ...(step.model === undefined ? {} : { 'model-id': step.model }),
    'base-url': simulator.baseUrl,
    language,
  }
  const result = await startAction(inputs, { RUNNER_TEMP: runnerTemp }, view).done
  await new Promise<void>((done) => view.end(done))

  console.log(`\n${words.outputs}`)
  for (const [name, value] of Object.entries(result.outputs)) console.log(`  ${name.padEnd(17)} ${value}`)
  console.log(`\n${words.summary}`)
  for (const line of result.summary.trimEnd().split('\n')) console.log(`  ${line}`)
  console.log(`\n${words.requests}`)
  const requests = simulator.model.log.slice(from)
  const firstAt = requests[0]?.at ?? 0
  for (const entry of requests)
    console.log(`  ${((entry.at - firstAt) / 1000).toFixed(1).padStart(5)}s  ${entry.method.padEnd(4)} ${entry.path}  -> ${entry.outcome}`)
  const passed = result.code === 0
  asExpected &&= passed === step.passes
  console.log(`\n${passed ? words.ended(passed, result.code) : style.error(words.ended(passed, result.code))}`)
}
await simulator.stop()
rmSync(runnerTemp, { recursive: true, force: true })
console.log(asExpected ? `\n${words.asExpected}` : style.error(`\n${words.notAsExpected}`))
process.exitCode = asExpected ? 0 : 1
