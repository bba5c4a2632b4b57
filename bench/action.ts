import type { Clock, Random } from '../src/core/time.ts'
import { composeStep } from '../src/core/index.ts'
import type { Transport } from '../src/core/http.ts'
import type { RunHistory } from '../src/core/run-history.ts'
import { KondadoModel } from '../simulator/index.ts'
import { modelTransport } from '../simulator/transport.ts'
import { seededRandom, VirtualClock } from '../harness/virtual-clock.ts'
import type { Detection, TrialResult } from './metrics.ts'
import { actionInputs } from './settings.ts'
import { KEY, latencySource, stageRuns, StagingClock, timeoutFor, TOKEN, type RunPlan } from './world.ts'

export interface ActionStepOptions {
  readonly plans: readonly RunPlan[]
  readonly clock: Clock
  readonly random: Random
  readonly transport: Transport
  readonly baseUrl?: string
  /** The run lengths the action remembers; absent: none, as without the cache. */
  readonly history?: RunHistory
}

export interface ActionStepResult {
  /** Clock time each pipeline was judged at, and whether it was judged healthy after its run. */
  readonly settled: ReadonlyMap<number, { readonly at: number; readonly verdict: string }>
  readonly deadline: number
  readonly pauses: number
  /** The memory with this step's runs added, when it was given one. */
  readonly history?: RunHistory
}

/**
 * The action's own core, wired by the composition root src/main.ts uses: the inputs parsed from
 * action.yml's defaults with `command: wait`. Only the clock and the transport are the bench's.
 */
export async function runActionStep(options: ActionStepOptions): Promise<ActionStepResult> {
  const { plans, clock, random, transport } = options
  const inputs = actionInputs({
    command: 'wait',
    key: KEY,
    token: TOKEN,
    'pipeline-id': plans.map((p) => p.id).join(','),
    timeout: `${Math.ceil(timeoutFor(plans) / 1000)}s`,
    ...(options.baseUrl ? { 'base-url': options.baseUrl } : {}),
  })
  let pauses = 0
  const settled = new Map<number, { at: number; verdict: string }>()
  const { deadline, history } = await composeStep(
    { ...inputs, settings: inputs.step, transport },
    {
      clock,
      random,
      ...(options.history ? { history: options.history } : {}),
      onPause: () => pauses++,
      onEvent: (event) => {
        if (event.type === 'settled') settled.set(event.report.resource.id, { at: clock.now(), verdict: event.report.verdict })
      },
    },
  )
  return { settled, deadline, pauses, ...(history ? { history } : {}) }
}

/** The action's jitter source for a trial: its own stream, apart from the one that planned the runs. */
export const actionRandom = (seed: number): Random => seededRandom(seed ^ 0xa11ce)

/** This action on one trial, in virtual time: hours of waiting take milliseconds. With a memory of earlier runs, the memory after it too. */
export async function actionTrial(
  plans: readonly RunPlan[],
  seed: number,
  oneWay = latencySource(seededRandom(seed ^ 0x5eed)),
  history?: RunHistory,
): Promise<TrialResult & { readonly history?: RunHistory }> {
  const clock = new VirtualClock(0)
  const staging = new StagingClock(clock)
  const model = new KondadoModel({ key: KEY, token: TOKEN, clock: staging })
  const waitStart = clock.now()
  const ends = stageRuns(model, staging, plans, waitStart)
  const transport = modelTransport(model, { clock, oneWay })
  const result = await runActionStep({ plans, clock, random: actionRandom(seed), transport, ...(history ? { history } : {}) })
  if (result.pauses > 0) throw new Error('bench: the action was told to pause by the rate limit')
  const trial = toTrial(
    plans,
    ends,
    result,
    model.log.filter((entry) => entry.at >= waitStart),
  )
  return result.history ? { ...trial, history: result.history } : trial
}

export function toTrial(
  plans: readonly RunPlan[],
  ends: ReadonlyMap<number, number>,
  result: ActionStepResult,
  requests: TrialResult['requests'],
): TrialResult {
  const detections = plans.map((plan): Detection => {
    const endAt = ends.get(plan.id) as number
    const settled = result.settled.get(plan.id)
    // A run the step did not judge healthy after its end was not detected: a timeout, or a verdict on a stale read.
    const seen = settled !== undefined && settled.verdict === 'healthy' && settled.at >= endAt
    return { id: plan.id, lengthMs: plan.lengthMs, endAt, ...(seen ? { detectedAt: settled.at } : {}) }
  })
  return { requests, detections, deadline: result.deadline }
}
