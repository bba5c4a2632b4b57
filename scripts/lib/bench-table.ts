import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { table } from '../../src/report/markdown.ts'

interface Figures {
  readonly readsPerRun: number
  readonly delayMeanS: number
  readonly delayShareMean: number
  readonly maxRequestsIn60s: number
  readonly refusedPerStep: number
}

interface BenchCell {
  readonly runLengthS: number
  readonly pipelines: number
  readonly strategies: Readonly<Record<string, Figures>>
}

interface BenchResults {
  readonly cells: readonly BenchCell[]
  readonly goals: readonly { readonly text: string; readonly pass: boolean }[]
}

const LENGTH = (s: number): string => (s >= 3600 ? `${s / 3600} h` : s >= 60 ? `${s / 60} min` : `${s} s`)
const ROWS: readonly [string, string][] = [
  ['action', 'this action'],
  ['fixed-5s', 'fixed 5 s'],
  ['fixed-30s', 'fixed 30 s'],
  ['fixed-60s', 'fixed 60 s'],
]

/**
 * The README's benchmark figures, taken from BENCHMARKS.json, which `npm run bench` writes and
 * CI regenerates: the README can never quote figures the code no longer produces.
 */
export function renderBenchFigures(root: string): string {
  const results = JSON.parse(readFileSync(join(root, 'BENCHMARKS.json'), 'utf8')) as BenchResults
  const cell = (pipelines: number): BenchCell[] => results.cells.filter((c) => c.pipelines === pipelines)
  const one = cell(1)
  const header = ['strategy', ...one.map((c) => `${LENGTH(c.runLengthS)} run`)]
  const figure = (f: Figures): string =>
    `${f.delayMeanS.toFixed(1)} s (${(f.delayShareMean * 100).toFixed(1)} %), ${f.readsPerRun.toFixed(0)} reads`
  const twenty = cell(20)
  return [
    'One pipeline: mean time to notice the end (share of the run), and status reads per run.',
    '',
    table(
      header,
      ROWS.map(([id, label]) => [label, ...one.map((c) => figure(c.strategies[id] as Figures))]),
    ),
    '',
    'Twenty pipelines in one step: mean time to notice, and requests Kondado refused per step (its limit is 20 a minute).',
    '',
    table(
      ['strategy', ...twenty.map((c) => `${LENGTH(c.runLengthS)} runs`)],
      [...ROWS, ['ideal-confirm', 'ideal round-robin, same two-read rule'] as const].map(([id, label]) => [
        label,
        ...twenty.map((c) => {
          const f = c.strategies[id] as Figures
          return `${f.delayMeanS.toFixed(1)} s, ${f.refusedPerStep.toFixed(0)} refused`
        }),
      ]),
    ),
    '',
    ...results.goals.map((g) => `- ${g.pass ? '✅' : '❌'} ${g.text}`),
  ].join('\n')
}
