import { KondadoModel } from '../simulator/index.ts'
import { seededRandom } from '../harness/virtual-clock.ts'
import type { Detection, TrialResult } from './metrics.ts'
import { KEY, latencySource, readRunning, stageRuns, StagingClock, timeoutFor, TOKEN, type RunPlan } from './world.ts'

/**
 * The strategies this action is compared with, kept as plain as their descriptions. Each sends
 * its reads to the same model, one at a time (the next leaves when the last answer is back),
 * in a time of its own that simply jumps forward: no scheduler, no retries.
 */
interface Session {
  /** Sends one status read at `at`; returns when its answer is back and what it said. */
  read(id: number, at: number): { readonly back: number; readonly running: boolean | undefined }
  finish(detected: ReadonlyMap<number, number>): TrialResult
  readonly deadline: number
}

function openSession(plans: readonly RunPlan[], oneWay: () => number): Session {
  let now = 0
  const clock = new StagingClock({ now: () => now })
  const model = new KondadoModel({ key: KEY, token: TOKEN, clock })
  const ends = stageRuns(model, clock, plans, 0)
  const query = new URLSearchParams({ key: KEY, token: TOKEN })
  const deadline = timeoutFor(plans)
  return {
    deadline,
    read(id, at) {
      now = at + oneWay()
      const answer = model.handle({ method: 'GET', path: `/pipelines/${id}/status`, query, body: '' })
      return { back: now + oneWay(), running: readRunning(answer.body, id) }
    },
    finish(detected) {
      const detections = plans.map((plan): Detection => {
        const at = detected.get(plan.id)
        return { id: plan.id, lengthMs: plan.lengthMs, endAt: ends.get(plan.id) as number, ...(at === undefined ? {} : { detectedAt: at }) }
      })
      return { requests: model.log.filter((entry) => entry.at >= 0), detections, deadline }
    },
  }
}

/**
 * What the peers do: read every unfinished pipeline, one after another, then sleep `intervalMs`,
 * until none is running. A refused read tells nothing and changes nothing; the first answer
 * showing a run at rest ends the wait for that pipeline (no second read to confirm).
 */
export function fixedTrial(intervalMs: number, plans: readonly RunPlan[], seed: number): TrialResult {
  const session = openSession(plans, latencySource(seededRandom(seed ^ 0x5eed)))
  const open = plans.map((p) => p.id)
  const detected = new Map<number, number>()
  let t = 0
  while (open.length > 0 && t <= session.deadline) {
    for (const id of [...open]) {
      const { back, running } = session.read(id, t)
      t = back
      if (running === false) {
        detected.set(id, back)
        open.splice(open.indexOf(id), 1)
      }
    }
    t += intervalMs
  }
  return session.finish(detected)
}

/** The budget: Kondado's 20 requests a minute, spent evenly (this also keeps them 3 s apart, over the 1 s rule). */
export const IDEAL_GAP_MS = 60_000 / 20
const IDEAL_ONE_WAY_MS = 100

/**
 * The yardstick once the budget is the limit: a read every IDEAL_GAP_MS, round robin over the
 * unfinished pipelines, the first answer at rest counted as detection. Its network time is
 * constant, so its reads reach Kondado exactly 3 s apart and none is refused.
 *
 * With `confirm`, it keeps this action's rule that a run is over only when a second read shows
 * the same resting state, and spends the very next slot on that read: the best a strategy
 * with that rule could do, which tells the cost of the rule apart from the cost of the schedule.
 */
export function idealTrial(plans: readonly RunPlan[], confirm = false): TrialResult {
  const session = openSession(plans, () => IDEAL_ONE_WAY_MS)
  const queue = plans.map((p) => p.id)
  const atRest = new Set<number>()
  const detected = new Map<number, number>()
  for (let t = 0; queue.length > 0 && t <= session.deadline; t += IDEAL_GAP_MS) {
    const id = queue.shift() as number
    const { back, running } = session.read(id, t)
    if (running === false && (!confirm || atRest.has(id))) {
      detected.set(id, back)
    } else if (running === false) {
      atRest.add(id)
      queue.unshift(id)
    } else {
      atRest.delete(id)
      queue.push(id)
    }
  }
  return session.finish(detected)
}
