import { describe, test, expect } from '@jest/globals'
import type { Cell, Strategy } from '../../bench/cells.ts'
import { budgetLimited, evaluateGoals, type Budget } from '../../bench/goals.ts'
import type { Figures } from '../../bench/metrics.ts'

const budget: Budget = { requestsPerMinute: 20, poll: { minIntervalMs: 3_000, maxIntervalMs: 120_000 } }

const figures = (over: Partial<Figures> = {}): Figures => ({
  trials: 1,
  pipelineRuns: 1,
  meanLengthS: 30,
  readsPerRun: 10,
  delayMeanS: 3,
  delayP95S: 5,
  delayShareMean: 0.1,
  delayShareP95: 0.2,
  maxPerWindow: 10,
  minGapS: 2,
  refusedPerStep: 0,
  refusedTotal: 0,
  undetected: 0,
  ...over,
})

function cell(
  runLengthMs: number,
  pipelines: number,
  action: Partial<Figures>,
  others: Partial<Record<Strategy, Partial<Figures>>> = {},
): Cell {
  const meanLengthS = runLengthMs / 1000
  const of = (s: Strategy, base: Partial<Figures>): Figures => figures({ meanLengthS, ...base, ...others[s] })
  return {
    runLengthMs,
    pipelines,
    figures: {
      action: of('action', action),
      'fixed-5s': of('fixed-5s', { readsPerRun: 1000 }),
      'fixed-30s': of('fixed-30s', { readsPerRun: 200 }),
      'fixed-60s': of('fixed-60s', {}),
      ideal: of('ideal', { delayMeanS: 30 }),
      'ideal-confirm': of('ideal-confirm', { delayMeanS: 60 }),
    },
  }
}

const passing = (): Cell[] => [
  cell(30_000, 1, { delayMeanS: 4 }),
  cell(1_800_000, 1, { delayMeanS: 60, readsPerRun: 60 }, { 'fixed-5s': { readsPerRun: 350 } }),
  cell(7_200_000, 1, { delayMeanS: 60, readsPerRun: 100 }, { 'fixed-30s': { readsPerRun: 240 } }),
  cell(30_000, 20, { delayMeanS: 45, maxPerWindow: 20, minGapS: 1.02 }),
  cell(7_200_000, 20, { delayMeanS: 60 }, { ideal: { delayMeanS: 10 } }),
]

describe('budget-limited cells', () => {
  test('are those where the schedule asks for more reads than the budget at the run’s end', () => {
    expect(budgetLimited(30_000, 20, budget)).toBe(true)
    expect(budgetLimited(300_000, 20, budget)).toBe(true)
    expect(budgetLimited(1_800_000, 20, budget)).toBe(false)
    expect(budgetLimited(7_200_000, 20, budget)).toBe(false)
    // One pipeline at 3 s asks for exactly the budget, not more.
    expect(budgetLimited(30_000, 1, budget)).toBe(false)
  })
})

describe('goals', () => {
  test('all pass on figures that meet them; a schedule-limited cell is not held to the ideal', () => {
    const goals = evaluateGoals(passing(), budget)
    expect(goals.map((g) => [g.id, g.pass])).toEqual([
      ['budget', true],
      ['short-delay', true],
      ['few-reads', true],
      ['near-ideal', true],
    ])
    expect(goals.find((g) => g.id === 'near-ideal')?.checks.map((c) => c.case)).toEqual(['30 s x 20'])
  })

  test.each([
    ['budget', 3, { refusedTotal: 1 }],
    ['budget', 3, { maxPerWindow: 21 }],
    ['budget', 3, { minGapS: 0.99 }],
    ['near-ideal', 3, { delayMeanS: 90.1 }],
    ['short-delay', 0, { delayMeanS: 4.6 }],
    ['few-reads', 1, { readsPerRun: 71 }],
    ['few-reads', 2, { readsPerRun: 240 }],
  ] as const)('%s fails when cell %i has %j', (id, index, bad) => {
    const cells = passing()
    const target = cells[index] as Cell
    cells[index] = { ...target, figures: { ...target.figures, action: { ...target.figures.action, ...bad } } }
    const goal = evaluateGoals(cells, budget).find((g) => g.id === id)
    expect(goal?.pass).toBe(false)
    expect(goal?.checks.some((c) => !c.pass)).toBe(true)
  })
})
