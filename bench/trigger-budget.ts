// A `run` step on a key whose shared budget earlier steps have nearly spent: are short runs still
// seen to start and judged as they ended? The action holds each trigger until the budget can also
// pay for the reads that confirm its start (src/core/start-and-read.ts); this measures what that gives.

import { seededRandom, VirtualClock } from '../harness/virtual-clock.ts'
import { composeStep } from '../src/core/index.ts'
import { table } from '../src/report/markdown.ts'
import { MIN_GAP_MS } from '../src/core/scheduler.ts'
import { KondadoModel } from '../simulator/index.ts'
import { modelTransport } from '../simulator/transport.ts'
import { check, goal, type Goal } from './goals.ts'
import { actionInputs } from './settings.ts'
import { KEY, TOKEN } from './world.ts'

/** Requests earlier steps on the key sent in the minute before this one, a second apart. */
export const EARLIER_SENDS = [0, 10, 15, 19] as const
/** Runs as short as small pipelines take, the hardest for a spent budget: over in fewer reads than the window has. */
export const SHORT_RUN = { queuedMs: 500, runningMs: 8_000 } as const
export const BUDGET_PIPELINES = [2040, 2041] as const
export const BUDGET_TRIALS = 10

export interface BudgetRow {
  readonly earlierSends: number
  readonly runs: number
  /** Runs judged healthy after their own run, as they ended. */
  readonly judgedHealthy: number
  /** The longest a trigger was held back by the budget, from the step's start. */
  readonly lastTriggerS: number
  /** Mean time from a run's end to its verdict. */
  readonly delayMeanS: number
}

const START_MS = 1_000_000

async function trial(earlierSends: number, seed: number) {
  const clock = new VirtualClock(START_MS)
  const model = new KondadoModel({ key: KEY, token: TOKEN, clock })
  for (const id of BUDGET_PIPELINES) model.addPipeline({ id, run: SHORT_RUN })
  const triggeredAt = new Map<number, number>()
  const transport = modelTransport(model, {
    beforeRequest: (req) => {
      const id = /\/pipelines\/(\d+)\/run/.exec(req.url.pathname)?.[1]
      if (req.method === 'POST' && id) triggeredAt.set(Number(id), clock.now())
    },
  })
  // The earlier sends end just before this step starts: the window is as full as they can make it.
  const sentBefore = Array.from({ length: earlierSends }, (_, i) => START_MS - (earlierSends - i) * MIN_GAP_MS)
  const inputs = actionInputs({ command: 'run', key: KEY, token: TOKEN, 'pipeline-id': BUDGET_PIPELINES.join(',') })
  const settled = new Map<number, { at: number; verdict: string }>()
  await composeStep(
    { ...inputs, settings: inputs.step, transport },
    {
      clock,
      random: seededRandom(seed),
      sentBefore,
      onEvent: (event) => {
        if (event.type === 'settled') settled.set(event.report.resource.id, { at: clock.now(), verdict: event.report.verdict })
      },
    },
  )
  return BUDGET_PIPELINES.map((id) => {
    const sent = triggeredAt.get(id) ?? Number.NaN
    const end = sent + SHORT_RUN.queuedMs + SHORT_RUN.runningMs
    const verdict = settled.get(id)
    return {
      triggeredS: (sent - START_MS) / 1000,
      healthy: verdict?.verdict === 'healthy',
      delayS: ((verdict?.at ?? Number.NaN) - end) / 1000,
    }
  })
}

export async function runTriggerBudget(): Promise<BudgetRow[]> {
  const rows: BudgetRow[] = []
  for (const earlierSends of EARLIER_SENDS) {
    const runs = []
    for (let t = 0; t < BUDGET_TRIALS; t++) runs.push(...(await trial(earlierSends, 0xb0d9e7 + t)))
    rows.push({
      earlierSends,
      runs: runs.length,
      judgedHealthy: runs.filter((r) => r.healthy).length,
      lastTriggerS: Math.max(...runs.map((r) => r.triggeredS)),
      delayMeanS: runs.reduce((sum, r) => sum + r.delayS, 0) / runs.length,
    })
  }
  return rows
}

/** Every short run is seen to start and judged healthy, however full the window the step starts in. */
export function triggerBudgetGoal(rows: readonly BudgetRow[]): Goal {
  const runSeconds = (SHORT_RUN.queuedMs + SHORT_RUN.runningMs) / 1000
  return goal(
    'trigger-budget',
    `A \`run\` of ${BUDGET_PIPELINES.length} pipelines whose runs last ${runSeconds} s, on a key whose earlier steps sent up to ${Math.max(...EARLIER_SENDS)} requests in the minute before: every run seen to start and judged healthy as it ended.`,
    rows.map((row) =>
      check({
        case: `${row.earlierSends} earlier requests`,
        what: 'runs judged healthy',
        value: row.judgedHealthy,
        op: '>=',
        limit: row.runs,
      }),
    ),
  )
}

/** The section of BENCHMARKS.md, and the rows of BENCHMARKS.json. */
export function triggerBudgetMarkdown(rows: readonly BudgetRow[]): string[] {
  return [
    '## A trigger on a nearly spent budget',
    '',
    `\`run\` of pipelines ${BUDGET_PIPELINES.join(' and ')}, each run queued ${SHORT_RUN.queuedMs / 1000} s and running ${SHORT_RUN.runningMs / 1000} s, as short as small pipelines take; earlier steps on the same key had sent requests a second apart, ending as this step starts (the request times steps hand on tell it so). ${BUDGET_TRIALS} trials per row, the action's defaults. A trigger is held until the budget can also pay for the reads that confirm its start (src/core/start-and-read.ts): without that, a run triggered into a spent window ended before its first read and was reported "not seen to start".`,
    '',
    table(
      ['earlier requests', 'runs', 'judged healthy', 'last trigger sent at s', 'mean delay after the end s'],
      rows.map((r) => [
        String(r.earlierSends),
        String(r.runs),
        String(r.judgedHealthy),
        r.lastTriggerS.toFixed(1),
        r.delayMeanS.toFixed(1),
      ]),
      ['---:', '---:', '---:', '---:', '---:'],
    ),
    '',
  ]
}
