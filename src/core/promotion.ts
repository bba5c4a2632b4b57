// A promotion made once: what identifies it, what the earlier records of it mean for this step,
// and what a record holds. Where the records live (GitHub deployments) is the adapter's business,
// behind `PromotionRecords`.

import type { DuplicateRequest, IfPromoted, PromotionRecord } from './vocabulary.ts'

/**
 * What decides which production pipeline and tables a promotion makes. The name, the overwritten
 * parameters and `execute-immediately` are left out on purpose: changing them must not make a
 * second pipeline that writes the same tables, which is the harm these records exist to prevent.
 */
export interface PromotionIdentity {
  readonly environment: string
  readonly basePipelineId: number
  readonly sourceCollectionId: number
  readonly destinationCollectionId: number
  /** `null`: the base pipeline's account. */
  readonly clientId: number | null
  readonly fullTables: Readonly<Record<string, string>>
  readonly deltasTables: Readonly<Record<string, string>> | null
}

export function identityOf(environment: string, request: DuplicateRequest): PromotionIdentity {
  return {
    environment,
    basePipelineId: request.basePipelineId,
    sourceCollectionId: request.sourceCollectionId,
    destinationCollectionId: request.destinationCollectionId,
    clientId: request.clientId ?? null,
    fullTables: sorted(request.fullTables),
    deltasTables: request.deltasTables ? sorted(request.deltasTables) : null,
  }
}

const sorted = (tables: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(tables).sort(([a], [b]) => (a < b ? -1 : 1)))

/** The identity as one string: equal for equal identities, whatever order the table paths were given in. */
export const identityKey = (identity: PromotionIdentity): string =>
  JSON.stringify([
    identity.environment,
    identity.basePipelineId,
    identity.sourceCollectionId,
    identity.destinationCollectionId,
    identity.clientId,
    sorted(identity.fullTables),
    identity.deltasTables && sorted(identity.deltasTables),
  ])

/** How this step ended the promotion it recorded. */
export type PromotionEnd = { readonly state: 'promoted'; readonly pipelineId: number } | { readonly state: 'refused' | 'unknown' }

export function endOf(created: { readonly newPipelineId?: number; readonly outcomeUnknown?: boolean }): PromotionEnd {
  if (created.newPipelineId !== undefined) return { state: 'promoted', pipelineId: created.newPipelineId }
  return { state: created.outcomeUnknown ? 'unknown' : 'refused' }
}

export type Decision =
  | { readonly action: 'create' }
  | { readonly action: 'reuse'; readonly pipelineId: number; readonly runUrl: string }
  | { readonly action: 'stop'; readonly found: Exclude<PromotionRecord, { state: 'refused' }> }

/**
 * `records` newest first. A refused attempt created nothing, so the newest record that is not one
 * decides; an attempt whose outcome is not known stops the step, since sending again could make a
 * second pipeline, unless `if-promoted: create` asks for another anyway.
 */
export function decide(records: readonly PromotionRecord[], ifPromoted: IfPromoted): Decision {
  if (ifPromoted === 'create') return { action: 'create' }
  const found = records.find((record) => record.state !== 'refused')
  if (!found) return { action: 'create' }
  if (found.state === 'promoted' && ifPromoted === 'reuse') return { action: 'reuse', pipelineId: found.pipelineId, runUrl: found.runUrl }
  return { action: 'stop', found }
}

/** Why the records could not be used: the step then sends nothing, since an unread record protects against nothing. */
export class RecordsUnavailable extends Error {
  readonly reason: 'permission' | 'unreachable'
  readonly httpStatus: number | undefined

  constructor(reason: 'permission' | 'unreachable', httpStatus?: number) {
    super(`promotion records ${reason}${httpStatus ? ` (HTTP ${httpStatus})` : ''}`)
    this.name = 'RecordsUnavailable'
    this.reason = reason
    this.httpStatus = httpStatus
  }
}

/**
 * Records are believed only when written by one login (`expected`), and the token wrote this
 * step's as `wroteAs` (undefined when the answer did not say as whom): a later run would not
 * believe it, so it would protect against nothing, and the step sends nothing.
 */
export class RecordsWriterMismatch extends Error {
  readonly wroteAs: string | undefined
  readonly expected: string

  constructor(wroteAs: string | undefined, expected: string) {
    super(`promotion record written as ${wroteAs ?? 'another login'}, not ${expected}`)
    this.name = 'RecordsWriterMismatch'
    this.wroteAs = wroteAs
    this.expected = expected
  }
}

/** What a record holds besides its end: the identity to find it by, and what was asked of Kondado. */
export interface PromotionPayload {
  readonly identity: PromotionIdentity
  readonly identityKey: string
  readonly basePipelineId: number
  readonly name: string | null
  readonly runAtOnce: boolean
}

export const payloadOf = (identity: PromotionIdentity, request: DuplicateRequest): PromotionPayload => ({
  identity,
  identityKey: identityKey(identity),
  basePipelineId: request.basePipelineId,
  name: request.name ?? null,
  runAtOnce: request.runAtOnce,
})

/**
 * Where promotions are recorded. `find` gives this identity's records newest first; `start`
 * records one as under way before anything is sent, `finish` its end. Each throws
 * RecordsUnavailable when the records cannot be read or written; `start` throws
 * RecordsWriterMismatch when later runs would not believe the record it wrote.
 */
export interface PromotionRecords {
  find(identity: PromotionIdentity): Promise<readonly PromotionRecord[]>
  start(payload: PromotionPayload): Promise<RecordHandle>
  finish(handle: RecordHandle, end: PromotionEnd): Promise<void>
}

/** The adapter's own reference to a record it started. */
interface RecordHandle {
  readonly id: number
}
