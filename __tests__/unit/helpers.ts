import type { StatusSnapshot, StepSettings } from '../../src/core/vocabulary.ts'

/** A `run` of pipeline 2040 with the action's default timings. */
export const RUN_SETTINGS: StepSettings = {
  command: 'run',
  pipelineIds: [2040],
  modelIds: [],
  wait: true,
  ifRunning: 'wait',
  timeoutMs: 3_600_000,
  polling: { minIntervalMs: 3_000, maxIntervalMs: 120_000, startTimeoutMs: 120_000 },
  waitFor: 'current',
  modelStartTimeoutMs: 600_000,
}

/** A status read as the client returns it; fields Kondado left out are null. */
export function snap(status: string, extra: Partial<StatusSnapshot> = {}): StatusSnapshot {
  return { status, isRunning: null, isActive: null, isBlocked: null, kuboStatusType: null, rawMsg: null, ...extra }
}

/** Runs `fn` and returns what it threw, so a test can look at the error itself. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

/** The rejection of a promise, or a failure when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}
