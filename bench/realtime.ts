// The virtual figures, checked against real time: one short case with the real clock, the real
// HTTP transport and the simulator's server on loopback, beside the same case in virtual time.
import { type Clock, systemClock } from '../src/core/time.ts'
import { createUndiciTransport, type Transport } from '../src/core/http.ts'
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

/**
 * How far the real run may stray from the virtual one on an idle machine. A busy machine wakes
 * the action late from its sleeps and answers on loopback slowly, where the virtual run spends
 * no time at all, and each such delay pushes the later reads back by as much: that time is
 * measured and allowed on top, so the check compares the schedule, not the machine's speed.
 */
export const TOLERANCE = { reads: 1, delayS: 1 }
/** The action's poll interval in this case: a read late by this much can move the count by one. */
const READ_INTERVAL_S = 3

export interface RealtimeComparison {
  readonly virtual: Figures
  readonly real: Figures
  /** Seconds the machine added to the real run: late wake-ups from its sleeps and time spent in requests. */
  readonly lateS: number
  readonly withinTolerance: boolean
}

/** The system clock and a real transport, keeping count of the time the machine adds: sleeps that end late, and requests. */
function lateCounting(): { clock: Clock; transport: Transport; lateMs: () => number } {
  let late = 0
  const real = createUndiciTransport()
  const clock: Clock = {
    now: systemClock.now,
    sleep: async (ms, signal) => {
      const due = Date.now() + Math.max(0, ms)
      await systemClock.sleep(ms, signal)
      late += Math.max(0, Date.now() - due)
    },
  }
  const transport: Transport = async (request, signal) => {
    const sent = Date.now()
    try {
      return await real(request, signal)
    } finally {
      late += Date.now() - sent
    }
  }
  return { clock, transport, lateMs: () => late }
}

export async function realTimeTrial(plans: readonly RunPlan[], seed: number): Promise<Figures & { readonly lateS: number }> {
  const clock = new StagingClock({ now: () => Date.now() })
  const simulator = new KondadoSimulator({ key: KEY, token: TOKEN, clock })
  await simulator.start()
  try {
    const waitStart = Date.now()
    const ends = stageRuns(simulator.model, clock, plans, waitStart)
    const counting = lateCounting()
    const result = await runActionStep({
      plans,
      clock: counting.clock,
      random: actionRandom(seed),
      transport: counting.transport,
      baseUrl: simulator.baseUrl,
    })
    const figures = summarize([
      toTrial(
        plans,
        ends,
        result,
        simulator.model.log.filter((entry) => entry.at >= waitStart),
      ),
    ])
    return { ...figures, lateS: counting.lateMs() / 1000 }
  } finally {
    await simulator.stop()
  }
}

export async function compareRealTime(): Promise<RealtimeComparison> {
  // Loopback takes a millisecond or so: the virtual run gets no network time either, like for like.
  const virtual = summarize([await actionTrial(REALTIME_PLAN, SEED, () => 0)])
  const { lateS, ...real } = await realTimeTrial(REALTIME_PLAN, SEED)
  const withinTolerance =
    Math.abs(real.readsPerRun - virtual.readsPerRun) <= TOLERANCE.reads + Math.ceil(lateS / READ_INTERVAL_S) &&
    Math.abs(real.delayMeanS - virtual.delayMeanS) <= TOLERANCE.delayS + lateS &&
    real.refusedTotal === 0 &&
    real.undetected === 0
  return { virtual, real, lateS, withinTolerance }
}

if (import.meta.main) {
  const { virtual, real, lateS, withinTolerance } = await compareRealTime()
  const show = (name: string, f: Figures): string =>
    `${name.padEnd(8)} reads ${f.readsPerRun}  delay ${f.delayMeanS.toFixed(2)} s  max in 60 s ${f.maxPerWindow}  min gap ${f.minGapS?.toFixed(3)} s  refused ${f.refusedTotal}  missed ${f.undetected}`
  console.log(`1 pipeline, ${(REALTIME_PLAN[0]?.lengthMs ?? 0) / 1000} s run: real time over loopback against virtual time`)
  console.log(show('virtual', virtual))
  console.log(show('real', real))
  console.log(
    `${withinTolerance ? 'PASS' : 'FAIL'}: reads within ${TOLERANCE.reads}, mean delay within ${TOLERANCE.delayS} s plus the ${lateS.toFixed(2)} s the machine added (late wake-ups, requests), nothing refused or missed`,
  )
  if (!withinTolerance) process.exitCode = 1
}
