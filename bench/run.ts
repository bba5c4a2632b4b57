// npm run bench: every cell in virtual time, a table on stdout, BENCHMARKS.md and BENCHMARKS.json.
// `--check` writes nothing and fails when the committed files differ from a fresh run, or a goal fails.
import { readFileSync, writeFileSync } from 'node:fs'
import { IDEAL_GAP_MS } from './baselines.ts'
import { PIPELINE_COUNTS, RUN_LENGTHS_MS, runCell, trialsFor, type Cell } from './cells.ts'
import { evaluateGoals, type Budget } from './goals.ts'
import { HISTORY_KINDS, HISTORY_PIPELINE_COUNTS, HISTORY_RUNS, runHistoryCell, type HistoryCell } from './history.ts'
import { toJson, toMarkdown, toText, type Results } from './report.ts'
import { actionInputs } from './settings.ts'
import { runTriggerBudget, triggerBudgetGoal } from './trigger-budget.ts'
import { LENGTH_SPREAD, MAX_HEAD_START_MS, ONE_WAY_MAX_MS, ONE_WAY_MIN_MS } from './world.ts'

const MD = new URL('../BENCHMARKS.md', import.meta.url)
const JSON_FILE = new URL('../BENCHMARKS.json', import.meta.url)

export async function runBench(): Promise<Results> {
  // The settings the action itself would use; key, token and ids only satisfy the parser.
  const inputs = actionInputs({ command: 'wait', key: 'k', token: 't', 'pipeline-id': '1' })
  const budget: Budget = { requestsPerMinute: inputs.requestsPerMinute, poll: inputs.step.polling }
  const cells: Cell[] = []
  for (const lengthMs of RUN_LENGTHS_MS) {
    for (const pipelines of PIPELINE_COUNTS) cells.push(await runCell(lengthMs, pipelines))
  }
  const historyCells: HistoryCell[] = []
  for (const lengthMs of RUN_LENGTHS_MS) {
    for (const pipelines of HISTORY_PIPELINE_COUNTS) {
      for (const kind of HISTORY_KINDS) historyCells.push(await runHistoryCell(kind, lengthMs, pipelines))
    }
  }
  const triggerBudget = await runTriggerBudget()
  return {
    method: {
      budget,
      trials: Object.fromEntries(PIPELINE_COUNTS.map((p) => [p, trialsFor(p)])),
      lengthSpread: LENGTH_SPREAD,
      maxHeadStartMs: MAX_HEAD_START_MS,
      oneWayMs: [ONE_WAY_MIN_MS, ONE_WAY_MAX_MS],
      idealGapMs: IDEAL_GAP_MS,
      historyRuns: HISTORY_RUNS,
    },
    cells,
    historyCells,
    triggerBudget,
    goals: [...evaluateGoals(cells, budget, historyCells), triggerBudgetGoal(triggerBudget)],
  }
}

function readOrEmpty(url: URL): string {
  try {
    return readFileSync(url, 'utf8')
  } catch {
    return ''
  }
}

if (import.meta.main) {
  const check = process.argv.includes('--check')
  const results = await runBench()
  process.stdout.write(toText(results))
  const files: [URL, string][] = [
    [MD, toMarkdown(results)],
    [JSON_FILE, toJson(results)],
  ]
  if (check) {
    const stale = files.filter(([url, text]) => readOrEmpty(url) !== text).map(([url]) => url.pathname.split('/').at(-1))
    if (stale.length > 0) {
      process.stderr.write(`bench: ${stale.join(' and ')} differ from a fresh run: run npm run bench and commit the result\n`)
      process.exitCode = 1
    }
    const failed = results.goals.filter((g) => !g.pass).map((g) => g.id)
    if (failed.length > 0) {
      process.stderr.write(`bench: goals not met: ${failed.join(', ')} (see BENCHMARKS.md)\n`)
      process.exitCode = 1
    }
  } else {
    for (const [url, text] of files) writeFileSync(url, text)
  }
}
