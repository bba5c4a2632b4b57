import type { StatusSnapshot } from '../../src/core/types.ts'

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
