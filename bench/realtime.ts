// The virtual figures, checked against real time: one short case with the real clock, the real
// HTTP transport and the simulator's server on loopback, beside the same case in virtual time.
import { systemClock } from '../src/core/clock.ts'
import { createUndiciTransport } from '../src/core/http.ts'
import { KondadoSimulator } from '../simulator/index.ts'
import { actionRandom, actionTrial, runActionStep, toTrial } from './action.ts'
import { summarize, type Figures } from './metrics.ts'
import { KEY, stageRuns, StagingClock, TOKEN, type RunPlan } from './world.ts'

/**
 * One pipeline, 19.5 s long, waited on from its start: the action reads it every 3 s, so the
 * end falls 1.5 s from the nearest read and the few milliseconds real time drifts cannot move it
 * to another read.
 */
export const REALTIME_PLAN: readonly RunPlan[] = [{ id: 1001, lengthMs: 19_500, startedBeforeMs: 0 }]
const SEED = 7

/** How far the real run may stray from the virtual one. */
export const TOLERANCE = { reads: 1, delayS: 1 }

export interface RealtimeComparison {
  readonly virtual: Figures
  readonly real: Figures
  readonly withinTolerance: boolean
}

export async function realTimeTrial(plans: readonly RunPlan[], seed: number): Promise<Figures> {
  const clock = new StagingClock({ now: () => Date.now() })
  const simulator = new KondadoSimulator({ key: KEY, token: TOKEN, clock })
  await simulator.start()
  try {
    const waitStart = Date.now()
    const ends = stageRuns(simulator.model, clock, plans, waitStart)
    const result = await runActionStep({
      plans,
      clock: systemClock,
      random: actionRandom(seed),
      transport: createUndiciTransport(),
      baseUrl: simulator.baseUrl,
    })
    return summarize([
      toTrial(
        plans,
        ends,
        result,
        simulator.model.log.filter((entry) => entry.at >= waitStart),
      ),
    ])
  } finally {
    await simulator.stop()
  }
}

export async function compareRealTime(): Promise<RealtimeComparison> {
  // Loopback takes a millisecond or so: the virtual run gets no network time either, like for like.
  const virtual = summarize([await actionTrial(REALTIME_PLAN, SEED, () => 0)])
  const real = await realTimeTrial(REALTIME_PLAN, SEED)
  const withinTolerance =
    Math.abs(real.readsPerRun - virtual.readsPerRun) <= TOLERANCE.reads &&
    Math.abs(real.delayMeanS - virtual.delayMeanS) <= TOLERANCE.delayS &&
    real.refusedTotal === 0 &&
    real.undetected === 0
  return { virtual, real, withinTolerance }
}

if (import.meta.main) {
  const { virtual, real, withinTolerance } = await compareRealTime()
  const show = (name: string, f: Figures): string =>
    `${name.padEnd(8)} reads ${f.readsPerRun}  delay ${f.delayMeanS.toFixed(2)} s  max in 60 s ${f.maxPerWindow}  min gap ${f.minGapS?.toFixed(3)} s  refused ${f.refusedTotal}  missed ${f.undetected}`
  console.log(`1 pipeline, ${(REALTIME_PLAN[0]?.lengthMs ?? 0) / 1000} s run: real time over loopback against virtual time`)
  console.log(show('virtual', virtual))
  console.log(show('real', real))
  console.log(
    `${withinTolerance ? 'PASS' : 'FAIL'}: reads within ${TOLERANCE.reads}, mean delay within ${TOLERANCE.delayS} s, nothing refused or missed`,
  )
  if (!withinTolerance) process.exitCode = 1
}
