// Reading the JSON of a good answer: a status, a run accepted, a new pipeline's id. An answer
// of another shape is an unreadable answer, never a guess; status text is scrubbed here, once.

import { isObject, type Json } from './kondado-answers.ts'
import { Problem } from './problem.ts'
import type { Redactor } from './redact.ts'
import { scrub } from './text.ts'
import type { StatusSnapshot } from './types.ts'

/**
 * A status answer is `{"<id>": {...}}` for pipelines and `{"success": true, "data": {"<id>": {...}}}`
 * for models; either shape is accepted for both, since Kondado does not promise which.
 */
export function parseStatus(json: Json, id: number, redact: Redactor): StatusSnapshot {
  const body = json.success === true && isObject(json.data) ? json.data : json
  const entry = body[String(id)]
  if (!isObject(entry) || typeof entry.status !== 'string' || entry.status === '') {
    throw new Problem('unreadable-answer', { excerpt: isObject(entry) ? 'no status in the answer' : `no entry for id ${id} in the answer` })
  }
  const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null)
  const text = (value: unknown): string | null =>
    value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value)
  return scrubbed(
    {
      status: entry.status,
      isRunning: flag(entry.is_running),
      isActive: flag(entry.is_active),
      isBlocked: flag(entry.is_blocked),
      kuboStatusType: text(entry.kubo_status_type),
      rawMsg: text(entry.raw_msg),
    },
    redact,
  )
}

/** Anything but the documented `{"success": true}` leaves it open whether the run was queued. */
export function parseRunAccepted(json: Json): void {
  if (json.success !== true) throw new Problem('unreadable-answer', { excerpt: 'no "success": true in the answer' })
}

/** The new id comes nested twice (`data.data.new_pipeline_id`); once is accepted too. */
export function parseNewPipelineId(json: Json): number {
  const outer = isObject(json.data) ? json.data : undefined
  const inner = outer && isObject(outer.data) ? outer.data : outer
  const id = inner?.new_pipeline_id
  const value = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new Problem('unreadable-answer', { excerpt: 'no new_pipeline_id in the answer' })
  }
  return value
}

/** Server text is made safe here, once, before the rest of the action sees it. */
function scrubbed(snapshot: StatusSnapshot, redact: Redactor): StatusSnapshot {
  // Error text made only of control characters would scrub to nothing and read as "no error".
  const text = (value: string | null): string | null =>
    value === null ? null : scrub(value, redact) || (value.trim() === '' ? '' : scrub(JSON.stringify(value), redact))
  return {
    ...snapshot,
    status: scrubWord(snapshot.status, redact),
    kuboStatusType: snapshot.kuboStatusType === null ? null : scrubWord(snapshot.kuboStatusType, redact),
    rawMsg: text(snapshot.rawMsg),
  }
}

/**
 * A status word that scrubbing had to change ("active\n", " active") is shown quoted, as
 * received: scrubbed, it could read as a known status and be judged healthy.
 */
function scrubWord(value: string, redact: Redactor): string {
  const scrubbed = scrub(value, redact, 80)
  return scrubbed !== value && /^[a-z_]+$/i.test(scrubbed) ? scrub(JSON.stringify(value), redact, 80) : scrubbed
}
