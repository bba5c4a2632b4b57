// The health rules, all of them, in one table.
//
// `busy`: work is under way; a waiter keeps waiting. `healthy`: what the status means once the
// resource is at rest. A status missing from the table is unknown: never healthy, and never
// waited on either (a status we cannot read is reported, not guessed at).

import type { ResourceKind, RunBlocker, StatusSnapshot } from './vocabulary.ts'

interface StatusRule {
  readonly kinds: readonly ResourceKind[]
  readonly busy: boolean
  readonly healthy: boolean
}

const BOTH: readonly ResourceKind[] = ['pipeline', 'model']
const PIPELINE: readonly ResourceKind[] = ['pipeline']

const STATUS_RULES: Readonly<Record<string, StatusRule>> = {
  running: { kinds: BOTH, busy: true, healthy: true },
  scheduled: { kinds: BOTH, busy: true, healthy: true },
  // Tables are being (re)built: lasts seconds after a creation or an advanced edit.
  building_tables: { kinds: PIPELINE, busy: true, healthy: true },
  active: { kinds: BOTH, busy: false, healthy: true },
  not_active: { kinds: BOTH, busy: false, healthy: false },
  error_building_tables: { kinds: PIPELINE, busy: false, healthy: false },
  too_many_consecutive_failed_builds: { kinds: PIPELINE, busy: false, healthy: false },
  too_many_consecutive_failed_builds__blocked: { kinds: PIPELINE, busy: false, healthy: false },
}

/** A model is only healthy when its last configuration has been run. */
const HEALTHY_KUBO_STATUS = 'operational'

export type Health = 'healthy' | 'unhealthy' | 'unknown'

function ruleFor(kind: ResourceKind, status: string): StatusRule | undefined {
  const rule = Object.hasOwn(STATUS_RULES, status) ? STATUS_RULES[status] : undefined
  return rule?.kinds.includes(kind) ? rule : undefined
}

/**
 * Whether a waiter should keep waiting. `is_running` is believed over a resting status: the two
 * disagree only mid-change, and judging then could pass a run that is not over.
 */
export function isBusy(kind: ResourceKind, snapshot: StatusSnapshot): boolean {
  const rule = ruleFor(kind, snapshot.status)
  return rule !== undefined && (rule.busy || snapshot.isRunning === true)
}

/**
 * Why a resource at rest in a known status is not healthy, each cause once, in the order a user
 * would look for them; none means healthy. `status`: the status itself is not a healthy one.
 */
export type Cause = 'status' | 'error-text' | 'model-not-run' | 'mid-change'

export function causesOf(kind: ResourceKind, snapshot: StatusSnapshot): Cause[] {
  const rule = ruleFor(kind, snapshot.status)
  if (!rule) return []
  const causes: [Cause, boolean][] = [
    ['status', !rule.healthy],
    ['error-text', (snapshot.rawMsg ?? '').trim() !== ''],
    ['model-not-run', kind === 'model' && snapshot.kuboStatusType !== HEALTHY_KUBO_STATUS],
    // Contradicting flags are a resource mid-change, never a healthy one at rest.
    ['mid-change', !rule.busy && snapshot.isRunning === true],
  ]
  return causes.filter(([, applies]) => applies).map(([cause]) => cause)
}

/**
 * The verdict on one snapshot. A busy status is healthy only for a snapshot gate (`status`);
 * after waiting, a resource is judged at rest, so busy there cannot happen.
 */
export function judge(kind: ResourceKind, snapshot: StatusSnapshot): Health {
  if (!ruleFor(kind, snapshot.status)) return 'unknown'
  return causesOf(kind, snapshot).length === 0 ? 'healthy' : 'unhealthy'
}

/** The statuses a pipeline cannot run from (see RunBlocker). */
const RUN_BLOCKERS: Readonly<Record<string, RunBlocker>> = {
  not_active: 'disabled',
  too_many_consecutive_failed_builds__blocked: 'blocked',
  error_building_tables: 'tables-failed',
}

export function runBlocker(kind: ResourceKind, snapshot: StatusSnapshot): RunBlocker | undefined {
  if (kind !== 'pipeline' || isBusy(kind, snapshot)) return undefined
  return Object.hasOwn(RUN_BLOCKERS, snapshot.status) ? RUN_BLOCKERS[snapshot.status] : undefined
}

/** Tables being (re)built, for seconds after a creation or an advanced edit: not a run, and a run may follow it. */
export const isBuildingTables = (kind: ResourceKind, snapshot: StatusSnapshot): boolean =>
  kind === 'pipeline' && snapshot.status === 'building_tables'
