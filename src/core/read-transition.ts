// What one status read means for a resource being waited for: pure, so every transition can be
// checked without a clock or a server.

import type { Health } from './health.ts'
import type { Tracked } from './tracked.ts'
import type { StatusSnapshot } from './types.ts'
import type { StepEvent, Verdict } from './vocabulary.ts'
import { observe, sameRestingState, type WaiterSettings } from './waiter.ts'

type NextMove = { readonly move: 'settle'; readonly verdict: Verdict } | { readonly move: 'rerun' } | { readonly move: 'read-again' }

export interface ReadTransition {
  readonly tracked: Tracked
  /** Told in this order: a status only when it changed, then that the run was seen. */
  readonly events: readonly StepEvent[]
  readonly next: NextMove
}

export const healthVerdict = (health: Health): Verdict => (health === 'unknown' ? 'unknown-status' : health)

/** `wait: false`: a run under way, the one triggered or one found running, is what the step returns on. */
export const verdictOnceUnderWay = (wait: boolean): Verdict | undefined => (wait ? undefined : 'started')

export function readTransition(
  before: Tracked,
  snapshot: StatusSnapshot,
  now: number,
  waiter: WaiterSettings,
  wait: boolean,
): ReadTransition {
  const { resource } = before
  const state = observe(before.state, snapshot, now, waiter)
  const changed = !before.state.last || !sameRestingState(before.state.last, snapshot)
  const seenStarting = before.state.phase === 'starting' && state.phase === 'busy'
  const events: StepEvent[] = [
    ...(changed ? [{ type: 'status', resource, snapshot } as const] : []),
    ...(seenStarting ? [{ type: 'run-seen', resource } as const] : []),
  ]
  const tracked = { ...before, state }
  const started = seenStarting ? verdictOnceUnderWay(wait) : undefined
  if (started) return { tracked, events, next: { move: 'settle', verdict: started } }
  if (state.phase !== 'done') return { tracked, events, next: { move: 'read-again' } }
  if (before.rerunPending) return { tracked: { ...tracked, rerunPending: false }, events, next: { move: 'rerun' } }
  const outcome = state.outcome ?? 'unknown'
  return { tracked, events, next: { move: 'settle', verdict: outcome === 'not-started' ? 'not-started' : healthVerdict(outcome) } }
}
