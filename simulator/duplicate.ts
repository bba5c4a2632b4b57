// Validation of the POST /pipelines (duplicate) body, field by field as the API doc states.

export interface DuplicateBase {
  tablePaths: readonly string[]
  /** The base pipeline's filled parameters; undefined means "not modelled, accept any". */
  parameters?: Record<string, unknown>
}

export interface DuplicatePayload {
  pipeline_id: number
  src_collection_id: number
  dest_collection_id: number
  client_id?: number
  full_tables: Record<string, string>
  deltas_tables?: Record<string, string>
  execute_immediately: 'Y' | 'N'
  name?: string
  overwrite_parameters?: Record<string, unknown>
}

export type DuplicateCheck = { ok: true; payload: DuplicatePayload } | { ok: false; message: string }

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0
}

function isFilled(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)
}

/** Keys must be exactly the base's table paths ("All paths present in the Pipeline must be provided"). */
function checkTables(field: string, v: unknown, paths: readonly string[]): string | null {
  if (!isObject(v)) return `${field}: must be a JSON object of table path -> table name`
  for (const path of paths) {
    if (!Object.hasOwn(v, path)) return `${field}: missing table path ${JSON.stringify(path)}`
  }
  for (const [path, name] of Object.entries(v)) {
    if (!paths.includes(path)) return `${field}: unknown table path ${JSON.stringify(path)}`
    if (typeof name !== 'string' || name.trim() === '')
      return `${field}: table name for path ${JSON.stringify(path)} must be a non-empty string`
  }
  return null
}

/**
 * Returns the first problem found, in the doc's field order, so a message names one
 * field and why. `findBase` looks up the base pipeline once pipeline_id is known good.
 */
export function checkDuplicateBody(body: string, findBase: (id: number) => DuplicateBase | undefined): DuplicateCheck {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return { ok: false, message: 'body: must be valid JSON' }
  }
  if (!isObject(parsed)) return { ok: false, message: 'body: must be a JSON object' }
  const p = parsed
  const fail = (message: string): DuplicateCheck => ({ ok: false, message })

  if (!isId(p.pipeline_id)) return fail('pipeline_id: required, must be a positive integer')
  const base = findBase(p.pipeline_id)
  if (base === undefined) return fail(`pipeline_id: pipeline ${p.pipeline_id} not found`)
  if (!isId(p.dest_collection_id)) return fail('dest_collection_id: required, must be a positive integer')
  if (!isId(p.src_collection_id)) return fail('src_collection_id: required, must be a positive integer')
  if (p.client_id !== undefined && !isId(p.client_id)) return fail('client_id: must be a positive integer')

  if (p.full_tables === undefined) return fail('full_tables: required')
  const full = checkTables('full_tables', p.full_tables, base.tablePaths)
  if (full !== null) return fail(full)
  if (p.deltas_tables !== undefined) {
    const deltas = checkTables('deltas_tables', p.deltas_tables, base.tablePaths)
    if (deltas !== null) return fail(deltas)
  }

  if (p.execute_immediately !== 'Y' && p.execute_immediately !== 'N') return fail('execute_immediately: required, must be "Y" or "N"')
  if (p.name !== undefined && typeof p.name !== 'string') return fail('name: must be a string')

  if (p.overwrite_parameters !== undefined) {
    if (!isObject(p.overwrite_parameters)) return fail('overwrite_parameters: must be a JSON object')
    if (base.parameters !== undefined) {
      for (const key of Object.keys(p.overwrite_parameters)) {
        if (!Object.hasOwn(base.parameters, key))
          return fail(`overwrite_parameters: parameter ${JSON.stringify(key)} does not exist in pipeline ${p.pipeline_id}`)
        if (!isFilled(base.parameters[key]))
          return fail(`overwrite_parameters: parameter ${JSON.stringify(key)} is not filled in pipeline ${p.pipeline_id}`)
      }
    }
  }
  return { ok: true, payload: p as unknown as DuplicatePayload }
}
